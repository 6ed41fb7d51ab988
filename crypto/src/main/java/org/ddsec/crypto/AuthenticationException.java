package org.ddsec.crypto;

/**
 * Data failed a cryptographic integrity check: a MAC did not match (RFC 3830 §4.2.4, RFC 6043
 * §6.2) or an AES key-wrap integrity check failed (RFC 3394 §2.2.3).
 *
 * <p>Thrown by every verification method of the crypto module; none of them returns a boolean a
 * caller could ignore. The message names the algorithm and what failed, never a key, tag or
 * plaintext byte.
 */
public final class AuthenticationException extends Exception {

  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    super(message);
  }
}
