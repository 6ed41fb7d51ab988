package org.ddsec.protocol.ibakedd;

import java.util.Objects;
import org.ddsec.core.Bytes;

/**
 * A deferred message's security parameters as the mailbox stores them and hands them to the
 * recipient (seed Fig. 27, "stores the ESK with the media and conveys A's authenticated
 * identity"): the message id, the originator the mailbox authenticated in the IBAKE exchange, the
 * recipient, and A's I_MESSAGE_2 exactly as received — it carries the ESK {@code E_B(ID-A, SK)},
 * the CSB ID, RAND and SRTP crypto session the media keys derive from, and (signed profile) A's
 * ECCSI signature over all of it. Nothing in it is secret.
 */
public record StoredMessage(Bytes msgId, String idA, String idB, Bytes iMessage2) {

  public StoredMessage {
    Objects.requireNonNull(msgId, "msgId");
    Objects.requireNonNull(idA, "idA");
    Objects.requireNonNull(idB, "idB");
    Objects.requireNonNull(iMessage2, "iMessage2");
    if (msgId.length() != IbakeProfile.MESSAGE_ID_BYTES) {
      throw new IllegalArgumentException("msg-id: " + msgId.length() + " bytes (expected: " + IbakeProfile.MESSAGE_ID_BYTES + ")");
    }
  }

  @Override
  public String toString() {
    return "StoredMessage[" + msgId.hex() + ", " + idA + " -> " + idB + ", I_MESSAGE_2 " + iMessage2.length() + " bytes]";
  }
}
