package org.ddsec.mikey.payload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.Span;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * The one walker of MIKEY's next-payload chain (RFC 3830 §5.2–5.3): each payload names the type
 * of the one after it; {@link PayloadType#LAST} ends the chain; SIGN has no next-payload field
 * and must be last. MIKEY payloads have no common length field, so an unknown next-payload value
 * is fatal; so is a payload that is not allowed in the {@link Scope} being read, and any byte
 * left after the last payload.
 */
public final class PayloadChain {

  /** Where a chain is read; each scope allows a fixed set of payload types. */
  public enum Scope {
    /** A MIKEY message after the HDR. */
    MESSAGE,
    /** A KEMAC's (decrypted) data: ID/IDR then Key data (RFC 3830 §6.2). */
    KEMAC,
    /** An IBAKE payload's (decrypted) data: identities and ECCPT (RFC 6267 §6.1.1). */
    IBAKE,
    /** An ESK payload's (decrypted) data: identity and SK (RFC 6267 §6.1.2). */
    ESK,
    /** The TP Data of a Ticket Policy (RFC 6043 §6.10). */
    TP_DATA,
    /** The Initiator Data of a TICKET (RFC 6043 §6.10). */
    INITIATOR_DATA,
    /** The Ticket Data of a MIKEY Base Ticket, after its THDR (RFC 6043 Appendix A). */
    TICKET_DATA;

    private static final Set<PayloadType> SUB_ONLY = EnumSet.of(PayloadType.KEY_DATA, PayloadType.SK, PayloadType.ECCPT);

    boolean allows(PayloadType t) {
      if (t == PayloadType.LAST) {
        return false;
      }
      switch (this) {
        case MESSAGE:
          return !SUB_ONLY.contains(t);
        case KEMAC:
          return t == PayloadType.ID || t == PayloadType.IDR || t == PayloadType.KEY_DATA;
        case IBAKE:
          return t == PayloadType.ID || t == PayloadType.IDR || t == PayloadType.ECCPT;
        case ESK:
          return t == PayloadType.ID || t == PayloadType.IDR || t == PayloadType.SK;
        default:
          // Nested message-like data: no SIGN (it ends messages only) and no TP/TICKET, which
          // bounds the nesting depth at two.
          return !SUB_ONLY.contains(t) && t != PayloadType.SIGN && t != PayloadType.TP && t != PayloadType.TICKET;
      }
    }
  }

  /** Payloads and where each lies (absolute offsets). */
  public record Chain(List<Payload> payloads, List<Span> spans) {
    public Chain {
      payloads = Collections.unmodifiableList(payloads);
      spans = Collections.unmodifiableList(spans);
    }
  }

  @FunctionalInterface
  private interface Reader {
    Payload read(WireReader r) throws MikeyException;
  }

  private static final Map<PayloadType, Reader> READERS = new EnumMap<>(PayloadType.class);

  static {
    READERS.put(PayloadType.KEMAC, KemacPayload::read);
    READERS.put(PayloadType.PKE, PkePayload::read);
    READERS.put(PayloadType.DH, DhPayload::read);
    READERS.put(PayloadType.SIGN, SignPayload::read);
    READERS.put(PayloadType.T, TimestampPayload::read);
    READERS.put(PayloadType.ID, IdPayload::read);
    READERS.put(PayloadType.CERT, CertPayload::read);
    READERS.put(PayloadType.CHASH, CertHashPayload::read);
    READERS.put(PayloadType.V, VerificationPayload::read);
    READERS.put(PayloadType.SP, SecurityPolicyPayload::read);
    READERS.put(PayloadType.RAND, RandPayload::read);
    READERS.put(PayloadType.ERR, ErrorPayload::read);
    READERS.put(PayloadType.TR, TimestampRolePayload::read);
    READERS.put(PayloadType.IDR, IdRolePayload::read);
    READERS.put(PayloadType.RANDR, RandRolePayload::read);
    READERS.put(PayloadType.TP, TicketPolicyPayload::read);
    READERS.put(PayloadType.TICKET, TicketPayload::read);
    READERS.put(PayloadType.KEY_DATA, KeyDataPayload::read);
    READERS.put(PayloadType.GENERAL_EXT, GeneralExtensionPayload::read);
    READERS.put(PayloadType.IBAKE, IbakePayload::read);
    READERS.put(PayloadType.ESK, EskPayload::read);
    READERS.put(PayloadType.SK, SecretKeyPayload::read);
    READERS.put(PayloadType.ECCPT, EccPointPayload::read);
    READERS.put(PayloadType.SAKKE, SakkePayload::read);
    for (PayloadType t : PayloadType.values()) {
      if (t != PayloadType.LAST && !READERS.containsKey(t)) {
        throw new AssertionError("no reader for " + t);
      }
    }
  }

  private PayloadChain() {}

  /**
   * Reads payloads until the chain ends, then requires {@code r} to be exhausted.
   *
   * @param first the type code of the first payload, as given by the field before it
   * @param firstAt the absolute offset of that field (for error messages)
   */
  public static Chain read(WireReader r, int first, int firstAt, Scope scope, String where) throws MikeyException {
    List<Payload> payloads = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    int code = first;
    int codeAt = firstAt;
    while (code != PayloadType.LAST.code()) {
      PayloadType t = PayloadType.lookup(code);
      if (t == null) {
        throw new MikeyException(Reason.UNKNOWN_PAYLOAD, "Next payload", codeAt, "unknown value " + code);
      }
      if (!scope.allows(t)) {
        throw new MikeyException(Reason.UNKNOWN_PAYLOAD, "Next payload", codeAt,
            t.rfcName() + " (expected: a payload allowed in " + where + ")");
      }
      int start = r.offset();
      if (t == PayloadType.SIGN) {
        payloads.add(SignPayload.read(r));
        code = PayloadType.LAST.code();
      } else {
        codeAt = r.offset();
        code = r.u8("Next payload");
        payloads.add(READERS.get(t).read(r));
      }
      spans.add(new Span(start, r.offset() - start));
    }
    r.expectEnd(where);
    return new Chain(payloads, spans);
  }

  /** Reads "First Payload" (one byte) and its chain, or nothing from an empty field. */
  static List<Payload> readNested(WireReader r, Scope scope, String where) throws MikeyException {
    if (!r.hasRemaining()) {
      return List.of();
    }
    int at = r.offset();
    int first = r.u8(where + " First Payload");
    if (first == PayloadType.LAST.code()) {
      throw new MikeyException(Reason.MALFORMED, where + " First Payload", at, "0 (expected: a payload, or an empty field)");
    }
    return read(r, first, at, scope, where).payloads();
  }

  /** Writes a chain: each payload preceded by the type of the next (SIGN only last, with none). */
  public static void write(WireWriter w, List<Payload> payloads, Scope scope) {
    for (int i = 0; i < payloads.size(); i++) {
      Payload p = payloads.get(i);
      if (!scope.allows(p.type())) {
        throw new IllegalArgumentException(p.type().rfcName() + " is not allowed in scope " + scope);
      }
      if (p.type() == PayloadType.SIGN) {
        if (i != payloads.size() - 1) {
          throw new IllegalArgumentException("SIGN must be the last payload");
        }
      } else {
        w.u8(i + 1 < payloads.size() ? payloads.get(i + 1).type().code() : PayloadType.LAST.code());
      }
      p.write(w);
    }
  }

  /** The type code the field before a chain carries: its first payload's, or LAST. */
  public static int firstCode(List<Payload> payloads) {
    return payloads.isEmpty() ? PayloadType.LAST.code() : payloads.get(0).type().code();
  }

  /** "First Payload" and the chain, for TP Data and Initiator Data; empty for no payloads. */
  static byte[] writeNested(List<Payload> payloads) {
    if (payloads.isEmpty()) {
      return new byte[0];
    }
    WireWriter w = new WireWriter();
    w.u8(firstCode(payloads));
    write(w, payloads, Scope.TP_DATA);
    return w.toByteArray();
  }

  /** A nested chain as one field holding a structure per payload. */
  public static Field describe(String label, List<Payload> payloads) {
    List<List<Field>> items = new ArrayList<>();
    for (Payload p : payloads) {
      List<Field> f = new ArrayList<>();
      f.add(Field.text("type", p.type().rfcName()));
      f.addAll(p.fields());
      items.add(f);
    }
    return Field.many(label, items);
  }
}
