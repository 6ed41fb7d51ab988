package org.ddsec.server.sip;

import org.ddsec.protocol.sip.Transport;

/**
 * Sees every SIP message a {@link SipStack} sends or receives (retransmissions included) and
 * every input it refuses. Called synchronously on the stack's threads: implementations must be
 * fast and thread-safe; an exception they throw is caught and ignored.
 */
public interface SipObserver {

  /** An observer that ignores everything. */
  SipObserver NONE = e -> {};

  void onMessage(SipTraceEvent event);

  /**
   * Input the stack refused (unparsable, over the size limit, a stalled TLS frame): {@code
   * reason} names the field and the rule; {@code answered} is the status sent back, or 0 if the
   * input was dropped or the connection closed without an answer.
   */
  default void onRefused(String stack, Transport transport, String remote, String reason, int answered) {}
}
