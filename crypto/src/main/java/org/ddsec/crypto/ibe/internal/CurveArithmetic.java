package org.ddsec.crypto.ibe.internal;

/**
 * Point arithmetic on y^2 = x^3 - 3x + b over F_p in Jacobian coordinates (the a = -3 formulas
 * of the Explicit-Formulas Database: dbl-2001-b, madd-2007-bl, add-2007-bl). Not thread-safe.
 *
 * <p>The addition methods return {@code false} in the exceptional cases the formulas do not
 * cover (equal or opposite inputs); callers use them only where those cases cannot occur for
 * valid inputs of prime order, and fall back to Bouncy Castle's complete arithmetic otherwise.
 */
final class CurveArithmetic {

  private final Fp f;
  private final long[] delta;
  private final long[] gamma;
  private final long[] beta;
  private final long[] alpha;
  private final long[] t1;
  private final long[] t2;
  private final long[] t3;
  private final long[] t4;
  private final long[] t5;
  private final long[] t6;

  CurveArithmetic(Fp f) {
    this.f = f;
    delta = f.zero();
    gamma = f.zero();
    beta = f.zero();
    alpha = f.zero();
    t1 = f.zero();
    t2 = f.zero();
    t3 = f.zero();
    t4 = f.zero();
    t5 = f.zero();
    t6 = f.zero();
  }

  Fp fp() {
    return f;
  }

  /** P ← 2P (dbl-2001-b, a = -3: 3M + 5S). */
  void dbl(JacobianPoint pt) {
    f.sqr(pt.z, delta);
    f.sqr(pt.y, gamma);
    f.mul(pt.x, gamma, beta);
    f.sub(pt.x, delta, t1);
    f.add(pt.x, delta, t2);
    f.mul(t1, t2, t1);
    f.dbl(t1, alpha);
    f.add(alpha, t1, alpha); // alpha = 3(X - delta)(X + delta)
    // Z3 = (Y + Z)^2 - gamma - delta
    f.add(pt.y, pt.z, t1);
    f.sqr(t1, t1);
    f.sub(t1, gamma, t1);
    f.sub(t1, delta, pt.z);
    // X3 = alpha^2 - 8 beta
    f.dbl(beta, beta);
    f.dbl(beta, beta); // 4 beta
    f.sqr(alpha, t1);
    f.sub(t1, beta, t1);
    f.sub(t1, beta, pt.x);
    // Y3 = alpha (4 beta - X3) - 8 gamma^2
    f.sub(beta, pt.x, t1);
    f.mul(alpha, t1, t1);
    f.sqr(gamma, t2);
    f.dbl(t2, t2);
    f.dbl(t2, t2);
    f.dbl(t2, t2);
    f.sub(t1, t2, pt.y);
  }

  /**
   * P ← P + (qx, qy) for an affine second point (madd-2007-bl: 7M + 4S).
   *
   * @return false, leaving P unspecified, when P = ±Q (the formula's exceptional case)
   */
  boolean addAffine(JacobianPoint pt, long[] qx, long[] qy) {
    long[] z1z1 = delta;
    long[] h = t1;
    long[] r = t2;
    long[] i = t3;
    long[] j = t4;
    long[] v = t5;
    f.sqr(pt.z, z1z1);
    f.mul(qx, z1z1, h);
    f.sub(h, pt.x, h); // H = U2 - X1
    f.mul(qy, pt.z, r);
    f.mul(r, z1z1, r);
    f.sub(r, pt.y, r);
    if (f.isZero(h)) {
      return false;
    }
    f.dbl(r, r); // r = 2(S2 - Y1)
    f.sqr(h, t6); // HH
    f.dbl(t6, i);
    f.dbl(i, i); // I = 4 HH
    f.mul(h, i, j);
    f.mul(pt.x, i, v);
    // Z3 = (Z1 + H)^2 - Z1Z1 - HH
    f.add(pt.z, h, pt.z);
    f.sqr(pt.z, pt.z);
    f.sub(pt.z, z1z1, pt.z);
    f.sub(pt.z, t6, pt.z);
    // X3 = r^2 - J - 2V
    f.sqr(r, t6);
    f.sub(t6, j, t6);
    f.sub(t6, v, t6);
    f.sub(t6, v, t6);
    // Y3 = r (V - X3) - 2 Y1 J
    f.mul(pt.y, j, j);
    f.dbl(j, j);
    f.sub(v, t6, v);
    f.mul(r, v, v);
    f.sub(v, j, pt.y);
    f.set(t6, pt.x);
    return true;
  }

