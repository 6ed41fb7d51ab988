package org.ddsec.crypto.srtp;

/**
 * The SRTP {@code key_derivation_rate} (RFC 3711 §3.2.1): 0 (derive once) or a power of two from
 * 1 to 2^24.
 *
 * <p>{@link #divide} is the {@code index DIV key_derivation_rate} of RFC 3711 §4.3.1, with "a DIV
 * 0 = 0": all packets whose indices give the same quotient use the same session keys, and a new
 * derivation is due whenever {@code index mod key_derivation_rate} is 0.
 *
 * @param value 0, or 2^k for 0 ≤ k ≤ 24
 */
public record KeyDerivationRate(long value) {

  /** No re-keying: the session keys are derived once (RFC 3711 §4.3.1). */
  public static final KeyDerivationRate ZERO = new KeyDerivationRate(0);

  /** Largest rate, 2^24 (RFC 3711 §3.2.1). */
  public static final long MAX = 1L << 24;

  /** @throws IllegalArgumentException unless {@code value} is 0 or a power of two ≤ 2^24 */
  public KeyDerivationRate {
    if (value != 0 && (value < 0 || value > MAX || Long.bitCount(value) != 1)) {
      throw new IllegalArgumentException(
          "key_derivation_rate: " + value + " (expected: 0 or a power of 2 from 1 to 2^24)");
    }
  }

  /** The rate 2^{@code exponent}, 0 ≤ exponent ≤ 24 (the SDES "KDR" form, RFC 4568 §6.3.1). */
  public static KeyDerivationRate ofPowerOfTwo(int exponent) {
    if (exponent < 0 || exponent > 24) {
      throw new IllegalArgumentException("key_derivation_rate exponent: " + exponent + " (expected: 0..24)");
    }
    return new KeyDerivationRate(1L << exponent);
  }

  /** {@code index DIV key_derivation_rate}, 0 when the rate is 0 (RFC 3711 §4.3.1). */
  public long divide(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index: " + index + " (expected: ≥ 0)");
    }
    return value == 0 ? 0 : index >>> Long.numberOfTrailingZeros(value);
  }

  /** True if a key derivation is due at {@code index}: the rate is non-zero and divides it. */
  public boolean isDerivationPoint(long index) {
    return value != 0 && index % value == 0;
  }
}
