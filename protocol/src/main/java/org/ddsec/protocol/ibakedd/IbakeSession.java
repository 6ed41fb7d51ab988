package org.ddsec.protocol.ibakedd;

import java.util.Objects;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.TrafficKeys;

/**
 * What a live responder (B online) holds once it sent R_MESSAGE_2: the authenticated initiator,
 * the session's TGK (RFC 6267 §5.1) and the SRTP keys of crypto session 1.
 */
public record IbakeSession(String idA, long csbId, long ssrc, SecretBytes tgk, TrafficKeys srtp) {

  public IbakeSession {
    Objects.requireNonNull(idA, "idA");
    Objects.requireNonNull(tgk, "tgk");
    Objects.requireNonNull(srtp, "srtp");
  }

  @Override
  public String toString() {
    return "IbakeSession[from " + idA + ", CSB " + Long.toHexString(csbId) + ", SSRC " + ssrc + "]";
  }
}
