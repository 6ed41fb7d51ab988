package org.ddsec.crypto.mikey;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.AuthenticationException;
import org.ddsec.crypto.srtp.AesCounterMode;

/**
 * The KEMAC "Encr alg" (RFC 3830 §6.2 Table 6.2.a, RFC 6043 §6.2 Table 6.5) and the encryption of
 * the KEMAC "Encr data" field, the concatenated Key data sub-payloads (RFC 3830 §4.2.3).
 *
 * <ul>
 *   <li>AES-CM-128 / AES-CM-256: AES in counter mode as in SRTP, with SRTP_PREFIX_LENGTH 0 and
 *       {@code IV = (S XOR (0x0000 || CSB ID || T)) || 0x0000}, S the 112-bit salt key and T the
 *       initiator's 64-bit timestamp. No integrity: the MAC of the V or KEMAC payload provides it.
 *   <li>AES-KW-128: the AES key wrap of RFC 3394 with a 128-bit key and the 64-bit salt key S as
 *       the initial value; unwrapping checks integrity and throws {@link AuthenticationException}.
 *   <li>NULL: no encryption; only where the transport is protected (RFC 3830 §4.2.3).
 * </ul>
 *
 * <p>Both keys come from the §4.1.4 derivation ({@link MikeyKeyDerivation}) with lengths {@link
 * #encrKeyBytes()} and {@link #saltKeyBytes()}. The timestamp is the 64-bit value: a 32-bit
 * COUNTER is padded with leading zeros (RFC 3830 §6.6), an NTP-UTC-32 value with a zero
 * fraction (RFC 6043 §6.3); a ticket's KEMAC uses CSB ID 0xFFFFFFFF (RFC 6043 Appendix A.1).
 */
public enum KemacEncryption {

  /** Code 0, NULL: the data travels in clear. Named insecure because it is. */
  INSECURE_NULL(0, "NULL", 0, 0),

  /** Code 1, AES-CM-128 (RFC 3830 §4.2.3): 128-bit key, 112-bit salt. */
  AES_CM_128(1, "AES-CM-128", 16, 14),

  /** Code 2, AES-KW-128 (RFC 3830 §4.2.3, RFC 3394): 128-bit key, 64-bit salt as the IV. */
  AES_KW_128(2, "AES-KW-128", 16, 8),

  /** Code 3, AES-CM-256 (RFC 6043 §6.2): AES-CM-128 with a 256-bit key. */
  AES_CM_256(3, "AES-CM-256", 32, 14);

  private final int code;
  private final String rfcName;
  private final int encrKeyBytes;
  private final int saltKeyBytes;

  KemacEncryption(int code, String rfcName, int encrKeyBytes, int saltKeyBytes) {
    this.code = code;
    this.rfcName = rfcName;
    this.encrKeyBytes = encrKeyBytes;
    this.saltKeyBytes = saltKeyBytes;
  }

  /** The "Encr alg" value. */
  public int code() {
    return code;
  }

  /** The name of the RFC tables, e.g. {@code "AES-CM-128"}. */
  public String rfcName() {
    return rfcName;
  }

  /** Length of encr_key: 0, 16 or 32 bytes. */
  public int encrKeyBytes() {
    return encrKeyBytes;
  }

  /** Length of salt_key: 14 bytes for AES-CM, 8 for AES-KW, 0 for NULL. */
  public int saltKeyBytes() {
    return saltKeyBytes;
  }

  /**
   * The algorithm for an "Encr alg" value.
   *
   * @throws IllegalArgumentException naming the value when it is not 0..3
   */
  public static KemacEncryption fromCode(int code) {
    for (KemacEncryption e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "Encr alg: " + code + " (expected: 0 NULL, 1 AES-CM-128, 2 AES-KW-128 or 3 AES-CM-256)");
  }

