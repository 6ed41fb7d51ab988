package org.ddsec.mikey.payload;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * The Ticket Policy shared by the TP and TICKET payloads, RFC 6043 §6.10:
 *
 * <pre>
 * ! Ticket Type (16) ! Subtype ! Version ! PRF Func (7) ! D E F G H I J K L M N O ! Res (5) !
 * ! TP Data length (16) ! TP Data ~ !
 * </pre>
 *
 * TP Data is "First Payload" (one byte) followed by a chain of MIKEY payloads (IDRkms, IDRi,
 * TRs, TRe, TRr, KEMAC, IDRapp, IDRr); it is decoded into {@link #tpData}. The flag dependencies
 * of §6.10 are enforced: NOT D ⇒ L, G ⇒ F, NOT G ⇒ H, NOT H ⇒ G, I ⇒ E, K ⇒ D, M ⇒ F; the
 * reserved bits must be zero. {@code ticketType} is an assigned {@link TicketType} or private use.
 */
public record TicketPolicy(int ticketType, int subtype, int version, PrfFunction prf, Set<TicketFlag> flags, List<Payload> tpData) {

  public TicketPolicy {
    if (TicketType.lookup(ticketType) == null && !Registry.isPrivateTicketType(ticketType)) {
      throw new IllegalArgumentException("Ticket Type: " + ticketType + " (expected: 1, 2 or 61440-65534)");
    }
    if (subtype < 0 || subtype > 255 || version < 0 || version > 255) {
      throw new IllegalArgumentException("Subtype/Version: " + subtype + "/" + version + " (expected: 0-255)");
    }
    Objects.requireNonNull(prf, "prf");
    flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    tpData = List.copyOf(tpData);
    String bad = flagViolation(flags);
    if (bad != null) {
      throw new IllegalArgumentException(bad);
    }
  }

  public boolean has(TicketFlag f) {
    return flags.contains(f);
  }

  /** The first violated flag dependency of RFC 6043 §6.10, or null. */
  static String flagViolation(Set<TicketFlag> f) {
    if (!f.contains(TicketFlag.D) && !f.contains(TicketFlag.L)) return "flags: NOT D without L (expected: NOT D implies L)";
    if (f.contains(TicketFlag.G) && !f.contains(TicketFlag.F)) return "flags: G without F (expected: G implies F)";
    if (!f.contains(TicketFlag.G) && !f.contains(TicketFlag.H)) return "flags: neither G nor H (expected: NOT G implies H)";
    if (f.contains(TicketFlag.I) && !f.contains(TicketFlag.E)) return "flags: I without E (expected: I implies E)";
    if (f.contains(TicketFlag.K) && !f.contains(TicketFlag.D)) return "flags: K without D (expected: K implies D)";
    if (f.contains(TicketFlag.M) && !f.contains(TicketFlag.F)) return "flags: M without F (expected: M implies F)";
    return null;
  }

  static TicketPolicy read(WireReader r) throws MikeyException {
    int at = r.offset();
    int type = r.u16("Ticket Type");
    if (TicketType.lookup(type) == null && !Registry.isPrivateTicketType(type)) {
      throw new MikeyException(Reason.UNSUPPORTED_TICKET, "Ticket Type", at, "unknown value " + type + " (expected: 1, 2 or 61440-65534)");
    }
    int subtype = r.u8("Subtype");
    int version = r.u8("Version");
    int fAt = r.offset();
    int v = r.u24("PRF Func / flags / Res");
    PrfFunction prf = PrfFunction.lookup(v >>> 17);
    if (prf == null) {
      throw new MikeyException(Reason.UNSUPPORTED_PRF, "PRF Func", fAt, "unknown value " + (v >>> 17) + " (expected: 0-1)");
    }
    if ((v & 0x1F) != 0) {
      throw new MikeyException(Reason.MALFORMED, "Res", fAt, "0x" + Integer.toHexString(v & 0x1F) + " (expected: 0)");
    }
    EnumSet<TicketFlag> flags = EnumSet.noneOf(TicketFlag.class);
    for (TicketFlag f : TicketFlag.values()) {
      if ((v >>> f.bit() & 1) != 0) {
        flags.add(f);
      }
    }
    String bad = flagViolation(flags);
    if (bad != null) {
      throw new MikeyException(Reason.UNSUPPORTED_TP_PARAM, "flags", fAt, bad.substring("flags: ".length()));
    }
    WireReader tp = r.sub(r.u16("TP Data length"), "TP Data");
    List<Payload> data = PayloadChain.readNested(tp, PayloadChain.Scope.TP_DATA, "TP Data");
    return new TicketPolicy(type, subtype, version, prf, flags, data);
  }

  void write(WireWriter w) {
    w.u16(ticketType).u8(subtype).u8(version);
    int v = prf.code() << 17;
    for (TicketFlag f : flags) {
      v |= 1 << f.bit();
    }
    w.u24(v);
    byte[] tp = PayloadChain.writeNested(tpData);
    w.u16(tp.length).bytes(tp);
  }

  List<Field> fields() {
    List<Field> f = new ArrayList<>();
    TicketType known = TicketType.lookup(ticketType);
    f.add(Field.code("Ticket Type", ticketType, known != null ? known.rfcName() : "private use"));
    f.add(Field.num("Subtype", subtype));
    f.add(Field.num("Version", version));
    f.add(Field.code("PRF Func", prf));
    for (TicketFlag fl : TicketFlag.values()) {
      f.add(Field.flag(fl.name(), flags.contains(fl)));
    }
    f.add(PayloadChain.describe("TP Data", tpData));
    return f;
  }
}
