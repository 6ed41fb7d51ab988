package org.ddsec.protocol.sip;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a message goes or came from: transport, host (an IP literal or a name) and port. For a
 * stream transport a hop also names the connection (its remote end), so that a response or a
 * request to a registered UE reuses the connection the peer opened (RFC 3261 §18.2.2).
 */
public record Hop(Transport transport, String host, int port) {

  public Hop {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("hop host: empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("hop port: " + port + " (expected: 1..65535)");
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
  }

  /**
   * Where a request for {@code uri} goes (RFC 3263 §4 without DNS: the URI's host and port, the
   * {@code transport} parameter or TLS for sips:, UDP otherwise, the default port of the transport).
   *
   * @throws IllegalArgumentException for a transport ddsec does not speak
   */
  public static Hop of(SipUri uri) {
    Transport t;
    try {
      t = uri.transport().isPresent() ? Transport.fromToken(uri.transport().get()) : uri.secure() ? Transport.TLS : Transport.UDP;
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (uri.secure() && t != Transport.TLS) {
      throw new IllegalArgumentException("sips: URI with transport=" + t + " (expected: TLS)");
    }
    return new Hop(t, uri.host(), uri.port() > 0 ? uri.port() : defaultPort(t));
  }

  /** The default port of a transport: 5060 for UDP, 5061 for TLS (RFC 3261 §19.1.2). */
  public static int defaultPort(Transport t) {
    return t == Transport.TLS ? 5061 : 5060;
  }

  @Override
  public String toString() {
    return transport + ":" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
