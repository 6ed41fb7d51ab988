package org.ddsec.crypto.ibe.internal;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * The Miller-loop lines of a fixed point K of E(F_p)[q], computed once, so that the pairing
 * {@code <K, Q> = <Q, K>} (RFC 6508 §3.2; symmetric, see {@link TatePairing}) with any Q costs
 * only the line evaluations and the F_p^2 accumulation: per doubling step one F_p multiplication
 * for the line and five for {@code v ← v^2 · line}.
 *
 * <p>Each line is normalised (one batch inversion) to {@code c0 + c1·Qx + i·Qy}. The lines of a
 * receiver secret key are derived from the key, so they are secret too: {@link #destroy()}
 * overwrites them. Thread-safe for evaluation.
 */
public final class MillerLines {

  private final MontgomeryField field;
  private final BigInteger q;
  private final long[] c0;
  private final long[] c1;
  /** One entry per step: the NAF digit (0: doubling line only; ±1: an addition line of ±K follows). */
  private final byte[] addAfter;
  private final int steps;
  private volatile boolean destroyed;

  private MillerLines(MontgomeryField field, BigInteger q, long[] c0, long[] c1, byte[] addAfter) {
    this.field = field;
    this.q = q;
    this.c0 = c0;
    this.c1 = c1;
    this.addAfter = addAfter;
    this.steps = addAfter.length;
  }

  /**
   * Runs the Miller loop over K = (kx, ky) and keeps its lines. On the way it checks that K has
   * order q: the loop ends on [q-1]K, which equals -K exactly when [q]K = 0.
   *
   * @return the lines, or empty when K is not a point of order q (the loop hits an exceptional
   *     case, or does not end on -K)
   */
  public static Optional<MillerLines> precompute(MontgomeryField field, BigInteger q, BigInteger kx, BigInteger ky) {
    Fp f = field.context();
    CurveArithmetic c = new CurveArithmetic(f);
    int n = field.limbs;
    long[] ax = f.fromBigInteger(kx);
    long[] ay = f.fromBigInteger(ky);
    long[] negY = f.zero();
    f.neg(ay, negY);
    byte[] naf = TatePairing.naf(q.subtract(BigInteger.ONE));
    int steps = naf.length - 1;
    int lines = steps;
    for (byte d : naf) {
      lines += d != 0 ? 1 : 0;
    }
    lines -= 1; // the leading digit starts the loop and adds no line
    long[][] a0 = new long[lines][];
    long[][] a1 = new long[lines][];
    long[][] a2 = new long[lines][];
    byte[] addAfter = new byte[steps];
    JacobianPoint pt = new JacobianPoint(f);
    pt.setAffine(f, ax, ay);
    int l = 0;
    for (int i = naf.length - 2, s = 0; i >= 0; i--, s++) {
      a0[l] = f.zero();
      a1[l] = f.zero();
      a2[l] = f.zero();
      c.dblLine(pt, a0[l], a1[l], a2[l]);
      l++;
      if (naf[i] != 0) {
        addAfter[s] = naf[i];
        a0[l] = f.zero();
        a1[l] = f.zero();
        a2[l] = f.zero();
        if (!c.addLine(pt, ax, naf[i] > 0 ? ay : negY, a0[l], a1[l], a2[l])) {
          return Optional.empty();
        }
        l++;
      }
    }
    if (f.isZero(pt.z) || !c.equalsAffine(pt, ax, negY)) {
      return Optional.empty();
    }
    for (long[] z : a2) {
      if (f.isZero(z)) {
        return Optional.empty();
      }
    }
    f.batchInvert(a2);
    long[] flat0 = new long[lines * n];
    long[] flat1 = new long[lines * n];
    long[] tmp = f.zero();
    for (int k = 0; k < lines; k++) {
      f.mul(a0[k], a2[k], tmp);
      System.arraycopy(tmp, 0, flat0, k * n, n);
      f.mul(a1[k], a2[k], tmp);
      System.arraycopy(tmp, 0, flat1, k * n, n);
      Arrays.fill(a0[k], 0L);
      Arrays.fill(a1[k], 0L);
      Arrays.fill(a2[k], 0L);
    }
    return Optional.of(new MillerLines(field, q, flat0, flat1, addAfter));
  }

  /**
   * {@code <K, Q>} for an affine point Q = (qx, qy) on the curve.
   *
   * @return the F_p representative, or empty when it degenerates (Q outside the order-q subgroup)
   * @throws IllegalStateException after {@link #destroy()}
   */
  public Optional<BigInteger> pairWith(BigInteger qx, BigInteger qy) {
    if (destroyed) {
      throw new IllegalStateException("MillerLines used after destroy()");
    }
    Fp f = field.context();
    Fp2 f2 = new Fp2(f);
    int n = field.limbs;
    long[] aqx = f.fromBigInteger(qx);
    long[] aqy = f.fromBigInteger(qy);
    long[] l0 = f.zero();
    long[] l1 = f.zero();
    long[] lre = f.zero();
    long[] lre2 = f.zero();
    long[] pre = f.zero();
    long[] pim = f.zero();
    long[] qy2 = f.zero();
    f.sqr(aqy, qy2);
    long[] vre = f.one();
    long[] vim = f.zero();
    int l = 0;
    for (int s = 0; s < steps; s++) {
      line(l++, f, l0, l1, aqx, lre, n);
      f2.sqr(vre, vim);
      if (addAfter[s] == 0) {
        f2.mul(vre, vim, lre, aqy);
      } else {
        // both lines at once: (A1 + i·Qy)(A2 + i·Qy) = (A1·A2 - Qy^2) + i·Qy·(A1 + A2)
        line(l++, f, l0, l1, aqx, lre2, n);
        f.mul(lre, lre2, pre);
        f.sub(pre, qy2, pre);
        f.add(lre, lre2, pim);
        f.mul(pim, aqy, pim);
        f2.mul(vre, vim, pre, pim);
      }
    }
    return TatePairing.finalExponentiation(f, f2, field, q, vre, vim);
  }

  /** Overwrites the lines; later use throws. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(c0, 0L);
    Arrays.fill(c1, 0L);
  }

  private void line(int k, Fp f, long[] l0, long[] l1, long[] qx, long[] re, int n) {
    System.arraycopy(c0, k * n, l0, 0, n);
    System.arraycopy(c1, k * n, l1, 0, n);
    f.mul(l1, qx, re);
    f.add(re, l0, re);
  }
}
