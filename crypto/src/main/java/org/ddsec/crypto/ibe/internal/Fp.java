package org.ddsec.crypto.ibe.internal;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.util.BigIntegers;

/**
 * Arithmetic modulo p in Montgomery form over a {@link MontgomeryField}: operands and results
 * are {@code long[limbs]} holding values in [0, p). Results may alias operands. Not thread-safe
 * (it owns a scratch buffer); create one per computation.
 *
 * <p>Multiplication is CIOS Montgomery multiplication (Koç, Acar, Kaliski 1996) with 62-bit
 * limbs; additions, subtractions and the final reduction step select with masks rather than
 * branch, so their timing does not depend on the values. Inversion goes through Bouncy Castle's
 * {@link BigIntegers#modOddInverse}, which is also constant-time.
 */
public final class Fp {

  private final MontgomeryField field;
  private final int n;
  private final long[] p;
  private final long pInv;
  private final long[] t;

  Fp(MontgomeryField field) {
    this.field = field;
    this.n = field.limbs;
    this.p = field.p;
    this.pInv = field.pInv;
    this.t = new long[n + 2];
  }

  public MontgomeryField field() {
    return field;
  }

  /** A new zero element. */
  public long[] zero() {
    return new long[n];
  }

  /** A new element holding 1. */
  public long[] one() {
    return field.one.clone();
  }

  /** A new element holding a copy of {@code a}. */
  public long[] copy(long[] a) {
    return a.clone();
  }

  public void set(long[] src, long[] dst) {
    System.arraycopy(src, 0, dst, 0, n);
  }

  /**
   * Montgomery form of {@code x}.
   *
   * @throws IllegalArgumentException unless 0 ≤ x &lt; p
   */
  public long[] fromBigInteger(BigInteger x) {
    if (x.signum() < 0 || x.compareTo(field.modulus()) >= 0) {
      throw new IllegalArgumentException("field element: " + x.bitLength() + " bits (expected: 0 ≤ x < p)");
    }
    long[] out = MontgomeryField.toLimbs(x, n);
    mul(out, field.rSquared, out);
    return out;
  }

  /** The plain value of {@code a}. */
  public BigInteger toBigInteger(long[] a) {
    long[] plain = zero();
    long[] unit = zero();
    unit[0] = 1; // plain 1: the Montgomery product with it divides by R
    mul(a, unit, plain);
    return MontgomeryField.fromLimbs(plain, n);
  }

  /** out = a·b (Montgomery product a·b·R^-1 of the representations). */
  public void mul(long[] a, long[] b, long[] out) {
    final int n = this.n;
    final long[] p = this.p;
    final long[] t = this.t;
    final long mask = MontgomeryField.LIMB_MASK;
    Arrays.fill(t, 0L);
    for (int i = 0; i < n; i++) {
      // t += a·b[i]
      final long bi = b[i];
      long c = 0;
      for (int j = 0; j < n; j++) {
        long aj = a[j];
        long lo = aj * bi;
        long hi = (Math.multiplyHigh(aj, bi) << 2) | (lo >>> 62);
        long s = t[j] + (lo & mask) + c;
        t[j] = s & mask;
        c = hi + (s >>> 62);
      }
      long s = t[n] + c;
      t[n] = s & mask;
      t[n + 1] = s >>> 62;
      // t = (t + u·p) / 2^62 with u = t[0]·(-p^-1) mod 2^62
      final long u = (t[0] * pInv) & mask;
      long lo = u * p[0];
      long hi = (Math.multiplyHigh(u, p[0]) << 2) | (lo >>> 62);
      c = hi + ((t[0] + (lo & mask)) >>> 62);
      for (int j = 1; j < n; j++) {
        long pj = p[j];
        lo = u * pj;
        hi = (Math.multiplyHigh(u, pj) << 2) | (lo >>> 62);
        long x = t[j] + (lo & mask) + c;
        t[j - 1] = x & mask;
        c = hi + (x >>> 62);
      }
      long x = t[n] + c;
      t[n - 1] = x & mask;
      t[n] = t[n + 1] + (x >>> 62);
    }
    // t < 2p: subtract p once when t ≥ p, selecting by mask.
    long borrow = 0;
    for (int j = 0; j < n; j++) {
      long d = t[j] - p[j] - borrow;
      borrow = d >>> 63;
      out[j] = d & mask;
    }
    long keepDiff = -((t[n] | (borrow ^ 1)) & 1);
    for (int j = 0; j < n; j++) {
      out[j] = (out[j] & keepDiff) | (t[j] & ~keepDiff);
    }
  }

