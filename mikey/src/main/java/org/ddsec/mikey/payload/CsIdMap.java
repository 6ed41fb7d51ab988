package org.ddsec.mikey.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/** The HDR's "#CS", "CS ID map type" and "CS ID map info" together. */
public sealed interface CsIdMap {

  CsIdMapType mapType();

  /** The "#CS" value. */
  int numCs();

  /** Writes the map info (after #CS and the map type). */
  void write(WireWriter w);

  List<Field> fields();

  /** SRTP-ID, RFC 3830 §6.1.1: per crypto session "Policy_no_i ! SSRC_i (32) ! ROC_i (32)". */
  record SrtpIdMap(List<SrtpCs> sessions) implements CsIdMap {
    public SrtpIdMap {
      sessions = List.copyOf(sessions);
      if (sessions.size() > 255) {
        throw new IllegalArgumentException("#CS: " + sessions.size() + " (expected: ≤ 255)");
      }
    }

    @Override
    public CsIdMapType mapType() {
      return CsIdMapType.SRTP_ID;
    }

    @Override
    public int numCs() {
      return sessions.size();
    }

    @Override
    public void write(WireWriter w) {
      for (SrtpCs cs : sessions) {
        w.u8(cs.policyNo()).u32(cs.ssrc()).u32(cs.roc());
      }
    }

    @Override
    public List<Field> fields() {
      List<List<Field>> items = new ArrayList<>();
      for (SrtpCs cs : sessions) {
        items.add(List.of(Field.num("Policy_no", cs.policyNo()), Field.num("SSRC", cs.ssrc()), Field.num("ROC", cs.roc())));
      }
      return List.of(Field.many("CS ID map info", items));
    }
  }

  /** One SRTP-ID entry. */
  record SrtpCs(int policyNo, long ssrc, long roc) {
    public SrtpCs {
      if (policyNo < 0 || policyNo > 255 || ssrc < 0 || ssrc > 0xFFFF_FFFFL || roc < 0 || roc > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("SRTP-ID entry out of range");
      }
    }
  }

  /** Empty map, RFC 4563 §5: no map info; policies are conveyed outside MIKEY. */
  record EmptyMap(int numCs) implements CsIdMap {
    public EmptyMap {
      if (numCs < 0 || numCs > 255) {
        throw new IllegalArgumentException("#CS: " + numCs);
      }
    }

    @Override
    public CsIdMapType mapType() {
      return CsIdMapType.EMPTY;
    }

    @Override
    public void write(WireWriter w) {}

    @Override
    public List<Field> fields() {
      return List.of();
    }
  }

  /** GENERIC-ID, RFC 6043 §6.1.1. */
  record GenericIdMap(List<GenericCs> sessions) implements CsIdMap {
    public GenericIdMap {
      sessions = List.copyOf(sessions);
      if (sessions.size() > 255) {
        throw new IllegalArgumentException("#CS: " + sessions.size() + " (expected: ≤ 255)");
      }
    }

    @Override
    public CsIdMapType mapType() {
      return CsIdMapType.GENERIC_ID;
    }

    @Override
    public int numCs() {
      return sessions.size();
    }

    @Override
    public void write(WireWriter w) {
      for (GenericCs cs : sessions) {
        w.u8(cs.csId()).u8(cs.protType().code()).u8((cs.s() ? 0x80 : 0) | cs.policies().size());
        for (int p : cs.policies()) {
          w.u8(p);
        }
        w.u16(cs.sessionData().length()).bytes(cs.sessionData());
        w.u8(cs.spi().length()).bytes(cs.spi());
      }
    }

    @Override
    public List<Field> fields() {
      List<List<Field>> items = new ArrayList<>();
      for (GenericCs cs : sessions) {
        List<Field> f = new ArrayList<>();
        f.add(Field.num("CS ID", cs.csId()));
        f.add(Field.code("Prot type", cs.protType()));
        f.add(Field.flag("S", cs.s()));
        f.add(Field.num("#P", cs.policies().size()).withKey("numP"));
        f.add(Field.text("Ps", cs.policies().toString()));
        f.add(Field.num("Session Data Length", cs.sessionData().length()));
        cs.ssrc().ifPresent(v -> f.add(Field.num("SSRC", v)));
        cs.roc().ifPresent(v -> f.add(Field.num("ROC", v)));
        cs.seq().ifPresent(v -> f.add(Field.num("SEQ", v)));
        f.add(Field.bytes("SPI", cs.spi()));
        items.add(f);
      }
      return List.of(Field.many("CS ID map info", items));
    }
  }

