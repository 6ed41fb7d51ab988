package org.ddsec.crypto.ibe.internal;

/**
 * Arithmetic in F_p^2 = F_p[i], i^2 = -1 (RFC 6508 §2.1; p ≡ 3 mod 4 so -1 is a non-residue), on
 * pairs (re, im) of Montgomery-form {@link Fp} elements, updated in place. Not thread-safe.
 */
final class Fp2 {

  private final Fp f;
  private final long[] t0;
  private final long[] t1;
  private final long[] t2;

  Fp2(Fp f) {
    this.f = f;
    this.t0 = f.zero();
    this.t1 = f.zero();
    this.t2 = f.zero();
  }

  /** (re + i·im) ← (re + i·im)^2 = (re+im)(re-im) + i·2·re·im: two multiplications. */
  void sqr(long[] re, long[] im) {
    f.add(re, im, t0);
    f.sub(re, im, t1);
    f.mul(re, im, t2);
    f.mul(t0, t1, re);
    f.dbl(t2, im);
  }

  /** (re + i·im) ← (re + i·im)(c + i·d), Karatsuba: three multiplications. */
  void mul(long[] re, long[] im, long[] c, long[] d) {
    f.mul(re, c, t0);
    f.mul(im, d, t1);
    f.add(re, im, t2);
    f.add(c, d, im);
    f.mul(t2, im, im);
    f.sub(im, t0, im);
    f.sub(im, t1, im);
    f.sub(t0, t1, re);
  }

  /** (re + i·im) ← (re + i·im)(1 + i·s) = (re - im·s) + i(im + re·s): two multiplications. */
  void mulOnePlusI(long[] re, long[] im, long[] s) {
    f.mul(im, s, t0);
    f.mul(re, s, t1);
    f.sub(re, t0, re);
    f.add(im, t1, im);
  }
}
