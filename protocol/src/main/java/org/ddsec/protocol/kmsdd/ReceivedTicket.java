package org.ddsec.protocol.kmsdd;

import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.TicketPayload;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * A TICKET payload together with the exact bytes it came from: its body, i.e. the payload without
 * its Next Payload field — what the base ticket's MAC covers (RFC 6043 Appendix A.1) and what the
 * mailbox stores.
 */
public record ReceivedTicket(TicketPayload ticket, Bytes body) {

  public ReceivedTicket {
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(body, "body");
  }

  /** Payload {@code index} of {@code m}, which must be a TICKET. */
  public static ReceivedTicket from(MikeyMessage m, int index) {
    if (!(m.payloads().get(index) instanceof TicketPayload t)) {
      throw new IllegalArgumentException("payload " + index + " is not a TICKET");
    }
    Bytes all = m.payloadBytes(index);
    return new ReceivedTicket(t, all.slice(1, all.length() - 1));
  }

  /** The first TICKET of {@code m} whose Ticket Type is {@code ticketType}. */
  public static ReceivedTicket find(MikeyMessage m, int ticketType, String what) throws MikeyException {
    int found = -1;
    for (int i = 0; i < m.payloads().size(); i++) {
      if (m.payloads().get(i) instanceof TicketPayload t && t.policy().ticketType() == ticketType) {
        if (found >= 0) {
          throw new MikeyException(MikeyException.Reason.MALFORMED, what, "2 or more (expected: exactly 1)");
        }
        found = i;
      }
    }
    if (found < 0) {
      throw new MikeyException(MikeyException.Reason.UNSUPPORTED_TICKET, what,
          String.format("missing (expected: a TICKET of type 0x%04X)", ticketType));
    }
    return from(m, found);
  }

  /** Decodes a stored ticket body strictly (no trailing bytes). */
  public static ReceivedTicket decode(Bytes body) throws MikeyException {
    WireReader r = WireReader.of(body.toByteArray());
    TicketPayload t = TicketPayload.read(r);
    r.expectEnd("TICKET");
    return new ReceivedTicket(t, body);
  }

  /** The body of a ticket we built (the codec is canonical, so this is what a peer receives). */
  public static ReceivedTicket of(TicketPayload t) {
    WireWriter w = new WireWriter();
    t.write(w);
    return new ReceivedTicket(t, Bytes.of(w.toByteArray()));
  }
}
