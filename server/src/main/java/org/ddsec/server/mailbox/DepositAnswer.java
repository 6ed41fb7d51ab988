package org.ddsec.server.mailbox;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.ddsec.core.Bytes;

/** The mailbox service's answer to a {@link DepositOffer}. */
public sealed interface DepositAnswer {

  /**
   * Answer 200 OK: SDP with {@code a=key-mgmt:mikey} carrying {@code mikeyResponse} (the
   * TRANSFER_RESP) and {@code m=audio} at {@code localRtp}, where the service listens for SRTP. As
   * the answer to {@link DepositHandler#onPrack}: 200 OK to the PRACK with that SDP (the
   * R_MESSAGE_2), then 200 OK to the INVITE.
   */
  record Accept(Bytes mikeyResponse, InetSocketAddress localRtp, int payloadType) implements DepositAnswer {
    public Accept {
      Objects.requireNonNull(mikeyResponse, "mikeyResponse");
      Objects.requireNonNull(localRtp, "localRtp");
    }
  }

  /**
   * Answer a reliable 183 Session Progress (RFC 3262) whose SDP carries {@code mikeyResponse} (an
   * R_MESSAGE_1 of MIKEY-IBAKE) and {@code m=audio} at {@code localRtp}: a two-round key exchange
   * that continues in the caller's PRACK ({@link DepositHandler#onPrack}). Only for an offer with
   * {@link DepositOffer#reliableProvisionals()}.
   */
  record Progress(Bytes mikeyResponse, InetSocketAddress localRtp, int payloadType) implements DepositAnswer {
    public Progress {
      Objects.requireNonNull(mikeyResponse, "mikeyResponse");
      Objects.requireNonNull(localRtp, "localRtp");
    }
  }

  /**
   * Answer with a final error: {@code sipStatus} (e.g. 488 for an unacceptable key-management
   * offer, 404 for an unknown user, 503 when the KMS is unreachable) and, if the MIKEY exchange got
   * that far, the MIKEY Error message for the caller ({@code mikeyError}, may be empty).
   */
  record Reject(int sipStatus, String reason, Bytes mikeyError) implements DepositAnswer {
    public Reject {
      if (sipStatus < 300 || sipStatus > 699) {
        throw new IllegalArgumentException("SIP status: " + sipStatus + " (expected: a final error, 300-699)");
      }
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(mikeyError, "mikeyError");
    }
  }
}
