package org.ddsec.protocol.sip.transaction;

import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipRequest;

/** A client transaction (RFC 3261 §17.1): the layer retransmits the request and matches its responses. */
public final class ClientTransaction extends Transaction {

  ClientTransaction(String key, SipRequest request, Hop hop) {
    super(key, request, hop, request.isMethod(SipRequest.INVITE) ? TransactionState.CALLING : TransactionState.TRYING);
  }
}