  /** out = a². */
  public void sqr(long[] a, long[] out) {
    mul(a, a, out);
  }

  /** out = a + b. */
  public void add(long[] a, long[] b, long[] out) {
    final long mask = MontgomeryField.LIMB_MASK;
    final long[] t = this.t;
    long carry = 0;
    for (int j = 0; j < n; j++) {
      long s = a[j] + b[j] + carry;
      t[j] = s & mask;
      carry = s >>> 62;
    }
    // a + b < 2p < 2^(62n): no carry out of the top limb; subtract p when the sum is ≥ p
    long borrow = 0;
    for (int j = 0; j < n; j++) {
      long d = t[j] - p[j] - borrow;
      borrow = d >>> 63;
      out[j] = d & mask;
    }
    long keepSum = -borrow;
    for (int j = 0; j < n; j++) {
      out[j] = (t[j] & keepSum) | (out[j] & ~keepSum);
    }
  }

  /** out = a - b. */
  public void sub(long[] a, long[] b, long[] out) {
    final long mask = MontgomeryField.LIMB_MASK;
    long borrow = 0;
    for (int j = 0; j < n; j++) {
      long d = a[j] - b[j] - borrow;
      borrow = d >>> 63;
      out[j] = d & mask;
    }
    // add p back when the subtraction borrowed
    long addP = -borrow;
    long carry = 0;
    for (int j = 0; j < n; j++) {
      long s = out[j] + (p[j] & addP) + carry;
      out[j] = s & mask;
      carry = s >>> 62;
    }
  }

  /** out = -a. */
  public void neg(long[] a, long[] out) {
    long[] z = t;
    Arrays.fill(z, 0L);
    sub(z, a, out);
  }

  /** out = 2a. */
  public void dbl(long[] a, long[] out) {
    add(a, a, out);
  }

  /** True when a = 0 (constant-time over the limbs). */
  public boolean isZero(long[] a) {
    long acc = 0;
    for (int j = 0; j < n; j++) {
      acc |= a[j];
    }
    return acc == 0;
  }

  /** True when a = b (constant-time over the limbs). */
  public boolean equal(long[] a, long[] b) {
    long acc = 0;
    for (int j = 0; j < n; j++) {
      acc |= a[j] ^ b[j];
    }
    return acc == 0;
  }

  /**
   * out = a^-1.
   *
   * @throws ArithmeticException when a = 0
   */
  public void inv(long[] a, long[] out) {
    BigInteger x = toBigInteger(a);
    long[] r = fromBigInteger(BigIntegers.modOddInverse(field.modulus(), x));
    set(r, out);
  }

  /**
   * Replaces each non-zero {@code a[i]} by its inverse with one field inversion (Montgomery's
   * trick: 3 multiplications per element).
   *
   * @throws ArithmeticException if any element is zero
   */
  public void batchInvert(long[][] a) {
    int m = a.length;
    if (m == 0) {
      return;
    }
    long[][] prefix = new long[m][];
    prefix[0] = a[0].clone();
    for (int i = 1; i < m; i++) {
      prefix[i] = zero();
      mul(prefix[i - 1], a[i], prefix[i]);
    }
    long[] inv = zero();
    inv(prefix[m - 1], inv);
    long[] tmp = zero();
    for (int i = m - 1; i > 0; i--) {
      mul(inv, prefix[i - 1], tmp); // = a[i]^-1
      mul(inv, a[i], inv);          // = (a[0]…a[i-1])^-1
      set(tmp, a[i]);
    }
    set(inv, a[0]);
  }

  /** out = a when {@code choose} is 1, b when it is 0 (mask select, no branch). */
  public void select(long choose, long[] a, long[] b, long[] out) {
    long mask = -(choose & 1);
    for (int j = 0; j < n; j++) {
      out[j] = (a[j] & mask) | (b[j] & ~mask);
    }
  }

}