  /**
   * One GENERIC-ID block: "CS ID ! Prot type ! S (1) ! #P (7) ! Ps ~ ! Session Data Length (16) !
   * Session Data ~ ! SPI Length ! SPI ~". For SRTP the session data is empty, SSRC (S = 0) or
   * SSRC || ROC || SEQ (S = 1).
   */
  record GenericCs(int csId, ProtocolType protType, boolean s, List<Integer> policies, Bytes sessionData, Bytes spi) {
    public GenericCs {
      Objects.requireNonNull(protType, "protType");
      policies = List.copyOf(policies);
      if (csId < 0 || csId > 255 || policies.size() > 127 || spi.length() > 255 || sessionData.length() > 0xFFFF) {
        throw new IllegalArgumentException("GENERIC-ID entry out of range");
      }
      for (int p : policies) {
        if (p < 0 || p > 255) {
          throw new IllegalArgumentException("Policy_no: " + p);
        }
      }
      int expected = s ? 10 : 4;
      if (!sessionData.isEmpty() && sessionData.length() != expected) {
        throw new IllegalArgumentException("Session Data Length: " + sessionData.length() + " (expected: 0 or " + expected + " for S=" + (s ? 1 : 0) + ")");
      }
    }

    public Optional<Long> ssrc() {
      return sessionData.isEmpty() ? Optional.empty() : Optional.of(u32(sessionData, 0));
    }

    public Optional<Long> roc() {
      return sessionData.length() == 10 ? Optional.of(u32(sessionData, 4)) : Optional.empty();
    }

    public Optional<Integer> seq() {
      return sessionData.length() == 10 ? Optional.of(sessionData.get(8) << 8 | sessionData.get(9)) : Optional.empty();
    }

    private static long u32(Bytes b, int at) {
      return (long) b.get(at) << 24 | b.get(at + 1) << 16 | b.get(at + 2) << 8 | b.get(at + 3);
    }
  }

  /** Reads the map info of {@code type} for {@code numCs} crypto sessions. */
  static CsIdMap read(CsIdMapType type, int numCs, WireReader r) throws MikeyException {
    switch (type) {
      case SRTP_ID: {
        List<SrtpCs> cs = new ArrayList<>();
        for (int i = 0; i < numCs; i++) {
          cs.add(new SrtpCs(r.u8("Policy_no_" + (i + 1)), r.u32("SSRC_" + (i + 1)), r.u32("ROC_" + (i + 1))));
        }
        return new SrtpIdMap(cs);
      }
      case EMPTY:
        return new EmptyMap(numCs);
      case GENERIC_ID: {
        List<GenericCs> cs = new ArrayList<>();
        for (int i = 0; i < numCs; i++) {
          int id = r.u8("CS ID");
          ProtocolType pt = r.code8(ProtocolType::lookup, "Prot type", Reason.UNSUPPORTED_SP);
          int sp = r.u8("S / #P");
          List<Integer> ps = new ArrayList<>();
          for (int j = 0; j < (sp & 0x7F); j++) {
            ps.add(r.u8("Policy_no_" + (j + 1)));
          }
          boolean s = (sp & 0x80) != 0;
          int at = r.offset();
          int len = r.u16("Session Data Length");
          if (len != 0 && len != (s ? 10 : 4)) {
            throw new MikeyException(Reason.MALFORMED, "Session Data Length", at, len + " (expected: 0 or " + (s ? 10 : 4) + " for S=" + (s ? 1 : 0) + ")");
          }
          Bytes sd = r.bytes(len, "Session Data");
          Bytes spi = r.bytes(r.u8("SPI Length"), "SPI");
          cs.add(new GenericCs(id, pt, s, ps, sd, spi));
        }
        return new GenericIdMap(cs);
      }
      default:
        throw new AssertionError(type);
    }
  }
}
