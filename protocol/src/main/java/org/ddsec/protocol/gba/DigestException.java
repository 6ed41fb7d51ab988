package org.ddsec.protocol.gba;

/**
 * A malformed or unacceptable HTTP Digest header (RFC 2617 §3.2, RFC 3310 §3). The message
 * names the directive and what was expected; it never repeats a response digest or key bytes.
 */
public final class DigestException extends Exception {
  private static final long serialVersionUID = 1L;

  public DigestException(String message) {
    super(message);
  }
}
