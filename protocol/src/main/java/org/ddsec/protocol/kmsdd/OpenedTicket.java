package org.ddsec.protocol.kmsdd;

import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.payload.IdRolePayload;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.TicketPolicy;
import org.ddsec.mikey.payload.TimestampPayload;

/**
 * A base ticket whose V verified and whose KEMAC was decrypted: the Ticket Policy (plain), the
 * THDR Data, T, RAND, the optional IDRpsk, and the decrypted KEMAC sub-payloads (key material in
 * {@code SecretBytes} inside Key data payloads).
 */
public record OpenedTicket(TicketPolicy policy, Bytes thdr, TimestampPayload t, Bytes rand, Optional<IdRolePayload> idrPsk,
    List<Payload> secret) {

  public OpenedTicket {
    secret = List.copyOf(secret);
  }
}
