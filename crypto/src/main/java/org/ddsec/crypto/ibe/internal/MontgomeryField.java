package org.ddsec.crypto.ibe.internal;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The constants of arithmetic modulo an odd prime p in Montgomery form: an element x is held as
 * x·R mod p, R = 2^(62·n), in n little-endian limbs of 62 bits ({@code long[n]}, each in
 * [0, 2^62)). With 62-bit limbs every partial product splits into two non-negative longs
 * without unsigned-arithmetic corrections, and sums of three such values never overflow, so the
 * inner loops need no carry comparisons. Immutable and shared; the arithmetic itself is done by
 * an {@link Fp} context, one per thread.
 */
public final class MontgomeryField {

  /** Bits per limb. */
  static final int LIMB_BITS = 62;
  /** 2^62 - 1. */
  static final long LIMB_MASK = (1L << LIMB_BITS) - 1;

  private final BigInteger modulus;
  final int limbs;
  final long[] p;
  /** -p^-1 mod 2^64. */
  final long pInv;
  /** R^2 mod p (plain, not Montgomery form): multiplying by it converts into Montgomery form. */
  final long[] rSquared;
  /** R mod p: the Montgomery form of 1. */
  final long[] one;

  /**
   * @throws IllegalArgumentException unless {@code modulus} is odd and greater than 2
   */
  public MontgomeryField(BigInteger modulus) {
    Objects.requireNonNull(modulus, "modulus");
    if (modulus.compareTo(BigInteger.TWO) <= 0 || !modulus.testBit(0)) {
      throw new IllegalArgumentException("Montgomery modulus: " + modulus.bitLength() + "-bit even or ≤ 2 (expected: odd prime)");
    }
    this.modulus = modulus;
    this.limbs = (modulus.bitLength() + LIMB_BITS - 1) / LIMB_BITS;
    this.p = toLimbs(modulus, limbs);
    BigInteger base = BigInteger.ONE.shiftLeft(LIMB_BITS);
    this.pInv = modulus.mod(base).modInverse(base).negate().mod(base).longValue();
    BigInteger r = BigInteger.ONE.shiftLeft(LIMB_BITS * limbs);
    this.rSquared = toLimbs(r.multiply(r).mod(modulus), limbs);
    this.one = toLimbs(r.mod(modulus), limbs);
  }

  public BigInteger modulus() {
    return modulus;
  }

  /** Number of 62-bit limbs of an element. */
  public int limbs() {
    return limbs;
  }

  /** A new arithmetic context (not thread-safe; cheap to create). */
  public Fp context() {
    return new Fp(this);
  }

  /** x (0 ≤ x &lt; 2^(62n)) as n 62-bit limbs, least significant first. */
  static long[] toLimbs(BigInteger x, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = x.shiftRight(LIMB_BITS * i).longValue() & LIMB_MASK;
    }
    return out;
  }

  static BigInteger fromLimbs(long[] a, int n) {
    BigInteger r = BigInteger.ZERO;
    for (int i = n - 1; i >= 0; i--) {
      r = r.shiftLeft(LIMB_BITS).or(BigInteger.valueOf(a[i]));
    }
    return r;
  }

  /** A scalar as 64-bit words, least significant first, for reading its bits. */
  static long[] words(BigInteger k, int bits) {
    int n = (bits + 63) / 64;
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = k.shiftRight(64 * i).longValue();
    }
    return out;
  }
}