  /**
   * Encrypts the Key data sub-payloads for the KEMAC "Encr data" field.
   *
   * @param encrKey encr_key, {@link #encrKeyBytes()} long (ignored for NULL)
   * @param saltKey salt_key S, {@link #saltKeyBytes()} long (ignored for NULL)
   * @param csbId the 32-bit CSB ID of the HDR (AES-CM only)
   * @param timestamp the initiator's 64-bit timestamp T (AES-CM only)
   * @param plaintext the encoded Key data sub-payloads; for AES-KW a multiple of 8 bytes, at least
   *     16 (RFC 3394 §2)
   * @return the ciphertext, as long as the plaintext (AES-CM, NULL) or 8 bytes longer (AES-KW)
   * @throws IllegalArgumentException on a key, salt, CSB ID or plaintext length the algorithm
   *     does not take
   */
  public byte[] encrypt(SecretBytes encrKey, SecretBytes saltKey, long csbId, long timestamp, SecretBytes plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] p = plaintext.unsafeBytes();
    try {
      switch (this) {
        case INSECURE_NULL:
          return p.clone();
        case AES_KW_128:
          if (p.length < 16 || p.length % 8 != 0) {
            throw new IllegalArgumentException(
                rfcName + " plaintext: " + p.length + " bytes (expected: a multiple of 8, at least 16)");
          }
          return keyWrap(Cipher.ENCRYPT_MODE, encrKey, saltKey, p);
        default:
          return AesCounterMode.apply(checkKey(encrKey), aesCmIv(saltKey, csbId, timestamp), p);
      }
    } catch (AuthenticationException e) {
      throw new AssertionError("key wrapping does not check integrity", e);
    } finally {
      SecretBytes.wipe(p);
    }
  }

  /**
   * Decrypts a KEMAC "Encr data" field into the encoded Key data sub-payloads.
   *
   * @return a new secret the caller owns
   * @throws AuthenticationException for AES-KW, if the ciphertext is not a multiple of 8 bytes of
   *     at least 24, or the unwrapped integrity check value is not S (RFC 3394 §2.2.3); AES-CM
   *     and NULL do not check integrity and never throw it
   * @throws IllegalArgumentException on a key, salt or CSB ID the algorithm does not take
   */
  public SecretBytes decrypt(SecretBytes encrKey, SecretBytes saltKey, long csbId, long timestamp, byte[] ciphertext)
      throws AuthenticationException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    switch (this) {
      case INSECURE_NULL:
        return SecretBytes.copyOf(ciphertext);
      case AES_KW_128:
        if (ciphertext.length < 24 || ciphertext.length % 8 != 0) {
          throw new AuthenticationException(
              rfcName + " ciphertext: " + ciphertext.length + " bytes (expected: a multiple of 8, at least 24)");
        }
        return SecretBytes.wrap(keyWrap(Cipher.DECRYPT_MODE, encrKey, saltKey, ciphertext));
      default:
        return SecretBytes.wrap(AesCounterMode.apply(checkKey(encrKey), aesCmIv(saltKey, csbId, timestamp), ciphertext));
    }
  }

  /**
   * {@code IV = (S XOR (0x0000 || CSB ID || T)) || 0x0000} (RFC 3830 §4.2.3): S is 112 bits, the
   * 16-bit zero, 32-bit CSB ID and 64-bit T are aligned under it, and 16 zero bits follow.
   */
  byte[] aesCmIv(SecretBytes saltKey, long csbId, long timestamp) {
    checkSalt(saltKey);
    if (csbId < 0 || csbId > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("CSB ID: " + csbId + " (expected: 32 bits)");
    }
    byte[] iv = new byte[AesCounterMode.BLOCK_BYTES];
    byte[] s = saltKey.unsafeBytes();
    System.arraycopy(s, 0, iv, 0, 14);
    SecretBytes.wipe(s);
    for (int i = 0; i < 4; i++) {
      iv[2 + i] ^= (byte) (csbId >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      iv[6 + i] ^= (byte) (timestamp >>> (56 - 8 * i));
    }
    return iv;
  }

  private byte[] keyWrap(int mode, SecretBytes encrKey, SecretBytes saltKey, byte[] in) throws AuthenticationException {
    checkKey(encrKey);
    checkSalt(saltKey);
    byte[] k = encrKey.unsafeBytes();
    byte[] s = saltKey.unsafeBytes();
    try {
      Cipher c = Cipher.getInstance("AES/KW/NoPadding");
      c.init(mode, new SecretKeySpec(k, "AES"), new IvParameterSpec(s));
      return c.doFinal(in);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      // SunJCE reports a failed RFC 3394 integrity check as IllegalBlockSizeException.
      throw new AuthenticationException(rfcName + " integrity check failed");
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/KW/NoPadding (RFC 3394) is in SunJCE since JDK 17", e);
    } finally {
      SecretBytes.wipe(k);
      SecretBytes.wipe(s);
    }
  }

  private SecretBytes checkKey(SecretBytes encrKey) {
    Objects.requireNonNull(encrKey, "encrKey");
    if (encrKey.length() != encrKeyBytes) {
      throw new IllegalArgumentException(rfcName + " encr_key: " + encrKey.length() + " bytes (expected: " + encrKeyBytes + ")");
    }
    return encrKey;
  }

  private void checkSalt(SecretBytes saltKey) {
    Objects.requireNonNull(saltKey, "saltKey");
    if (saltKey.length() != saltKeyBytes) {
      throw new IllegalArgumentException(rfcName + " salt_key: " + saltKey.length() + " bytes (expected: " + saltKeyBytes + ")");
    }
  }
}
