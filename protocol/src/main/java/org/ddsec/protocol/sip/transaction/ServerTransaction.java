package org.ddsec.protocol.sip.transaction;

import java.util.Optional;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;

/**
 * A server transaction (RFC 3261 §17.2): absorbs request retransmissions, replays the last
 * response, and (for INVITE) retransmits final responses until the ACK and reliable provisional
 * responses until their PRACK (RFC 3262).
 */
public final class ServerTransaction extends Transaction {

  SipResponse lastResponse;
  boolean ackReceived;
  String dialogKey;
  /** The reliable provisional response awaiting its PRACK (RFC 3262 §3), or null. */
  SipResponse unacknowledged;
  /** The RSeq of the last reliable provisional sent, or -1. */
  long lastRSeq = -1;
  /** Where the layer files this transaction for PRACK matching, or null. */
  String prackKey;

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

  /** The reliable provisional response sent and not yet PRACKed (RFC 3262 §3), if any. */
  public Optional<SipResponse> unacknowledgedReliable() {
    return Optional.ofNullable(unacknowledged);
  }

  /** The RSeq of the last reliable provisional response sent in this transaction, or -1. */
  public long lastRSeq() {
    return lastRSeq;
  }
}
