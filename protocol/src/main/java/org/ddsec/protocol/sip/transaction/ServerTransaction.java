package org.ddsec.protocol.sip.transaction;

import java.util.Optional;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;

/**
 * A server transaction (RFC 3261 §17.2): absorbs request retransmissions, replays the last
 * response, and (for INVITE) retransmits final responses until the ACK.
 */
public final class ServerTransaction extends Transaction {

  SipResponse lastResponse;
  boolean ackReceived;
  String dialogKey;

  ServerTransaction(String key, SipRequest request, Hop from) {
    super(key, request, from, request.isMethod(SipRequest.INVITE) ? TransactionState.PROCEEDING : TransactionState.TRYING);
  }

  /** The last response sent, if any. */
  public Optional<SipResponse> lastResponse() {
    return Optional.ofNullable(lastResponse);
  }

  /** Whether a final response has been sent (the TU may send no other final response, except further 2xx). */
  public boolean finalSent() {
    return lastResponse != null && lastResponse.status() >= 200;
  }

  /** Whether the ACK for this INVITE's final response arrived. */
  public boolean ackReceived() {
    return ackReceived;
  }
}