  /**
   * P ← P + Q for two Jacobian points (add-2007-bl: 11M + 5S).
   *
   * @return false, leaving P unspecified, when P = ±Q
   */
  boolean add(JacobianPoint pt, JacobianPoint q) {
    long[] z1z1 = delta;
    long[] z2z2 = gamma;
    long[] u1 = beta;
    long[] s1 = alpha;
    long[] h = t1;
    long[] r = t2;
    f.sqr(pt.z, z1z1);
    f.sqr(q.z, z2z2);
    f.mul(pt.x, z2z2, u1);
    f.mul(q.x, z1z1, h);
    f.sub(h, u1, h); // H = U2 - U1
    f.mul(pt.y, q.z, s1);
    f.mul(s1, z2z2, s1);
    f.mul(q.y, pt.z, r);
    f.mul(r, z1z1, r);
    f.sub(r, s1, r);
    if (f.isZero(h)) {
      return false;
    }
    f.dbl(r, r); // r = 2(S2 - S1)
    long[] i = t3;
    long[] j = t4;
    long[] v = t5;
    f.dbl(h, i);
    f.sqr(i, i); // I = (2H)^2
    f.mul(h, i, j);
    f.mul(u1, i, v);
    // Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H
    f.add(pt.z, q.z, pt.z);
    f.sqr(pt.z, pt.z);
    f.sub(pt.z, z1z1, pt.z);
    f.sub(pt.z, z2z2, pt.z);
    f.mul(pt.z, h, pt.z);
    // X3 = r^2 - J - 2V
    f.sqr(r, t6);
    f.sub(t6, j, t6);
    f.sub(t6, v, t6);
    f.sub(t6, v, t6);
    // Y3 = r (V - X3) - 2 S1 J
    f.mul(s1, j, j);
    f.dbl(j, j);
    f.sub(v, t6, v);
    f.mul(r, v, v);
    f.sub(v, j, pt.y);
    f.set(t6, pt.x);
    return true;
  }

  /**
   * Writes the affine coordinates of P (Z ≠ 0) into ax, ay.
   *
   * @throws ArithmeticException when Z = 0 (the point at infinity)
   */
  void toAffine(JacobianPoint pt, long[] ax, long[] ay) {
    f.inv(pt.z, t1);
    f.sqr(t1, t2);
    f.mul(pt.x, t2, ax);
    f.mul(t2, t1, t2);
    f.mul(pt.y, t2, ay);
  }

  /** True when P (Jacobian) equals the affine point (ax, ay): X = ax Z^2 and Y = ay Z^3, no inversion. */
  boolean equalsAffine(JacobianPoint pt, long[] ax, long[] ay) {
    f.sqr(pt.z, t1);
    f.mul(ax, t1, t2);
    boolean xs = f.equal(t2, pt.x);
    f.mul(t1, pt.z, t1);
    f.mul(ay, t1, t2);
    return xs & f.equal(t2, pt.y);
  }

  /**
   * Miller doubling step: writes the tangent line at P, evaluated at a point [i]Q = (-Qx, i·Qy)
   * as {@code (c0 + c1·Qx) + i·(c2·Qy)} up to a factor in F_p (2·Y·Z^3), then P ← 2P.
   * With alpha = 3(X^2 - Z^4): c0 = alpha·X - 2Y^2, c1 = alpha·Z^2, c2 = Z3·Z^2 (Z3 = 2YZ).
   */
  void dblLine(JacobianPoint pt, long[] c0, long[] c1, long[] c2) {
    f.sqr(pt.z, delta);
    f.sqr(pt.y, gamma);
    f.mul(pt.x, gamma, beta);
    f.sub(pt.x, delta, t1);
    f.add(pt.x, delta, t2);
    f.mul(t1, t2, t1);
    f.dbl(t1, alpha);
    f.add(alpha, t1, alpha);
    // line
    f.mul(alpha, pt.x, c0);
    f.sub(c0, gamma, c0);
    f.sub(c0, gamma, c0);
    f.mul(alpha, delta, c1);
    // Z3 = (Y + Z)^2 - gamma - delta
    f.add(pt.y, pt.z, t1);
    f.sqr(t1, t1);
    f.sub(t1, gamma, t1);
    f.sub(t1, delta, pt.z);
    f.mul(pt.z, delta, c2);
    // X3 = alpha^2 - 8 beta
    f.dbl(beta, beta);
    f.dbl(beta, beta);
    f.sqr(alpha, t1);
    f.sub(t1, beta, t1);
    f.sub(t1, beta, pt.x);
    // Y3 = alpha (4 beta - X3) - 8 gamma^2
    f.sub(beta, pt.x, t1);
    f.mul(alpha, t1, t1);
    f.sqr(gamma, t2);
    f.dbl(t2, t2);
    f.dbl(t2, t2);
    f.dbl(t2, t2);
    f.sub(t1, t2, pt.y);
  }

  /**
   * Miller addition step: writes the line through P and the affine point R = (rx, ry), evaluated
   * at [i]Q as {@code (c0 + c1·Qx) + i·(c2·Qy)} up to a factor in F_p, then P ← P + R. With
   * madd-2007-bl's r = 2(S2 - Y1) and Z3 = 2·Z1·H: c0 = r·rx - ry·Z3, c1 = r, c2 = Z3.
   *
   * @return false when P = ±R
   */
  boolean addLine(JacobianPoint pt, long[] rx, long[] ry, long[] c0, long[] c1, long[] c2) {
    if (!addAffine(pt, rx, ry)) {
      return false;
    }
    // addAffine leaves r (= 2(S2 - Y1)) in t2; Z3 is pt.z
    f.set(t2, c1);
    f.set(pt.z, c2);
    f.mul(c1, rx, c0);
    f.mul(ry, c2, t3);
    f.sub(c0, t3, c0);
    return true;
  }
}
