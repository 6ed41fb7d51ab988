package org.ddsec.crypto.mikey;

/**
 * The outkey_len of each message key, in bytes, as the negotiated algorithms need them.
 *
 * @param encrKeyBytes length of encr_key
 * @param authKeyBytes length of auth_key
 * @param saltKeyBytes length of salt_key
 */
public record KeyLengths(int encrKeyBytes, int authKeyBytes, int saltKeyBytes) {

  /** @throws IllegalArgumentException if a length is negative */
  public KeyLengths {
    if (encrKeyBytes < 0 || authKeyBytes < 0 || saltKeyBytes < 0) {
      throw new IllegalArgumentException(
          "key lengths: " + encrKeyBytes + "/" + authKeyBytes + "/" + saltKeyBytes + " bytes (expected: ≥ 0)");
    }
  }

  /**
   * The lengths a KEMAC/V pair needs: encr_key and salt_key for {@code encryption} (RFC 3830
   * §4.2.3, RFC 6043 §6.2), auth_key for {@code mac} (RFC 3830 §4.2.4, RFC 6043 §6.2).
   */
  public static KeyLengths of(KemacEncryption encryption, MikeyMac mac) {
    return new KeyLengths(encryption.encrKeyBytes(), mac.authKeyBytes(), encryption.saltKeyBytes());
  }
}
