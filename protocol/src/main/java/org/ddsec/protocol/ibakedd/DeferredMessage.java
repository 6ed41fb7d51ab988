package org.ddsec.protocol.ibakedd;

import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.TrafficKeys;

/**
 * A deferred message as the recipient opened it (seed Fig. 27 step 12): the originator, the SRTP
 * crypto session of the stored media, the Secret Key from the ESK and the SRTP master key and
 * salt derived from it.
 *
 * @param originatorVerified whether B checked A's ECCSI signature itself (signed profile); in the
 *     strict RFC 6267 profile B has only the mailbox's word and the ESK's own ID for it
 */
public record DeferredMessage(Bytes msgId, String originator, boolean originatorVerified, long csbId, long ssrc, SecretBytes sk,
    TrafficKeys srtp) {

  public DeferredMessage {
    Objects.requireNonNull(msgId, "msgId");
    Objects.requireNonNull(originator, "originator");
    Objects.requireNonNull(sk, "sk");
    Objects.requireNonNull(srtp, "srtp");
  }

  @Override
  public String toString() {
    return "DeferredMessage[" + msgId.hex() + " from " + originator + (originatorVerified ? " (signature verified)" : "") + ", SSRC " + ssrc + "]";
  }
}
