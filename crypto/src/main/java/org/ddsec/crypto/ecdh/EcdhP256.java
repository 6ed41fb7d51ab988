package org.ddsec.crypto.ecdh;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;

/**
 * Elliptic-curve Diffie-Hellman on NIST P-256 (secp256r1) as MIKEY-IBAKE uses it (RFC 6267 §4.1,
 * §5.1, ECCPT curve 8): ephemeral keys x, public values [x]G, and the session point [x]([y]G)
 * whose SEC 1 octet string is K_SESSION.
 *
 * <p>Encoding (fixed by ddsec, docs/profile-ibake-dd.md): public values and the session point are
 * SEC 1 §2.3.3 octet strings <em>without</em> point compression, 0x04 || X || Y with 32-octet
 * big-endian coordinates — 65 octets. RFC 6267 §5.1 converts "the session key, as a point on an
 * elliptic curve" into its SEC 1 octet string, so K_SESSION is the whole point, not only X (as
 * RFC 5903-style ECDH would use). Compressed points are refused: one encoding per point.
 *
 * <p>A peer's value is checked before use (SEC 1 §3.2.2.1, "public key validation"): the length
 * and the 0x04 prefix, both coordinates below p, and the curve equation. P-256 has cofactor 1,
 * so every point on the curve other than infinity has order n. Curve arithmetic is Bouncy
 * Castle's P-256; [x]G uses its fixed-point comb, [x]Q its default multiplier (not constant-time;
 * the scalars are ephemeral, used once).
 */
public final class EcdhP256 {

  /** Octets of a coordinate and of a scalar. */
  public static final int FIELD_BYTES = 32;
  /** Octets of an uncompressed point, 0x04 || X || Y. */
  public static final int POINT_BYTES = 2 * FIELD_BYTES + 1;

  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECCurve CURVE = P256.getCurve();
  private static final ECPoint G = P256.getG().normalize();
  private static final BigInteger N = P256.getN();
  private static final BigInteger P = CURVE.getField().getCharacteristic();

  private EcdhP256() {}

  /** A fresh ephemeral key: x uniform in [1, n-1]. */
  public static EphemeralKey generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    BigInteger x = BigIntegers.createRandomInRange(BigInteger.ONE, N.subtract(BigInteger.ONE), random);
    return of(x);
  }

  /**
   * The ephemeral key with scalar {@code x} (32 octets, big-endian), e.g. a test vector's.
   *
   * @throws IllegalArgumentException unless 1 ≤ x ≤ n-1 (the message gives no digit of x)
   */
  public static EphemeralKey fromScalar(SecretBytes x) {
    Objects.requireNonNull(x, "x");
    if (x.length() != FIELD_BYTES) {
      throw new IllegalArgumentException("P-256 scalar: " + x.length() + " octets (expected: " + FIELD_BYTES + ")");
    }
    byte[] b = x.unsafeBytes();
    BigInteger v = new BigInteger(1, b);
    SecretBytes.wipe(b);
    if (v.signum() == 0 || v.compareTo(N) >= 0) {
      throw new IllegalArgumentException("P-256 scalar: out of range (expected: 1 ≤ x ≤ n-1)");
    }
    return of(v);
  }

  private static EphemeralKey of(BigInteger x) {
    ECPoint pub = new FixedPointCombMultiplier().multiply(G, x).normalize();
    return new EphemeralKey(SecretBytes.wrap(BigIntegers.asUnsignedByteArray(FIELD_BYTES, x)), Bytes.of(pub.getEncoded(false)));
  }

  /**
   * Checks a peer's public value (SEC 1 §3.2.2.1) and returns it unchanged.
   *
   * @throws EcdhException MALFORMED for a length, prefix or coordinate out of range;
   *     INVALID_POINT for a point off the curve
   */
  public static Bytes validate(Bytes point) throws EcdhException {
    decode(point);
    return point;
  }

  /**
   * K_SESSION: the SEC 1 uncompressed octet string of [x]Q for our key x and the peer's value Q
   * (RFC 6267 §5.1), 65 octets. The caller owns (and closes) the result.
   *
   * @throws EcdhException if {@code peer} is not a valid P-256 point
   * @throws IllegalStateException if {@code mine} was closed
   */
  public static SecretBytes sessionPoint(EphemeralKey mine, Bytes peer) throws EcdhException {
    Objects.requireNonNull(mine, "mine");
    ECPoint q = decode(peer);
    byte[] xb = mine.scalar().unsafeBytes();
    BigInteger x = new BigInteger(1, xb);
    SecretBytes.wipe(xb);
    ECPoint s = q.multiply(x).normalize();
    if (s.isInfinity()) {
      // Impossible for a valid Q of prime order n and 1 ≤ x ≤ n-1.
      throw new AssertionError("[x]Q is infinity for a point of order n");
    }
    return SecretBytes.wrap(s.getEncoded(false));
  }

  private static ECPoint decode(Bytes point) throws EcdhException {
    Objects.requireNonNull(point, "point");
    if (point.length() != POINT_BYTES || point.get(0) != 0x04) {
      throw new EcdhException(EcdhException.Reason.MALFORMED, "P-256 point: " + point.length() + " octets"
          + (point.isEmpty() ? "" : " starting 0x" + String.format("%02x", point.get(0)))
          + " (expected: " + POINT_BYTES + " octets, 0x04 || X || Y, SEC 1 uncompressed)");
    }
    byte[] b = point.toByteArray();
    BigInteger x = new BigInteger(1, java.util.Arrays.copyOfRange(b, 1, 1 + FIELD_BYTES));
    BigInteger y = new BigInteger(1, java.util.Arrays.copyOfRange(b, 1 + FIELD_BYTES, POINT_BYTES));
    if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
      throw new EcdhException(EcdhException.Reason.MALFORMED, "P-256 point: a coordinate ≥ p (expected: < p, SEC 1 §2.3.4)");
    }
    ECPoint pt = CURVE.createPoint(x, y);
    if (!pt.isValid()) {
      throw new EcdhException(EcdhException.Reason.INVALID_POINT, "P-256 point: not on the curve (SEC 1 §3.2.2.1)");
    }
    return pt;
  }
}
