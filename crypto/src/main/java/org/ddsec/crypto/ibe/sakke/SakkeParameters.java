package org.ddsec.crypto.ibe.sakke;

import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.internal.FixedBaseComb;
import org.ddsec.crypto.ibe.internal.MontgomeryField;
import org.ddsec.crypto.ibe.internal.PfpComb;

/**
 * The public parameters of SAKKE (RFC 6508 §2.3): MIKEY-SAKKE parameter set 1 of RFC 6509
 * Appendix A — a 1024-bit p ≡ 3 mod 4, q = (p+1)/4, the supersingular curve E: y^2 = x^3 - 3x,
 * the base point P of order q, g = &lt;P,P&gt;, n = 128 and SHA-256 — together with the fixed
 * encodings of RFC 6508 §4 (L = 128-octet field elements, 257-octet points, 273-octet
 * Encapsulated Data).
 *
 * <p>The curve is a Bouncy Castle {@link ECCurve.Fp} (point representation, addition, the
 * complete fallback multiplication); the hot paths run on ddsec's Montgomery arithmetic in
 * {@code ibe.internal}, whose fixed-base tables for P and g are built on first use.
 */
public final class SakkeParameters {

  private static final SakkeParameters SET_1 = new SakkeParameters(
      1,
      hex("997ABB1F 0A563FDA 65C61198 DAD0657A 416C0CE1 9CB48261 BE9AE358 B3E01A2E"
          + "F40AAB27 E2FC0F1B 228730D5 31A59CB0 E791B39F F7C88A19 356D27F4 A666A6D0"
          + "E26C6487 326B4CD4 512AC5CD 65681CE1 B6AFF4A8 31852A82 A7CF3C52 1C3C09AA"
          + "9F94D6AF 56971F1F FCE3E823 89857DB0 80C5DF10 AC7ACE87 666D807A FEA85FEB"),
      hex("265EAEC7 C2958FF6 99718466 36B4195E 905B0338 672D2098 6FA6B8D6 2CF8068B"
          + "BD02AAC9 F8BF03C6 C8A1CC35 4C69672C 39E46CE7 FDF22286 4D5B49FD 2999A9B4"
          + "389B1921 CC9AD335 144AB173 595A0738 6DABFD2A 0C614AA0 A9F3CF14 870F026A"
          + "A7E535AB D5A5C7C7 FF38FA08 E2615F6C 203177C4 2B1EB3A1 D99B601E BFAA17FB"),
      hex("53FC09EE 332C29AD 0A799005 3ED9B52A 2B1A2FD6 0AEC69C6 98B2F204 B6FF7CBF"
          + "B5EDB6C0 F6CE2308 AB10DB90 30B09E10 43D5F22C DB9DFA55 718BD9E7 406CE890"
          + "9760AF76 5DD5BCCB 337C8654 8B72F2E1 A702C339 7A60DE74 A7C1514D BA66910D"
          + "D5CFB4CC 80728D87 EE9163A5 B63F73EC 80EC46C4 967E0979 880DC8AB EAE63895"),
      hex("0A824906 3F6009F1 F9F1F053 3634A135 D3E82016 02990696 3D778D82 1E141178"
          + "F5EA69F4 654EC2B9 E7F7F5E5 F0DE55F6 6B598CCF 9A140B2E 416CFF0C A9E032B9"
          + "70DAE117 AD547C6C CAD696B5 B7652FE0 AC6F1E80 164AA989 492D979F C5A4D5F2"
          + "13515AD7 E9CB99A9 80BDAD5A D5BB4636 ADB9B570 6A67DCDE 75573FD7 1BEF16D7"),
      hex("66FC2A43 2B6EA392 148F1586 7D623068 C6A87BD1 FB94C41E 27FABE65 8E015A87"
          + "371E9474 4C96FEDA 449AE956 3F8BC446 CBFDA85D 5D00EF57 7072DA8F 541721BE"
          + "EE0FAED1 828EAB90 B99DFB01 38C78433 55DF0460 B4A9FD74 B4F1A32B CAFA1FFA"
          + "D682C033 A7942BCC E3720F20 B9B7B040 3C8CAE87 B7A0042A CDE0FAB3 6461EA46"),
      128);

  private final int id;
  private final BigInteger p;
  private final BigInteger q;
  private final BigInteger g;
  private final int n;
  private final int fieldBytes;
  private final ECCurve.Fp curve;
  private final ECPoint basePoint;
  private final MontgomeryField field;
  private volatile FixedBaseComb pComb;
  private volatile PfpComb gComb;

  private SakkeParameters(int id, BigInteger p, BigInteger q, BigInteger px, BigInteger py, BigInteger g, int n) {
    this.id = id;
    this.p = p;
    this.q = q;
    this.g = g;
    this.n = n;
    this.fieldBytes = (p.bitLength() + 7) / 8;
    this.curve = new ECCurve.Fp(p, p.subtract(BigInteger.valueOf(3)), BigInteger.ZERO, q, p.add(BigInteger.ONE).divide(q));
    this.basePoint = curve.createPoint(px, py);
    this.field = new MontgomeryField(p);
  }

  /** Parameter set 1 of RFC 6509 Appendix A (the "SAKKE Params" value 1 of RFC 6509 §4.4). */
  public static SakkeParameters parameterSet1() {
    return SET_1;
  }

  /** The IANA "SAKKE Params" value (RFC 6509 §6). */
  public int id() {
    return id;
  }

  /** The field prime p. */
  public BigInteger p() {
    return p;
  }

  /** The prime order q of P. */
  public BigInteger q() {
    return q;
  }

  /** The F_p representative of g = &lt;P,P&gt;. */
  public BigInteger g() {
    return g;
  }

