package org.ddsec.server.sip;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.protocol.sip.MediaType;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipParseException;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.sip.sdp.Attribute;
import org.ddsec.protocol.sip.sdp.KeyMgmt;
import org.ddsec.protocol.sip.sdp.MediaDescription;
import org.ddsec.protocol.sip.sdp.SessionDescription;

/**
 * One SIP message a {@link SipStack} sent or received, for a {@link SipObserver}: who (the
 * stack's name), which way, over which transport, between which addresses, and the message. The
 * derived accessors give what a ladder diagram prints: {@link #label()} ({@code INVITE}, {@code
 * 200 OK}), Call-ID, From/To URIs and a body summary. Nothing here is secret: SIP and SDP
 * (including the MIKEY message in {@code a=key-mgmt}) are public on the wire.
 *
 * @param stack the name of the stack that saw it (e.g. {@code ims-core}, {@code mailbox}, {@code alice})
 * @param local {@code host:port} of this end
 * @param remote {@code host:port} of the peer
 */
public record SipTraceEvent(Instant at, String stack, Direction direction, Transport transport, String local, String remote, SipMessage message) {

  /** Which way the message went. */
  public enum Direction {
    SENT,
    RECEIVED
  }

  public SipTraceEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(message, "message");
  }

  /** The method of a request, or {@code "<status> <reason>"} of a response. */
  public String label() {
    return message instanceof SipRequest r ? r.method() : ((SipResponse) message).status() + " " + ((SipResponse) message).reason();
  }

  /** The method, for a request. */
  public Optional<String> method() {
    return message instanceof SipRequest r ? Optional.of(r.method()) : Optional.empty();
  }

  /** The status, for a response. */
  public Optional<Integer> status() {
    return message instanceof SipResponse r ? Optional.of(r.status()) : Optional.empty();
  }

  /** The CSeq method (for a response: the method it answers). */
  public String cseqMethod() {
    return message.cseq().method();
  }

  public String callId() {
    return message.callId();
  }

  public String from() {
    return message.from().uri().toString();
  }

  public String to() {
    return message.to().uri().toString();
  }

  /**
   * The body in a line: for SDP the audio stream ({@code m=audio 40000 RTP/SAVP 0 8}), the
   * connection address and the size of an {@code a=key-mgmt:mikey} message; else type and size;
   * empty without a body.
   */
  public String bodySummary() {
    return summarize(message);
  }

  static String summarize(SipMessage m) {
    if (m.body().isEmpty()) {
      return "";
    }
    MediaType t = m.contentType().orElse(null);
    if (t == null || !t.is(MediaType.SDP)) {
      return (t == null ? "body" : t.type() + "/" + t.subtype()) + " " + m.body().length() + " bytes";
    }
    try {
      SessionDescription d = SessionDescription.parse(m.body());
      StringBuilder b = new StringBuilder("SDP");
      for (MediaDescription md : d.media()) {
        b.append(" m=").append(md.media()).append(' ').append(md.port()).append(' ').append(md.proto());
        for (String f : md.formats()) {
          b.append(' ').append(f);
        }
        d.connectionFor(md).ifPresent(c -> b.append(" c=").append(c.host()));
        Optional<org.ddsec.core.Bytes> mikey = KeyMgmt.mikeyFor(d, md);
        mikey.ifPresent(x -> b.append(", a=key-mgmt:mikey (").append(x.length()).append(" bytes)"));
        for (Attribute a : md.attributes()) {
          if (a.value() == null) {
            b.append(", a=").append(a.name());
          }
        }
      }
      return b.toString();
    } catch (SipParseException e) {
      return "SDP (unparsable: " + e.field() + ") " + m.body().length() + " bytes";
    }
  }

  /** {@code alice SENT UDP 127.0.0.1:5070 -> 127.0.0.1:5060 INVITE call-id}. */
  @Override
  public String toString() {
    return stack + " " + direction + " " + transport + " " + (direction == Direction.SENT ? local + " -> " + remote : remote + " -> " + local) + " "
        + label() + " " + callId();
  }
}
