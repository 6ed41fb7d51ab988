package org.ddsec.crypto.ibe.internal;

/** A mutable point (X : Y : Z) in Jacobian coordinates, x = X/Z^2, y = Y/Z^3, Montgomery-form limbs. */
final class JacobianPoint {
  final long[] x;
  final long[] y;
  final long[] z;

  JacobianPoint(Fp f) {
    this.x = f.zero();
    this.y = f.zero();
    this.z = f.zero();
  }

  void setAffine(Fp f, long[] ax, long[] ay) {
    f.set(ax, x);
    f.set(ay, y);
    f.set(f.field().one, z);
  }

  void set(Fp f, JacobianPoint o) {
    f.set(o.x, x);
    f.set(o.y, y);
    f.set(o.z, z);
  }
}
