package org.ddsec.crypto.srtp;

/**
 * Lengths, in bytes, of the session keys to derive from an SRTP master key: the {@code n_e},
 * {@code n_a} and {@code n_s} of the cryptographic context (RFC 3711 §4.3.1).
 *
 * @param encrKeyBytes n_e / 8
 * @param authKeyBytes n_a / 8
 * @param saltKeyBytes n_s / 8
 */
public record SessionKeyLengths(int encrKeyBytes, int authKeyBytes, int saltKeyBytes) {

  /** @throws IllegalArgumentException if a length is negative or above 2^20 bytes (RFC 3711 §4.3.3) */
  public SessionKeyLengths {
    check("n_e", encrKeyBytes);
    check("n_a", authKeyBytes);
    check("n_s", saltKeyBytes);
  }

  /**
   * AES-CM with HMAC-SHA1 (RFC 3711 §5, RFC 6188 §6): the session encryption key as long as the
   * master key, a 160-bit auth key and a 112-bit salt.
   */
  public static SessionKeyLengths aesCmHmacSha1(int encrKeyBytes) {
    return new SessionKeyLengths(encrKeyBytes, 20, 14);
  }

  private static void check(String what, int n) {
    if (n < 0 || n > AesCounterMode.MAX_KEYSTREAM_BYTES) {
      throw new IllegalArgumentException(what + ": " + n + " bytes (expected: 0.." + AesCounterMode.MAX_KEYSTREAM_BYTES + ")");
    }
  }
}
