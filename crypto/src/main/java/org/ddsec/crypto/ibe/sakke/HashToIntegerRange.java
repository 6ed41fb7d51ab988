package org.ddsec.crypto.ibe.sakke;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * HashToIntegerRange(s, n, hashfn) of RFC 6508 §5.1 with SHA-256: A = hash(s), h_0 = 0^256,
 * h_i = hash(h_(i-1)), v_i = hash(h_i || A) for i = 1..l, l = Ceiling(lg(n)/256), and
 * v = (v_1 || … || v_l) mod n.
 */
public final class HashToIntegerRange {

  private static final int HASH_BITS = 256;

  private HashToIntegerRange() {}

  /** The intermediate values, for the known-answer test of RFC 6508 Appendix A. */
  record Steps(byte[] a, List<byte[]> h, List<byte[]> v, BigInteger result) {}

  /** v in [0, n). */
  public static BigInteger hash(byte[] s, BigInteger n) {
    return steps(s, n).result();
  }

  static Steps steps(byte[] s, BigInteger n) {
    if (n.signum() <= 0) {
      throw new IllegalArgumentException("HashToIntegerRange n: " + n + " (expected: > 0)");
    }
    MessageDigest md = sha256();
    byte[] a = md.digest(s);
    int lgN = n.subtract(BigInteger.ONE).bitLength(); // Ceiling(lg(n)) for n > 1
    int l = Math.max(1, (lgN + HASH_BITS - 1) / HASH_BITS);
    byte[] h = new byte[HASH_BITS / 8];
    List<byte[]> hs = new ArrayList<>();
    List<byte[]> vs = new ArrayList<>();
    byte[] vPrime = new byte[l * (HASH_BITS / 8)];
    for (int i = 0; i < l; i++) {
      h = md.digest(h);
      md.update(h);
      md.update(a);
      byte[] v = md.digest();
      hs.add(h);
      vs.add(v);
      System.arraycopy(v, 0, vPrime, i * v.length, v.length);
    }
    return new Steps(a, hs, vs, new BigInteger(1, vPrime).mod(n));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is mandatory in every JCE", e);
    }
  }
}