  /** n: the SSV has n bits (128). */
  public int ssvBits() {
    return n;
  }

  /** n/8: the SSV and H have this many octets (16). */
  public int ssvBytes() {
    return n / 8;
  }

  /** L = Ceiling(lg(p)/8): octets of an F_p element (128). */
  public int fieldBytes() {
    return fieldBytes;
  }

  /** 2L + 1: octets of an uncompressed point (257). */
  public int pointBytes() {
    return 2 * fieldBytes + 1;
  }

  /** 2L + 1 + n/8: octets of the Encapsulated Data (273, RFC 6508 §4). */
  public int encapsulatedDataBytes() {
    return pointBytes() + ssvBytes();
  }

  /** The Bouncy Castle curve E: y^2 = x^3 - 3x over F_p, order q, cofactor (p+1)/q. */
  public ECCurve curve() {
    return curve;
  }

  /** The base point P. */
  public ECPoint basePoint() {
    return basePoint;
  }

  /** The point (x, y) after checking it lies on E (no subgroup check). */
  ECPoint point(BigInteger x, BigInteger y) throws IbeException {
    if (x.signum() < 0 || x.compareTo(p) >= 0 || y.signum() < 0 || y.compareTo(p) >= 0) {
      throw new IbeException(IbeException.Reason.MALFORMED, "point coordinate: ≥ p (expected: 0 ≤ x, y < p)");
    }
    BigInteger rhs = x.multiply(x).subtract(BigInteger.valueOf(3)).multiply(x).mod(p);
    if (!y.multiply(y).mod(p).equals(rhs)) {
      throw new IbeException(IbeException.Reason.INVALID_POINT, "point: not on y^2 = x^3 - 3x (RFC 6508 §2.1)");
    }
    return curve.createPoint(x, y);
  }

  /**
   * Decodes 0x04 || x || y (RFC 6508 §4, RFC 5480 §2.2), checking the length and that the point
   * is on E; the subgroup is checked by the callers that need it.
   */
  ECPoint decodePoint(Bytes encoded, String what) throws IbeException {
    if (encoded.length() != pointBytes() || encoded.get(0) != 0x04) {
      throw new IbeException(IbeException.Reason.MALFORMED, what + ": " + encoded.length() + " octets"
          + (encoded.length() > 0 ? " starting " + String.format("0x%02x", encoded.get(0)) : "")
          + " (expected: " + pointBytes() + ", 0x04 || x || y, RFC 6508 §4)");
    }
    byte[] b = encoded.toByteArray();
    BigInteger x = BigIntegers.fromUnsignedByteArray(b, 1, fieldBytes);
    BigInteger y = BigIntegers.fromUnsignedByteArray(b, 1 + fieldBytes, fieldBytes);
    return point(x, y);
  }

  /** 0x04 || x || y with L-octet coordinates. */
  byte[] encodePoint(ECPoint pt) {
    ECPoint a = pt.normalize();
    byte[] out = new byte[pointBytes()];
    out[0] = 0x04;
    BigIntegers.asUnsignedByteArray(a.getAffineXCoord().toBigInteger(), out, 1, fieldBytes);
    BigIntegers.asUnsignedByteArray(a.getAffineYCoord().toBigInteger(), out, 1 + fieldBytes, fieldBytes);
    return out;
  }

  /** The L-octet representation of an F_p or PF_p element (RFC 6508 §4). */
  byte[] encodeFieldElement(BigInteger x) {
    return BigIntegers.asUnsignedByteArray(fieldBytes, x);
  }

  /** True when [q]pt is the point at infinity (Bouncy Castle's reference multiplication; slow, for keys only). */
  boolean hasOrderQ(ECPoint pt) {
    return !pt.isInfinity() && org.bouncycastle.math.ec.ECAlgorithms.referenceMultiply(pt, q).isInfinity();
  }

  /** [k]P on the fast comb, with Bouncy Castle's complete arithmetic in the exceptional cases. */
  ECPoint multiplyBase(BigInteger k) {
    return combMultiply(pComb(), basePoint, k);
  }

  ECPoint combMultiply(FixedBaseComb comb, ECPoint base, BigInteger k) {
    BigInteger kk = k.mod(q);
    if (kk.signum() == 0) {
      return curve.getInfinity();
    }
    Optional<BigInteger[]> r = comb.multiply(kk);
    if (r.isPresent()) {
      return curve.createPoint(r.get()[0], r.get()[1]);
    }
    return base.multiply(kk).normalize();
  }

  /** g^k in PF_p (RFC 6508 §6.2.1 step 4a), as the F_p representative. */
  BigInteger gPow(BigInteger k) {
    BigInteger kk = k.mod(q);
    if (kk.signum() == 0) {
      return BigInteger.ZERO; // the identity 1 + 0i
    }
    return gComb().pow(kk);
  }

  MontgomeryField field() {
    return field;
  }

  FixedBaseComb combFor(ECPoint pt) {
    ECPoint a = pt.normalize();
    return FixedBaseComb.build(field, a.getAffineXCoord().toBigInteger(), a.getAffineYCoord().toBigInteger(), q.bitLength());
  }

  private FixedBaseComb pComb() {
    FixedBaseComb c = pComb;
    if (c == null) {
      c = combFor(basePoint);
      pComb = c;
    }
    return c;
  }

  private PfpComb gComb() {
    PfpComb c = gComb;
    if (c == null) {
      c = PfpComb.build(field, g, q.bitLength());
      gComb = c;
    }
    return c;
  }

  private static BigInteger hex(String s) {
    return new BigInteger(s.replace(" ", ""), 16);
  }
}
