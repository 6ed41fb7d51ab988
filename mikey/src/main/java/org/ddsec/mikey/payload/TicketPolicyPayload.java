package org.ddsec.mikey.payload;

import java.util.List;
import java.util.Objects;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/** Ticket Policy payload (TP), RFC 6043 §6.10: the desired {@link TicketPolicy} without ticket data. */
public record TicketPolicyPayload(TicketPolicy policy) implements Payload {

  public TicketPolicyPayload {
    Objects.requireNonNull(policy, "policy");
  }

  @Override
  public PayloadType type() {
    return PayloadType.TP;
  }

  public static TicketPolicyPayload read(WireReader r) throws MikeyException {
    return new TicketPolicyPayload(TicketPolicy.read(r));
  }

  @Override
  public void write(WireWriter w) {
    policy.write(w);
  }

  @Override
  public List<Field> fields() {
    return policy.fields();
  }
}
