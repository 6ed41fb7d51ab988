package org.ddsec.mikey.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * Ticket payload (TICKET), RFC 6043 §6.10: the granted {@link TicketPolicy}, then "Ticket Data
 * length (16) ! Ticket Data ~ ! Initiator Data length (16) ! Initiator Data ~".
 *
 * <p>Ticket Data is opaque here (its format is the ticket type's: {@link BaseTicket} decodes
 * the MIKEY Base Ticket). Initiator Data, when present, is "First Payload" and a chain of
 * payloads (Vi, Vr). The MAC of a TRANSFER_INIT does not cover the two Initiator Data fields
 * (RFC 6043 §5.5), which are always the last {@link #initiatorDataFieldsLength()} bytes of the
 * payload.
 */
public record TicketPayload(TicketPolicy policy, Bytes ticketData, List<Payload> initiatorData) implements Payload {

  public TicketPayload {
    Objects.requireNonNull(policy, "policy");
    if (ticketData.length() > 0xFFFF) {
      throw new IllegalArgumentException("Ticket Data length: " + ticketData.length() + " (expected: ≤ 65535)");
    }
    initiatorData = List.copyOf(initiatorData);
  }

  /** Bytes taken by "Initiator Data length" and "Initiator Data" at the end of the payload. */
  public int initiatorDataFieldsLength() {
    return 2 + PayloadChain.writeNested(initiatorData).length;
  }

  @Override
  public PayloadType type() {
    return PayloadType.TICKET;
  }

  public static TicketPayload read(WireReader r) throws MikeyException {
    TicketPolicy p = TicketPolicy.read(r);
    Bytes td = r.bytes(r.u16("Ticket Data length"), "Ticket Data");
    WireReader id = r.sub(r.u16("Initiator Data length"), "Initiator Data");
    return new TicketPayload(p, td, PayloadChain.readNested(id, PayloadChain.Scope.INITIATOR_DATA, "Initiator Data"));
  }

  @Override
  public void write(WireWriter w) {
    policy.write(w);
    w.u16(ticketData.length()).bytes(ticketData);
    byte[] id = PayloadChain.writeNested(initiatorData);
    w.u16(id.length).bytes(id);
  }

  @Override
  public List<Field> fields() {
    List<Field> f = new ArrayList<>(policy.fields());
    f.add(Field.num("Ticket Data length", ticketData.length()));
    f.add(Field.bytes("Ticket Data", ticketData));
    f.add(PayloadChain.describe("Initiator Data", initiatorData));
    return f;
  }
}
