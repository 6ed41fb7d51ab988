package org.ddsec.crypto.ibe.internal;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exponentiation u^k of a fixed element u of PF_p = (F_p^2)^* / (F_p)^* (RFC 6508 §2.1), by the
 * same {@value FixedBaseComb#TEETH}-tooth comb as {@link FixedBaseComb}. Elements of PF_p are
 * given by their F_p representative s, standing for 1 + i·s; the table keeps representatives, so
 * a step costs one F_p^2 squaring and one multiplication by 1 + i·s (four F_p multiplications).
 * In PF_p the inverse of a + i·b is its conjugate a - i·b (their product is in F_p^*), which
 * gives the offset for free. Immutable and thread-safe once built.
 */
public final class PfpComb {

  private static final int TEETH = FixedBaseComb.TEETH;

  private final MontgomeryField field;
  private final int spacing;
  private final long[] table;
  private final long[] offset;

  private PfpComb(MontgomeryField field, int spacing, long[] table, long[] offset) {
    this.field = field;
    this.spacing = spacing;
    this.table = table;
    this.offset = offset;
  }

  /**
   * Builds the table for the element with representative {@code s} (1 + i·s), of odd order,
   * for exponents of up to {@code exponentBits} bits.
   */
  public static PfpComb build(MontgomeryField field, BigInteger s, int exponentBits) {
    Fp f = field.context();
    Fp2 f2 = new Fp2(f);
    int n = field.limbs;
    int d = (exponentBits + TEETH - 1) / TEETH;
    long[] s0 = f.fromBigInteger(s);

    // pow2[t] = u^(2^(t·d)) as (re, im), then as representatives im/re.
    long[][] re = new long[TEETH][];
    long[][] im = new long[TEETH][];
    re[0] = f.one();
    im[0] = f.copy(s0);
    for (int t = 1; t < TEETH; t++) {
      re[t] = f.copy(re[t - 1]);
      im[t] = f.copy(im[t - 1]);
      for (int k = 0; k < d; k++) {
        f2.sqr(re[t], im[t]);
      }
    }
    long[][] rep = representatives(f, re, im);
    // offset = u^(1 - 2^d) = u · conj(u^(2^d)) = (1 + i s0)(1 - i s1)
    long[] oRe = f.one();
    long[] oIm = f.copy(s0);
    long[] negS1 = f.zero();
    f.neg(rep[1], negS1);
    f2.mulOnePlusI(oRe, oIm, negS1);
    long[] off = representatives(f, new long[][] {oRe}, new long[][] {oIm})[0];

    int size = 1 << TEETH;
    long[][] tRe = new long[size][];
    long[][] tIm = new long[size][];
    tRe[0] = f.one();
    tIm[0] = f.copy(s0);
    for (int t = 0; t < TEETH; t++) {
      int step = 1 << t;
      for (int j = 0; j < step; j++) {
        tRe[j + step] = f.copy(tRe[j]);
        tIm[j + step] = f.copy(tIm[j]);
        f2.mulOnePlusI(tRe[j + step], tIm[j + step], rep[t]);
      }
    }
    long[][] tRep = representatives(f, tRe, tIm);
    long[] flat = new long[size * n];
    for (int j = 0; j < size; j++) {
      System.arraycopy(tRep[j], 0, flat, j * n, n);
    }
    return new PfpComb(field, d, flat, off);
  }

  /** The representative of u^k, 0 &lt; k &lt; 2^(TEETH·d). */
  public BigInteger pow(BigInteger k) {
    if (k.signum() <= 0 || k.bitLength() > TEETH * spacing) {
      throw new IllegalArgumentException("PF_p exponent: " + k.bitLength() + " bits (expected: 0 < k < 2^" + TEETH * spacing + ")");
    }
    Fp f = field.context();
    Fp2 f2 = new Fp2(f);
    int n = field.limbs;
    long[] words = MontgomeryField.words(k, TEETH * spacing);
    long[] s = f.zero();
    long[] re = f.one();
    long[] im = f.zero();
    lookup(index(words, spacing - 1), s, n);
    f.set(s, im);
    for (int i = spacing - 2; i >= 0; i--) {
      f2.sqr(re, im);
      lookup(index(words, i), s, n);
      f2.mulOnePlusI(re, im, s);
    }
    f2.mulOnePlusI(re, im, offset);
    Arrays.fill(words, 0L);
    f.inv(re, re); // re ≠ 0: an element of odd order is never i
    f.mul(im, re, im);
    return f.toBigInteger(im);
  }

  private int index(long[] words, int i) {
    int idx = 0;
    for (int t = TEETH - 1; t >= 0; t--) {
      int bit = t * spacing + i;
      idx = (idx << 1) | (int) ((words[bit >>> 6] >>> (bit & 63)) & 1);
    }
    return idx;
  }

  private void lookup(int idx, long[] out, int n) {
    Arrays.fill(out, 0L);
    int entries = 1 << TEETH;
    for (int e = 0; e < entries; e++) {
      long mask = ((long) ((e ^ idx) - 1)) >> 63;
      int base = e * n;
      for (int j = 0; j < n; j++) {
        out[j] |= table[base + j] & mask;
      }
    }
  }

  private static long[][] representatives(Fp f, long[][] re, long[][] im) {
    long[][] inv = new long[re.length][];
    for (int i = 0; i < re.length; i++) {
      inv[i] = f.copy(re[i]);
    }
    f.batchInvert(inv);
    long[][] out = new long[re.length][];
    for (int i = 0; i < re.length; i++) {
      out[i] = f.zero();
      f.mul(im[i], inv[i], out[i]);
    }
    return out;
  }
}
