package org.ddsec.protocol.sip.transaction;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipRequest;

/**
 * A SIP transaction (RFC 3261 §17): the request that started it, the hop it runs over, its state.
 * Owned and changed only by the {@link TransactionLayer}; the TU reads it and passes it back.
 */
public abstract sealed class Transaction permits ClientTransaction, ServerTransaction {

  final String key;
  final SipRequest request;
  final Hop hop;
  TransactionState state;
  final Map<TimerName, Armed> timers = new EnumMap<>(TimerName.class);

  /** A running timer: when it fires next and its current interval (for doubling). */
  record Armed(Instant deadline, Duration interval, long seq) {}

  Transaction(String key, SipRequest request, Hop hop, TransactionState state) {
    this.key = key;
    this.request = request;
    this.hop = hop;
    this.state = state;
  }

  /** The request that created the transaction (for a server transaction: as first received). */
  public SipRequest request() {
    return request;
  }

  /** Where requests go (client) or where responses go back to (server: the request's source). */
  public Hop hop() {
    return hop;
  }

  public TransactionState state() {
    return state;
  }

  public boolean isInvite() {
    return request.isMethod(SipRequest.INVITE);
  }

  public boolean reliable() {
    return hop.transport().reliable();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + request.method() + " " + request.callId() + " " + state + "]";
  }
}
