package org.ddsec.protocol.flow;

import java.util.Objects;
import org.ddsec.core.Bytes;

/** One message on an in-memory wire: sender, addressee, transport and the exact body bytes. */
public record Envelope(String from, String to, Channel channel, Bytes body) {

  public Envelope {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(body, "body");
  }

  /** The same envelope with {@code body} instead (what a tampering interceptor delivers). */
  public Envelope withBody(Bytes body) {
    return new Envelope(from, to, channel, body);
  }
}
