package org.ddsec.mikey.payload;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * Security Policy payload (SP), RFC 3830 §6.10: "Next payload ! Policy no ! Prot type ! Policy
 * param length (16) ! Policy param ~", the parameters a list of Type/Length/Value.
 *
 * <p>For SRTP (§6.10.1, plus RFC 4771 type 13 and RFC 7714 type 20) every parameter type must be
 * known and appear at most once, and the enumerated ones must carry a known one-byte value:
 * encryption algorithm 0–6 (NULL, AES-CM, AES-F8, RFC 5669's SEED-CTR/CCM/GCM, RFC 7714's
 * AES-GCM), authentication algorithm 0–4 (NULL, HMAC-SHA-1, RFC 4771's RCCm1–3), SRTP PRF 0
 * (AES-CM), FEC order 0, and the off/on switches 0 or 1.
 */
public record SecurityPolicyPayload(int policyNo, ProtocolType protType, List<Param> params) implements Payload {

  /** One Type/Length/Value policy parameter. */
  public record Param(int type, Bytes value) {
    public Param {
      if (type < 0 || type > 255 || value.length() > 255) {
        throw new IllegalArgumentException("policy param: type " + type + ", length " + value.length());
      }
    }

    public static Param u8(SrtpPolicyType type, int v) {
      return new Param(type.code(), Bytes.of((byte) v));
    }

    /** The value as an unsigned big-endian integer. */
    public long asLong() {
      long v = 0;
      for (int i = 0; i < value.length(); i++) {
        v = v << 8 | value.get(i);
      }
      return v;
    }
  }

  public SecurityPolicyPayload {
    if (policyNo < 0 || policyNo > 255) {
      throw new IllegalArgumentException("Policy no: " + policyNo);
    }
    Objects.requireNonNull(protType, "protType");
    params = List.copyOf(params);
    int total = 0;
    for (Param p : params) {
      total += 2 + p.value().length();
    }
    if (total > 0xFFFF) {
      throw new IllegalArgumentException("Policy param length: " + total + " (expected: ≤ 65535)");
    }
    String bad = srtpViolation(params);
    if (bad != null) {
      throw new IllegalArgumentException(bad);
    }
  }

  /** The value of an SRTP parameter, when present. */
  public Optional<Param> param(SrtpPolicyType t) {
    return params.stream().filter(p -> p.type() == t.code()).findFirst();
  }

  @Override
  public PayloadType type() {
    return PayloadType.SP;
  }

  public static SecurityPolicyPayload read(WireReader r) throws MikeyException {
    int no = r.u8("Policy no");
    ProtocolType pt = r.code8(ProtocolType::lookup, "Prot type", Reason.UNSUPPORTED_SP);
    int len = r.u16("Policy param length");
    WireReader pr = r.sub(len, "Policy param");
    List<Param> params = new ArrayList<>();
    while (pr.hasRemaining()) {
      int at = pr.offset();
      int t = pr.u8("Policy param Type");
      Bytes v = pr.bytes(pr.u8("Policy param Length"), "Policy param Value");
      params.add(new Param(t, v));
      String bad = srtpViolation(params);
      if (bad != null) {
        throw new MikeyException(Reason.UNSUPPORTED_SP_PARAM, "Policy param", at, bad);
      }
    }
    return new SecurityPolicyPayload(no, pt, params);
  }

  /** Null when {@code params} (SRTP) are acceptable; else the message for the first violation. */
  private static String srtpViolation(List<Param> params) {
    Set<Integer> seen = new HashSet<>();
    for (Param p : params) {
      SrtpPolicyType t = SrtpPolicyType.lookup(p.type());
      if (t == null) {
        return "Type " + p.type() + " (expected: 0-13 or 20)";
      }
      if (!seen.add(p.type())) {
        return "Type " + p.type() + " appears twice (expected: once)";
      }
      int max = switch (t) {
        case ENCRYPTION_ALGORITHM -> 6;
        case AUTHENTICATION_ALGORITHM -> 4;
        case SRTP_PRF, FEC_ORDER -> 0;
        case SRTP_ENCRYPTION, SRTCP_ENCRYPTION, SRTP_AUTHENTICATION -> 1;
        default -> -1;
      };
      if (max >= 0) {
        if (p.value().length() != 1) {
          return t.rfcName() + ": length " + p.value().length() + " (expected: 1)";
        }
        if (p.value().get(0) > max) {
          return t.rfcName() + ": value " + p.value().get(0) + " (expected: 0-" + max + ")";
        }
      } else if (p.value().isEmpty()) {
        return t.rfcName() + ": length 0 (expected: ≥ 1)";
      }
    }
    return null;
  }

  @Override
  public void write(WireWriter w) {
    int total = 0;
    for (Param p : params) {
      total += 2 + p.value().length();
    }
    w.u8(policyNo).u8(protType.code()).u16(total);
    for (Param p : params) {
      w.u8(p.type()).u8(p.value().length()).bytes(p.value());
    }
  }

  @Override
  public List<Field> fields() {
    List<List<Field>> items = new ArrayList<>();
    for (Param p : params) {
      SrtpPolicyType t = SrtpPolicyType.lookup(p.type());
      items.add(List.of(Field.code("Type", p.type(), t.rfcName()), Field.num("Length", p.value().length()),
          Field.num("Value", p.asLong())));
    }
    return List.of(Field.num("Policy no", policyNo), Field.code("Prot type", protType), Field.many("Policy param", items));
  }
}
