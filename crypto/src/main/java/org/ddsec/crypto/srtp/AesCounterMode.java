package org.ddsec.crypto.srtp;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ddsec.core.SecretBytes;

/**
 * AES in counter mode as SRTP defines it (RFC 3711 §4.1.1): the keystream segment for a 128-bit
 * {@code IV} is {@code E(k, IV) || E(k, IV + 1 mod 2^128) || E(k, IV + 2 mod 2^128) || ...}.
 *
 * <p>Used by SRTP/SRTCP encryption, by the SRTP key derivation (RFC 3711 §4.3.3) and by MIKEY's
 * AES-CM KEMAC encryption (RFC 3830 §4.2.3). Keys are AES-128, -192 or -256 (RFC 6188). One IV
 * may produce at most {@link #MAX_BLOCKS_PER_IV} blocks: the low 16 bits of the IV are the block
 * counter, and more blocks would reuse keystream (RFC 3711 §4.1.1).
 */
public final class AesCounterMode {

  /** AES block size. */
  public static final int BLOCK_BYTES = 16;

  /** At most 2^16 keystream blocks per IV (RFC 3711 §4.1.1). */
  public static final int MAX_BLOCKS_PER_IV = 1 << 16;

  /** Longest keystream one IV may produce, 2^20 bytes (2^23 bits). */
  public static final int MAX_KEYSTREAM_BYTES = MAX_BLOCKS_PER_IV * BLOCK_BYTES;

  private AesCounterMode() {}

  /**
   * The first {@code length} bytes of the keystream segment for {@code iv}.
   *
   * @throws IllegalArgumentException if the key is not 16, 24 or 32 bytes, the IV not 16 bytes,
   *     or {@code length} is negative or above {@link #MAX_KEYSTREAM_BYTES}
   */
  public static byte[] keystream(SecretBytes key, byte[] iv, int length) {
    checkLength(length);
    return apply(key, iv, new byte[length]);
  }

  /**
   * {@code data} XOR the keystream for {@code iv}: encrypts or decrypts (the mode is its own
   * inverse). Returns a new array; {@code data} is not modified.
   *
   * @throws IllegalArgumentException as {@link #keystream}
   */
  public static byte[] apply(SecretBytes key, byte[] iv, byte[] data) {
    Objects.requireNonNull(data, "data");
    checkLength(data.length);
    Cipher c = cipher(key, iv);
    try {
      return c.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/CTR/NoPadding does not fail on doFinal", e);
    }
  }

  /**
   * The SRTP/SRTCP packet IV of RFC 3711 §4.1.1: {@code (k_s * 2^16) XOR (SSRC * 2^64) XOR (i *
   * 2^16)}.
   *
   * @param sessionSalt the 112-bit session salting key k_s
   * @param ssrc the 32-bit SSRC
   * @param index the 48-bit SRTP packet index, or the 31-bit SRTCP index
   * @throws IllegalArgumentException if the salt is not 14 bytes or a value exceeds its width
   */
  public static byte[] srtpIv(SecretBytes sessionSalt, long ssrc, long index) {
    if (sessionSalt.length() != 14) {
      throw new IllegalArgumentException("session salt: " + sessionSalt.length() + " bytes (expected: 14)");
    }
    if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("SSRC: " + ssrc + " (expected: 32 bits)");
    }
    if (index < 0 || index > SrtpKdf.MAX_SRTP_INDEX) {
      throw new IllegalArgumentException("packet index: " + index + " (expected: 48 bits)");
    }
    byte[] iv = new byte[BLOCK_BYTES];
    byte[] s = sessionSalt.unsafeBytes();
    System.arraycopy(s, 0, iv, 0, 14);
    SecretBytes.wipe(s);
    for (int i = 0; i < 4; i++) {
      iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
    }
    for (int i = 0; i < 6; i++) {
      iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
    }
    return iv;
  }

  private static void checkLength(int length) {
    if (length < 0 || length > MAX_KEYSTREAM_BYTES) {
      throw new IllegalArgumentException(
          "AES-CM keystream: " + length + " bytes (expected: 0.." + MAX_KEYSTREAM_BYTES + " per IV)");
    }
  }

  private static Cipher cipher(SecretBytes key, byte[] iv) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(iv, "iv");
    int n = key.length();
    if (n != 16 && n != 24 && n != 32) {
      throw new IllegalArgumentException("AES key: " + n + " bytes (expected: 16, 24 or 32)");
    }
    if (iv.length != BLOCK_BYTES) {
      throw new IllegalArgumentException("AES-CM IV: " + iv.length + " bytes (expected: 16)");
    }
    byte[] k = key.unsafeBytes();
    try {
      Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(iv));
      return c;
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/CTR/NoPadding with a 128/192/256-bit key is mandatory in the JCE", e);
    } finally {
      SecretBytes.wipe(k);
    }
  }
}
