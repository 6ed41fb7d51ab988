package org.ddsec.protocol.sip.transaction;

import java.util.Objects;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;

/**
 * What the {@link TransactionLayer} asks its runtime to do or tells its TU, in order: send bytes,
 * deliver a request or response, report a timeout. Effects carry no socket: the runtime maps
 * {@link Hop}s onto its transports.
 */
public sealed interface Effect {

  /** Send {@code message} to {@code to}. */
  record Transmit(SipMessage message, Hop to) implements Effect {
    public Transmit {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(to, "to");
    }
  }

  /** A new request arrived; the TU must answer it through {@link TransactionLayer#respond}. */
  record RequestArrived(ServerTransaction transaction) implements Effect {}

  /**
   * An ACK that is not part of an INVITE transaction (the ACK for a 2xx, RFC 3261 §13.2.2.4):
   * {@code invite} is the Accepted INVITE server transaction it belongs to, or null when none is
   * known here (a proxy then routes it like any in-dialog request).
   */
  record AckArrived(SipRequest ack, Hop from, ServerTransaction invite) implements Effect {}

  /**
   * A CANCEL for {@code invite}, which has no final response yet; the layer already answered the
   * CANCEL with 200 (RFC 3261 §9.2); the TU answers the INVITE (a UAS with 487).
   */
  record CancelArrived(ServerTransaction invite, SipRequest cancel) implements Effect {}

  /** A response for {@code transaction}; {@code retransmission} for further 2xx in the Accepted state. */
  record ResponseArrived(ClientTransaction transaction, SipResponse response, boolean retransmission) implements Effect {}

  /** A response matching no client transaction (RFC 3261 §17.1.3; RFC 6026 §8.6). */
  record StrayResponse(SipResponse response, Hop from) implements Effect {}

  /** Timer B or F fired, or the transport failed: the request got no final response (RFC 3261 §17.1.1.2, §17.1.4). */
  record ClientTimedOut(ClientTransaction transaction) implements Effect {}

  /** No ACK for the final response of an INVITE server transaction (Timer H, or Timer L after a 2xx). */
  record AckTimedOut(ServerTransaction transaction) implements Effect {}

  /**
   * A PRACK (RFC 3262) that matched the unacknowledged reliable provisional response of {@code
   * invite}: the layer stopped retransmitting that response; the TU must answer {@code prack}
   * with a 2xx (RFC 3262 §3) and may now send further reliable provisionals or the 2xx to the
   * INVITE. A PRACK that matches nothing is answered 481 by the layer and never reaches the TU.
   */
  record PrackArrived(ServerTransaction prack, ServerTransaction invite) implements Effect {}

  /**
   * The reliable provisional response of {@code invite} was retransmitted for 64·T1 without a
   * PRACK (RFC 3262 §3): the TU should reject the INVITE with a 5xx.
   */
  record PrackTimedOut(ServerTransaction invite) implements Effect {}

  /** The transaction reached Terminated and left the layer. */
  record Ended(Transaction transaction) implements Effect {}
}
