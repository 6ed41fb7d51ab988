package org.ddsec.protocol.sip.transaction;

import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipRequest;

/** A client transaction (RFC 3261 §17.1): the layer retransmits the request and matches its responses. */
public final class ClientTransaction extends Transaction {

  /** Per early dialog (To tag): the RSeq of the last in-order reliable provisional received (RFC 3262 §4). */
  final java.util.Map<String, Long> lastRSeq = new java.util.HashMap<>(2);

  ClientTransaction(String key, SipRequest request, Hop hop) {
    super(key, request, hop, request.isMethod(SipRequest.INVITE) ? TransactionState.CALLING : TransactionState.TRYING);
  }
}
