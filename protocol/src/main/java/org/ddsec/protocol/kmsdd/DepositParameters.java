package org.ddsec.protocol.kmsdd;

import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.kmsdd.KmsDdKdf;

/**
 * The security parameters of one deposited message, as the mailbox keeps them and hands them to
 * the recipient (seed Fig. 18 step 3): the message id, the plain identities, A's TRANSFER_INIT as
 * received (it holds {@code Ea(Ra, ID-A, ID-B)} and the SRTP parameters) and the retrieval token
 * {@code Ekms(Ka)} (a TICKET payload body). Nothing in it is secret.
 */
public record DepositParameters(Bytes msgId, String idA, String idB, Bytes transferInit, Bytes token) {

  public DepositParameters {
    Objects.requireNonNull(msgId, "msgId");
    Objects.requireNonNull(idA, "idA");
    Objects.requireNonNull(idB, "idB");
    Objects.requireNonNull(transferInit, "transferInit");
    Objects.requireNonNull(token, "token");
    if (msgId.length() != KmsDdKdf.MESSAGE_ID_BYTES) {
      throw new IllegalArgumentException("msg-id: " + msgId.length() + " bytes (expected: " + KmsDdKdf.MESSAGE_ID_BYTES + ")");
    }
  }

  @Override
  public String toString() {
    return "DepositParameters[msgId=" + msgId.hex() + ", " + idA + " -> " + idB + ", TRANSFER_INIT " + transferInit.length()
        + " bytes, token " + token.length() + " bytes]";
  }
}
