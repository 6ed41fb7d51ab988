package org.ddsec.server.mailbox;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.ddsec.core.Bytes;

/**
 * What the SIP front learned from a forwarded INVITE.
 *
 * @param callId the dialog's Call-ID
 * @param callee the user the call was for (ID-B): the original Request-URI, from History-Info
 *     (RFC 7044) or, failing that, the To URI
 * @param caller the caller's asserted identity (ID-A): P-Asserted-Identity set by the IMS core
 * @param mikey the MIKEY message of the offer's {@code a=key-mgmt:mikey} attribute (RFC 4567), decoded from base64
 * @param remoteRtp where the caller sends its RTP from (SDP c= and m=audio port)
 * @param payloadType the RTP payload type the caller offered first (0 PCMU, 8 PCMA)
 * @param reliableProvisionals whether the INVITE offered 100rel (Supported or Require, RFC 3262):
 *     only then may the handler answer {@link DepositAnswer.Progress}
 */
public record DepositOffer(String callId, String callee, String caller, Bytes mikey, InetSocketAddress remoteRtp, int payloadType,
    boolean reliableProvisionals) {

  /** An offer from an INVITE without 100rel. */
  public DepositOffer(String callId, String callee, String caller, Bytes mikey, InetSocketAddress remoteRtp, int payloadType) {
    this(callId, callee, caller, mikey, remoteRtp, payloadType, false);
  }

  public DepositOffer {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(callee, "callee");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(mikey, "mikey");
    Objects.requireNonNull(remoteRtp, "remoteRtp");
  }
}
