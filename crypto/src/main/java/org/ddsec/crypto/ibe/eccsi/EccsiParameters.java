package org.ddsec.crypto.ibe.eccsi;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;

/**
 * The static parameters of ECCSI (RFC 6507 §4.1) as MIKEY-SAKKE uses them (RFC 6509 §3.1) and as
 * RFC 6507 Appendix A tests them: NIST P-256 (n = 256, N = 32), its base point G of prime order
 * q, and SHA-256. Curve arithmetic is Bouncy Castle's (its fast custom P-256 implementation).
 */
public final class EccsiParameters {

  private static final EccsiParameters P256 = new EccsiParameters(CustomNamedCurves.getByName("secp256r1"));

  private final X9ECParameters x9;
  private final ECCurve curve;
  private final ECPoint g;
  private final BigInteger q;
  private final BigInteger p;
  private final int n;

  private EccsiParameters(X9ECParameters x9) {
    this.x9 = x9;
    this.curve = x9.getCurve();
    this.g = x9.getG().normalize();
    this.q = x9.getN();
    this.p = curve.getField().getCharacteristic();
    this.n = (curve.getFieldSize() + 7) / 8;
  }

  /** NIST P-256 with SHA-256 (RFC 6507 Appendix A, RFC 6509 §3.1). */
  public static EccsiParameters p256() {
    return P256;
  }

  /** N: octets of r, s, a field element and a hash (32). */
  public int n() {
    return n;
  }

  /** The prime order q of G. */
  public BigInteger q() {
    return q;
  }

  /** The field prime p. */
  public BigInteger p() {
    return p;
  }

  public ECPoint g() {
    return g;
  }

  /** Bouncy Castle's curve parameters (for its ECCSI signer in interop tests). */
  public X9ECParameters x9() {
    return x9;
  }

  /** 2N + 1: octets of an uncompressed point (65). */
  public int pointBytes() {
    return 2 * n + 1;
  }

  /** 4N + 1: octets of a signature r || s || PVT (129, RFC 6507 §3.3). */
  public int signatureBytes() {
    return 4 * n + 1;
  }

  /** 0x04 || x || y, N-octet coordinates (RFC 6507 §3.2). */
  byte[] encode(ECPoint pt) {
    return pt.normalize().getEncoded(false);
  }

  /**
   * Decodes 0x04 || x || y and checks the point lies on E (RFC 6507 §5.1.2 step 1, §5.2.2 step 1).
   * P-256 has cofactor 1, so every point on E other than 0 has order q.
   */
  ECPoint decodePoint(Bytes encoded, String what) throws IbeException {
    if (encoded.length() != pointBytes() || encoded.get(0) != 0x04) {
      throw new IbeException(IbeException.Reason.MALFORMED, what + ": " + encoded.length() + " octets"
          + (encoded.length() > 0 ? " starting " + String.format("0x%02x", encoded.get(0)) : "")
          + " (expected: " + pointBytes() + ", 0x04 || x || y, RFC 6507 §3.2)");
    }
    byte[] b = encoded.toByteArray();
    BigInteger x = BigIntegers.fromUnsignedByteArray(b, 1, n);
    BigInteger y = BigIntegers.fromUnsignedByteArray(b, 1 + n, n);
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
      throw new IbeException(IbeException.Reason.MALFORMED, what + ": coordinate ≥ p (expected: 0 ≤ x, y < p)");
    }
    try {
      return curve.validatePoint(x, y).normalize();
    } catch (IllegalArgumentException e) {
      throw new IbeException(IbeException.Reason.INVALID_POINT, what + ": not on the curve (RFC 6507 §5.2.2 step 1)");
    }
  }

  /** The N-octet representation of an integer 0 ≤ x &lt; 2^(8N). */
  byte[] integer(BigInteger x) {
    return BigIntegers.asUnsignedByteArray(n, x);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is mandatory in every JCE", e);
    }
  }
}
