package org.ddsec.crypto.ibe.internal;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The Tate-Lichtenbaum pairing of RFC 6508 §3.2 on y^2 = x^3 - 3x over F_p (p ≡ 3 mod 4, q | p+1):
 * {@code <R,Q> = f_R([i]Q)^c / F_p^*}, c = (p+1)/q, returned as its F_p representative b/a.
 *
 * <p>How it differs from the RFC's affine pseudocode without changing the value:
 * <ul>
 *   <li>C runs in Jacobian coordinates and each line is scaled by an F_p factor (its
 *       denominator), so no step inverts anything. Scaling a line by an element of F_p^* does not
 *       change the result, which is defined modulo F_p^* — Barreto's denominator elimination.
 *   <li>The loop runs over the non-adjacent form of q-1 (digits -1, 0, 1; a third as many
 *       additions as the binary form). A digit -1 adds -R; the extra factor this brings, a
 *       vertical line, has the value x(C) + Q_x in F_p at [i]Q and so vanishes modulo F_p^* too.
 *   <li>The final exponentiation is the RFC's v^c with c = (p+1)/q; for parameter set 1 of RFC
 *       6509, c = 4: two squarings. The (p-1) part of the full Tate exponent (p^2-1)/q is what the
 *       quotient by F_p^* takes away (v^(p-1) = conj(v)/v), so it costs nothing here.
 *   <li>The pairing is symmetric on E(F_p)[q] × E(F_p)[q] (both arguments lie in one cyclic group
 *       and the distortion map makes it non-degenerate), so {@code <R,Q> = <Q,R>}: a fixed
 *       argument's lines can be computed once ({@link MillerLines}) and evaluated at the other.
 * </ul>
 */
public final class TatePairing {

  private TatePairing() {}

  /**
   * {@code <R, Q>} for affine points R, Q of E(F_p)[q] (coordinates as plain integers).
   *
   * @return the F_p representative, or empty when the computation degenerates (a point outside
   *     the order-q subgroup makes an intermediate point infinite or the result's real part zero)
   */
  public static Optional<BigInteger> pair(MontgomeryField field, BigInteger q,
      BigInteger rx, BigInteger ry, BigInteger qx, BigInteger qy) {
    Fp f = field.context();
    CurveArithmetic c = new CurveArithmetic(f);
    Fp2 f2 = new Fp2(f);
    long[] arx = f.fromBigInteger(rx);
    long[] ary = f.fromBigInteger(ry);
    long[] aqx = f.fromBigInteger(qx);
    long[] aqy = f.fromBigInteger(qy);
    long[] c0 = f.zero();
    long[] c1 = f.zero();
    long[] c2 = f.zero();
    long[] lre = f.zero();
    long[] lim = f.zero();
    long[] vre = f.one();
    long[] vim = f.zero();
    JacobianPoint pt = new JacobianPoint(f);
    pt.setAffine(f, arx, ary);
    long[] nry = f.zero();
    f.neg(ary, nry);
    byte[] naf = naf(q.subtract(BigInteger.ONE));
    for (int i = naf.length - 2; i >= 0; i--) {
      c.dblLine(pt, c0, c1, c2);
      evaluate(f, c0, c1, c2, aqx, aqy, lre, lim);
      f2.sqr(vre, vim);
      f2.mul(vre, vim, lre, lim);
      if (naf[i] != 0) {
        if (!c.addLine(pt, arx, naf[i] > 0 ? ary : nry, c0, c1, c2)) {
          return Optional.empty();
        }
        evaluate(f, c0, c1, c2, aqx, aqy, lre, lim);
        f2.mul(vre, vim, lre, lim);
      }
    }
    return finalExponentiation(f, f2, field, q, vre, vim);
  }

  /**
   * The non-adjacent form of k &gt; 0: digits in {-1, 0, 1}, least significant first, no two
   * adjacent digits non-zero; the most significant digit is 1.
   */
  static byte[] naf(BigInteger k) {
    byte[] d = new byte[k.bitLength() + 1];
    BigInteger x = k;
    int i = 0;
    while (x.signum() > 0) {
      if (x.testBit(0)) {
        int z = 2 - x.mod(BigInteger.valueOf(4)).intValue(); // 1 or -1
        d[i] = (byte) z;
        x = x.subtract(BigInteger.valueOf(z));
      }
      x = x.shiftRight(1);
      i++;
    }
    return java.util.Arrays.copyOf(d, i);
  }

  /** line value (c0 + c1·Qx) + i·(c2·Qy). */
  private static void evaluate(Fp f, long[] c0, long[] c1, long[] c2, long[] qx, long[] qy, long[] re, long[] im) {
    f.mul(c1, qx, re);
    f.add(re, c0, re);
    f.mul(c2, qy, im);
  }

  /** v^c with c = (p+1)/q by square-and-multiply on the public c, then the representative b/a. */
  static Optional<BigInteger> finalExponentiation(Fp f, Fp2 f2, MontgomeryField field, BigInteger q, long[] vre, long[] vim) {
    BigInteger cofactor = field.modulus().add(BigInteger.ONE).divide(q);
    long[] bre = f.copy(vre);
    long[] bim = f.copy(vim);
    for (int i = cofactor.bitLength() - 2; i >= 0; i--) {
      f2.sqr(vre, vim);
      if (cofactor.testBit(i)) {
        f2.mul(vre, vim, bre, bim);
      }
    }
    if (f.isZero(vre)) {
      return Optional.empty();
    }
    f.inv(vre, vre);
    f.mul(vim, vre, vim);
    return Optional.of(f.toBigInteger(vim));
  }
}
