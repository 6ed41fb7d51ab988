package org.ddsec.server.sip;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the SIP-over-TLS transport against slow or hostile peers.
 *
 * @param handshakeTimeout a TLS handshake must complete within this (else the connection is closed)
 * @param frameTimeout a SIP message, once its first byte arrived, must be complete within this
 *     (slowloris-style partial frames are cut off)
 * @param idleTimeout a connection without any traffic is closed after this
 * @param maxConnections accepted connections at once; further ones are closed at once
 * @param maxQueuedMessages messages queued for a peer that does not read; beyond, the connection is closed
 */
public record TlsSettings(Duration handshakeTimeout, Duration frameTimeout, Duration idleTimeout, int maxConnections, int maxQueuedMessages) {

  /** 10 s handshake, 10 s per message, 15 min idle, 1,000 connections, 1,000 queued messages. */
  public static final TlsSettings DEFAULT = new TlsSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(15), 1000, 1000);

  public TlsSettings {
    Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(frameTimeout, "frameTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (maxConnections < 1 || maxQueuedMessages < 1) {
      throw new IllegalArgumentException("TLS limits: " + maxConnections + " connections, " + maxQueuedMessages + " messages (expected: at least 1)");
    }
  }

  public TlsSettings withFrameTimeout(Duration d) {
    return new TlsSettings(handshakeTimeout, d, idleTimeout, maxConnections, maxQueuedMessages);
  }

  public TlsSettings withHandshakeTimeout(Duration d) {
    return new TlsSettings(d, frameTimeout, idleTimeout, maxConnections, maxQueuedMessages);
  }
}
