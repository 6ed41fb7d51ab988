package org.ddsec.crypto.ibe.internal;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The constants of arithmetic modulo an odd prime p in Montgomery form: an element x is held as
 * x·R mod p, R = 2^(64·n), in n little-endian 64-bit limbs ({@code long[n]}, unsigned).
 * Immutable and shared; the arithmetic itself is done by an {@link Fp} context, one per thread.
 */
public final class MontgomeryField {

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
    this.limbs = (modulus.bitLength() + 63) / 64;
    this.p = toLimbs(modulus, limbs);
    BigInteger two64 = BigInteger.ONE.shiftLeft(64);
    this.pInv = modulus.mod(two64).modInverse(two64).negate().mod(two64).longValue();
    BigInteger r = BigInteger.ONE.shiftLeft(64 * limbs);
    this.rSquared = toLimbs(r.multiply(r).mod(modulus), limbs);
    this.one = toLimbs(r.mod(modulus), limbs);
  }

  public BigInteger modulus() {
    return modulus;
  }

  /** Number of 64-bit limbs of an element. */
  public int limbs() {
    return limbs;
  }

  /** A new arithmetic context (not thread-safe; cheap to create). */
  public Fp context() {
    return new Fp(this);
  }

  static long[] toLimbs(BigInteger x, int n) {
    long[] out = new long[n];
    byte[] b = x.toByteArray();
    for (int i = 0; i < b.length; i++) {
      int bitPos = 8 * (b.length - 1 - i);
      if (bitPos / 64 < n) {
        out[bitPos / 64] |= (b[i] & 0xFFL) << (bitPos % 64);
      }
    }
    return out;
  }

  static BigInteger fromLimbs(long[] a, int n) {
    byte[] b = new byte[8 * n + 1];
    for (int i = 0; i < n; i++) {
      long v = a[i];
      for (int k = 0; k < 8; k++) {
        b[b.length - 1 - (8 * i + k)] = (byte) (v >>> (8 * k));
      }
    }
    return new BigInteger(b);
  }
}
