package org.ddsec.crypto.ibe.internal;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.util.BigIntegers;

/**
 * Arithmetic modulo p in Montgomery form over a {@link MontgomeryField}: operands and results
 * are {@code long[limbs]} holding values in [0, p). Results may alias operands. Not thread-safe
 * (it owns a scratch buffer); create one per computation.
 *
 * <p>Multiplication is CIOS Montgomery multiplication (Koç, Acar, Kaliski 1996) with 64-bit
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
    unit[0] = 1;
    mul(a, unit, plain);
    return MontgomeryField.fromLimbs(plain, n);
  }

  /** out = a·b (Montgomery product a·b·R^-1 of the representations). */
  public void mul(long[] a, long[] b, long[] out) {
    final int n = this.n;
    final long[] p = this.p;
    final long[] t = this.t;
    Arrays.fill(t, 0L);
    for (int i = 0; i < n; i++) {
      final long bi = b[i];
      long c = 0;
      for (int j = 0; j < n; j++) {
        long aj = a[j];
        long lo = aj * bi;
        long hi = Math.multiplyHigh(aj, bi) + ((aj >> 63) & bi) + ((bi >> 63) & aj);
        long s = lo + t[j];
        hi += Long.compareUnsigned(s, lo) < 0 ? 1 : 0;
        long s2 = s + c;
        hi += Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
        t[j] = s2;
        c = hi;
      }
      long s = t[n] + c;
      t[n + 1] = Long.compareUnsigned(s, c) < 0 ? 1 : 0;
      t[n] = s;

      final long u = t[0] * pInv;
      long p0 = p[0];
      long lo = u * p0;
      long hi = Math.multiplyHigh(u, p0) + ((u >> 63) & p0) + ((p0 >> 63) & u);
      long s0 = lo + t[0];
      c = hi + (Long.compareUnsigned(s0, lo) < 0 ? 1 : 0);
      for (int j = 1; j < n; j++) {
        long pj = p[j];
        lo = u * pj;
        hi = Math.multiplyHigh(u, pj) + ((u >> 63) & pj) + ((pj >> 63) & u);
        long x = lo + t[j];
        hi += Long.compareUnsigned(x, lo) < 0 ? 1 : 0;
        long x2 = x + c;
        hi += Long.compareUnsigned(x2, x) < 0 ? 1 : 0;
        t[j - 1] = x2;
        c = hi;
      }
      long x = t[n] + c;
      t[n - 1] = x;
      t[n] = t[n + 1] + (Long.compareUnsigned(x, c) < 0 ? 1 : 0);
    }
    // t < 2p: subtract p once when t ≥ p, selecting by mask.
    long borrow = 0;
    for (int j = 0; j < n; j++) {
      long x = t[j];
      long y = p[j];
      long d = x - y - borrow;
      borrow = ((~x & y) | (~(x ^ y) & d)) >>> 63;
      out[j] = d;
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
    final long[] t = this.t;
    long carry = 0;
    for (int j = 0; j < n; j++) {
      long x = a[j];
      long y = b[j];
      long s = x + y + carry;
      carry = ((x & y) | ((x | y) & ~s)) >>> 63;
      t[j] = s;
    }
    reduceOnce(t, carry, out);
  }

  /** out = a - b. */
  public void sub(long[] a, long[] b, long[] out) {
    long borrow = 0;
    for (int j = 0; j < n; j++) {
      long x = a[j];
      long y = b[j];
      long d = x - y - borrow;
      borrow = ((~x & y) | (~(x ^ y) & d)) >>> 63;
      out[j] = d;
    }
    // add p back when the subtraction borrowed
    long mask = -borrow;
    long carry = 0;
    for (int j = 0; j < n; j++) {
      long x = out[j];
      long y = p[j] & mask;
      long s = x + y + carry;
      carry = ((x & y) | ((x | y) & ~s)) >>> 63;
      out[j] = s;
    }
  }

  /** out = -a. */
  public void neg(long[] a, long[] out) {
    long[] z = t;
    Arrays.fill(z, 0L);
    long borrow = 0;
    for (int j = 0; j < n; j++) {
      long x = 0;
      long y = a[j];
      long d = x - y - borrow;
      borrow = ((~x & y) | (~(x ^ y) & d)) >>> 63;
      z[j] = d;
    }
    long mask = -borrow; // a ≠ 0: add p (giving p - a); a = 0: result 0
    long carry = 0;
    for (int j = 0; j < n; j++) {
      long x = z[j];
      long y = p[j] & mask;
      long s = x + y + carry;
      carry = ((x & y) | ((x | y) & ~s)) >>> 63;
      out[j] = s;
    }
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

  private void reduceOnce(long[] s, long carry, long[] out) {
    long borrow = 0;
    long[] d = out;
    // d may alias neither s (the scratch buffer) nor matter: s is this.t
    for (int j = 0; j < n; j++) {
      long x = s[j];
      long y = p[j];
      long v = x - y - borrow;
      borrow = ((~x & y) | (~(x ^ y) & v)) >>> 63;
      d[j] = v;
    }
    long keepDiff = -((carry | (borrow ^ 1)) & 1);
    for (int j = 0; j < n; j++) {
      d[j] = (d[j] & keepDiff) | (s[j] & ~keepDiff);
    }
  }
}
