package org.ddsec.crypto.ibe.internal;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * Scalar multiplication [k]B for a fixed base B of prime order on y^2 = x^3 - 3x + b, by the
 * Lim-Lee comb with {@value #TEETH} teeth: a table of 2^TEETH affine points built once, then
 * ⌈bits/TEETH⌉ doublings and as many mixed additions per multiplication, no inversion but the
 * final one.
 *
 * <p>The table holds T[j] = B + Σ_{t: bit t of j set} [2^(t·d)]B, so every entry is a finite point
 * and every step adds one; an offset [1 - 2^d]B removes the extra (2^d - 1)B at the end (the
 * layout of Bouncy Castle's {@code FixedPointCombMultiplier}). Entries are read by scanning the
 * whole table with masks, so which entry a secret scalar selects does not show in the memory
 * access pattern. Immutable and thread-safe once built.
 */
public final class FixedBaseComb {

  /** Teeth of the comb: 256 table entries (about 68 KiB for a 1024-bit field). */
  static final int TEETH = 8;

  private final MontgomeryField field;
  private final int spacing;
  private final int entries;
  private final long[] tableX;
  private final long[] tableY;
  private final long[] offsetX;
  private final long[] offsetY;

  private FixedBaseComb(MontgomeryField field, int spacing, long[] tableX, long[] tableY, long[] offsetX, long[] offsetY) {
    this.field = field;
    this.spacing = spacing;
    this.entries = 1 << TEETH;
    this.tableX = tableX;
    this.tableY = tableY;
    this.offsetX = offsetX;
    this.offsetY = offsetY;
  }

  /**
   * Builds the table for base (bx, by), a point of prime order q with {@code scalarBits} ≥ the
   * bit length of q.
   *
   * @throws IllegalArgumentException if a table point comes out exceptional (B of small order)
   */
  public static FixedBaseComb build(MontgomeryField field, BigInteger bx, BigInteger by, int scalarBits) {
    Fp f = field.context();
    CurveArithmetic c = new CurveArithmetic(f);
    int d = (scalarBits + TEETH - 1) / TEETH;
    int n = field.limbs;
    long[] ax = f.fromBigInteger(bx);
    long[] ay = f.fromBigInteger(by);

    // pow2[t] = [2^(t·d)]B, t = 0..TEETH; offset = B - [2^d]B.
    JacobianPoint[] pow2 = new JacobianPoint[TEETH + 1];
    pow2[0] = new JacobianPoint(f);
    pow2[0].setAffine(f, ax, ay);
    for (int t = 1; t < TEETH; t++) {
      pow2[t] = new JacobianPoint(f);
      pow2[t].set(f, pow2[t - 1]);
      for (int k = 0; k < d; k++) {
        c.dbl(pow2[t]);
      }
    }
    JacobianPoint off = new JacobianPoint(f);
    off.set(f, pow2[1]);
    f.neg(off.y, off.y);
    require(c.addAffine(off, ax, ay));
    pow2[TEETH] = off;
    long[][] powX = new long[TEETH + 1][];
    long[][] powY = new long[TEETH + 1][];
    normalize(f, pow2, powX, powY);

    int size = 1 << TEETH;
    JacobianPoint[] table = new JacobianPoint[size];
    table[0] = new JacobianPoint(f);
    table[0].setAffine(f, ax, ay);
    for (int t = 0; t < TEETH; t++) {
      int step = 1 << t;
      for (int j = 0; j < step; j++) {
        JacobianPoint e = new JacobianPoint(f);
        e.set(f, table[j]);
        addOrDouble(c, e, powX[t], powY[t]); // T[1] = B + B is a doubling
        table[j + step] = e;
      }
    }
    long[][] tx = new long[size][];
    long[][] ty = new long[size][];
    normalize(f, table, tx, ty);
    long[] flatX = new long[size * n];
    long[] flatY = new long[size * n];
    for (int j = 0; j < size; j++) {
      System.arraycopy(tx[j], 0, flatX, j * n, n);
      System.arraycopy(ty[j], 0, flatY, j * n, n);
    }
    return new FixedBaseComb(field, d, flatX, flatY, powX[TEETH], powY[TEETH]);
  }

  /**
   * [k]B for 0 &lt; k &lt; 2^(TEETH·d), as affine (x, y); empty in the exceptional cases the
   * incomplete formulas do not cover (k ≡ 0 mod q, or a partial sum meeting a table point, which
   * random scalars hit with negligible probability) — the caller then uses complete arithmetic.
   */
  public Optional<BigInteger[]> multiply(BigInteger k) {
    Fp f = field.context();
    CurveArithmetic c = new CurveArithmetic(f);
    JacobianPoint r = multiplyJacobian(k, c);
    if (r == null) {
      return Optional.empty();
    }
    long[] x = f.zero();
    long[] y = f.zero();
    c.toAffine(r, x, y);
    return Optional.of(new BigInteger[] {f.toBigInteger(x), f.toBigInteger(y)});
  }

  /**
   * Whether [k]B equals the affine point (x, y), without the final inversion; empty in the
   * exceptional cases of {@link #multiply}.
   */
  public Optional<Boolean> multiplyEquals(BigInteger k, BigInteger x, BigInteger y) {
    Fp f = field.context();
    CurveArithmetic c = new CurveArithmetic(f);
    JacobianPoint r = multiplyJacobian(k, c);
    if (r == null) {
      return Optional.empty();
    }
    return Optional.of(c.equalsAffine(r, f.fromBigInteger(x), f.fromBigInteger(y)));
  }

  JacobianPoint multiplyJacobian(BigInteger k, CurveArithmetic c) {
    if (k.signum() <= 0 || k.bitLength() > TEETH * spacing) {
      throw new IllegalArgumentException("comb scalar: " + k.bitLength() + " bits (expected: 0 < k < 2^" + TEETH * spacing + ")");
    }
    Fp f = c.fp();
    int n = field.limbs;
    long[] words = MontgomeryField.words(k, TEETH * spacing);
    long[] px = f.zero();
    long[] py = f.zero();
    JacobianPoint r = new JacobianPoint(f);
    lookup(index(words, spacing - 1), px, py, n);
    r.setAffine(f, px, py);
    boolean ok = true;
    for (int i = spacing - 2; i >= 0; i--) {
      c.dbl(r);
      lookup(index(words, i), px, py, n);
      ok &= c.addAffine(r, px, py);
    }
    ok &= c.addAffine(r, offsetX, offsetY);
    Arrays.fill(words, 0L);
    return ok ? r : null;
  }

  private int index(long[] words, int i) {
    int idx = 0;
    for (int t = TEETH - 1; t >= 0; t--) {
      int bit = t * spacing + i;
      idx = (idx << 1) | (int) ((words[bit >>> 6] >>> (bit & 63)) & 1);
    }
    return idx;
  }

  private void lookup(int idx, long[] x, long[] y, int n) {
    Arrays.fill(x, 0L);
    Arrays.fill(y, 0L);
    for (int e = 0; e < entries; e++) {
      long mask = ((long) ((e ^ idx) - 1)) >> 63; // all ones iff e == idx
      int base = e * n;
      for (int j = 0; j < n; j++) {
        x[j] |= tableX[base + j] & mask;
        y[j] |= tableY[base + j] & mask;
      }
    }
  }

  private static void normalize(Fp f, JacobianPoint[] pts, long[][] xs, long[][] ys) {
    long[][] zs = new long[pts.length][];
    for (int i = 0; i < pts.length; i++) {
      zs[i] = f.copy(pts[i].z);
    }
    f.batchInvert(zs);
    long[] z2 = f.zero();
    for (int i = 0; i < pts.length; i++) {
      f.sqr(zs[i], z2);
      xs[i] = f.zero();
      f.mul(pts[i].x, z2, xs[i]);
      f.mul(z2, zs[i], z2);
      ys[i] = f.zero();
      f.mul(pts[i].y, z2, ys[i]);
    }
  }

  private static void addOrDouble(CurveArithmetic c, JacobianPoint e, long[] qx, long[] qy) {
    if (!c.addAffine(e, qx, qy)) {
      require(c.equalsAffine(e, qx, qy));
      c.dbl(e);
    }
  }

  private static void require(boolean ok) {
    if (!ok) {
      throw new IllegalArgumentException("comb base: exceptional point in the table (expected: a base of large prime order)");
    }
  }
}
