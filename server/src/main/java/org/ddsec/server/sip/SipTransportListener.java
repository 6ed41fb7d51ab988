package org.ddsec.server.sip;

import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipMessage;

/** How transports hand input to the {@link SipStack} (package-private plumbing). */
interface SipTransportListener {

  /** A parsed message from {@code from}, received on the transport whose local end is {@code local}. */
  void received(SipMessage message, Hop from, String local);

  /** Input refused at the transport. */
  void refused(Hop from, String reason, int answered);

  /** A connection to {@code remote} failed or closed; messages queued for it are lost. */
  void connectionLost(Hop remote);

  /** A message the transport sent (for the observer). */
  void sent(SipMessage message, Hop to, String local);
}
