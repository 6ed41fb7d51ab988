package org.ddsec.crypto.mikey;

import java.util.Arrays;
import java.util.Objects;
import org.ddsec.core.SecretBytes;

/**
 * The MIKEY key-derivation PRFs, by their "PRF func" code point in the HDR payload (RFC 3830
 * §6.1, RFC 6043 §6.1 Table 6.3).
 *
 * <p>Both follow RFC 3830 §4.1.2: the inkey is split into 256-bit blocks {@code s_1 .. s_n}
 * (the last one possibly shorter), {@code m = ceil(outkey_len / hash_len)}, and the outkey is the
 * {@code outkey_len} most significant bits of {@code P(s_1, label, m) XOR ... XOR P(s_n, label,
 * m)}. {@link #MIKEY_1} uses HMAC-SHA-1 (hash_len 160); {@link #PRF_HMAC_SHA_256} uses
 * HMAC-SHA-256 and 256 in place of 160 (RFC 6043 §6.1). The 256-bit inkey block size is the
 * same for both (half the hash input block of SHA-1, and also of SHA-256).
 */
public enum MikeyPrf {

  /** Code 0, the default PRF: RFC 3830 §4.1.2 with HMAC-SHA-1. */
  MIKEY_1(0, "MIKEY-1", "HmacSHA1", 160),

  /** Code 1: RFC 6043 §6.1, the RFC 3830 §4.1.2 construction with HMAC-SHA-256. */
  PRF_HMAC_SHA_256(1, "PRF-HMAC-SHA-256", "HmacSHA256", 256);

  /** Size of the inkey blocks s_i, RFC 3830 §4.1.2 ("256 ... half the input block-size"). */
  static final int INKEY_BLOCK_BYTES = 32;

  private final int code;
  private final String rfcName;
  private final String jceMac;
  private final int hashBits;

  MikeyPrf(int code, String rfcName, String jceMac, int hashBits) {
    this.code = code;
    this.rfcName = rfcName;
    this.jceMac = jceMac;
    this.hashBits = hashBits;
  }

  /** The HDR "PRF func" value. */
  public int code() {
    return code;
  }

  /** The name the RFC tables use, e.g. {@code "PRF-HMAC-SHA-256"}. */
  public String rfcName() {
    return rfcName;
  }

  /** Output length of the underlying HMAC in bits (160 or 256): the "160" of RFC 3830 §4.1.2. */
  public int hashBits() {
    return hashBits;
  }

  /**
   * The PRF for an HDR "PRF func" value.
   *
   * @throws IllegalArgumentException naming the value when it is not 0 or 1
   */
  public static MikeyPrf fromCode(int code) {
    for (MikeyPrf p : values()) {
      if (p.code == code) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "PRF func: " + code + " (expected: 0 MIKEY-1 or 1 PRF-HMAC-SHA-256)");
  }

  /**
   * {@code PRF(inkey, label)} truncated to {@code outBits} (RFC 3830 §4.1.2).
   *
   * @param inkey the input key, at least one byte; not consumed
   * @param label the label, built by {@link MikeyLabels} for the derivations of the RFCs
   * @param outBits outkey_len, a positive multiple of 8
   * @return a new secret the caller owns
   * @throws IllegalArgumentException if {@code inkey} is empty or {@code outBits} is not a
   *     positive multiple of 8
   */
  public SecretBytes derive(SecretBytes inkey, byte[] label, int outBits) {
    Objects.requireNonNull(inkey, "inkey");
    Objects.requireNonNull(label, "label");
    if (outBits <= 0 || outBits % 8 != 0) {
      throw new IllegalArgumentException(
          "PRF outkey_len: " + outBits + " bits (expected: a positive multiple of 8)");
    }
    if (inkey.length() == 0) {
      throw new IllegalArgumentException("PRF inkey: 0 bytes (expected: at least 1)");
    }
    int m = (outBits + hashBits - 1) / hashBits;
    byte[] k = inkey.unsafeBytes();
    byte[] acc = null;
    try {
      for (int off = 0; off < k.length; off += INKEY_BLOCK_BYTES) {
        byte[] s = Arrays.copyOfRange(k, off, Math.min(off + INKEY_BLOCK_BYTES, k.length));
        byte[] p = PFunction.p(jceMac, s, label, m);
        SecretBytes.wipe(s);
        if (acc == null) {
          acc = p;
        } else {
          for (int i = 0; i < acc.length; i++) {
            acc[i] ^= p[i];
          }
          SecretBytes.wipe(p);
        }
      }
      return SecretBytes.wrap(Arrays.copyOf(acc, outBits / 8));
    } finally {
      SecretBytes.wipe(k);
      SecretBytes.wipe(acc);
    }
  }
}
