package org.ddsec.protocol.ibakedd;

import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.TrafficKeys;

/**
 * What the initiator holds once an exchange completed (R_MESSAGE_2 verified).
 *
 * @param idB the callee A dialled
 * @param answeredBy the authenticated responder: B itself, or B's mailbox (deferred delivery)
 * @param deferred whether the mailbox answered (A sent an ESK)
 * @param msgId the deferred message's id (empty for a live session)
 * @param mediaKey the TGK the SRTP keys come from: the session TGK from K_SESSION (live), or the
 *     Secret Key SK A sent to B in the ESK (deferred) — never the A–mailbox session key
 * @param srtp SRTP master key and salt of crypto session 1
 */
public record IbakeCall(String idB, String answeredBy, boolean deferred, long csbId, long ssrc, Optional<Bytes> msgId,
    SecretBytes mediaKey, TrafficKeys srtp) {

  public IbakeCall {
    Objects.requireNonNull(idB, "idB");
    Objects.requireNonNull(answeredBy, "answeredBy");
    Objects.requireNonNull(msgId, "msgId");
    Objects.requireNonNull(mediaKey, "mediaKey");
    Objects.requireNonNull(srtp, "srtp");
  }

  @Override
  public String toString() {
    return "IbakeCall[" + idB + " answered by " + answeredBy + (deferred ? " (deferred " + msgId.map(Bytes::hex).orElse("") + ")" : "")
        + ", SSRC " + ssrc + "]";
  }
}
