package org.ddsec.crypto.ibe.eccsi;

import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;

/**
 * An ECCSI signature r || s || PVT (RFC 6507 §3.3): N-octet r and s, then the signer's PVT as an
 * uncompressed point — 4N + 1 = 129 octets on P-256. Parsing checks the layout and that the PVT
 * is on the curve; {@link Eccsi#verify} does the rest. Equality by the encoded bytes, which
 * {@link #encoded()} returns as received.
 */
public final class EccsiSignature {

  private final Bytes encoded;
  private final BigInteger r;
  private final BigInteger s;
  private final ECPoint pvt;

  private EccsiSignature(Bytes encoded, BigInteger r, BigInteger s, ECPoint pvt) {
    this.encoded = encoded;
    this.r = r;
    this.s = s;
    this.pvt = pvt;
  }

  /**
   * Parses r || s || PVT.
   *
   * @throws IbeException MALFORMED for a wrong length or PVT encoding, INVALID_POINT for a PVT
   *     off the curve
   */
  public static EccsiSignature parse(EccsiParameters params, Bytes encoded) throws IbeException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(encoded, "encoded");
    int n = params.n();
    if (encoded.length() != params.signatureBytes()) {
      throw new IbeException(IbeException.Reason.MALFORMED, "ECCSI signature: " + encoded.length()
          + " octets (expected: " + params.signatureBytes() + " = 4N+1, r || s || PVT, RFC 6507 §3.3)");
    }
    byte[] b = encoded.toByteArray();
    BigInteger r = BigIntegers.fromUnsignedByteArray(b, 0, n);
    BigInteger s = BigIntegers.fromUnsignedByteArray(b, n, n);
    ECPoint pvt = params.decodePoint(encoded.slice(2 * n, 2 * n + 1), "ECCSI signature PVT");
    return new EccsiSignature(encoded, r, s, pvt);
  }

  static EccsiSignature of(EccsiParameters params, BigInteger r, BigInteger s, ECPoint pvt) {
    byte[] pv = params.encode(pvt);
    byte[] out = new byte[params.signatureBytes()];
    System.arraycopy(params.integer(r), 0, out, 0, params.n());
    System.arraycopy(params.integer(s), 0, out, params.n(), params.n());
    System.arraycopy(pv, 0, out, 2 * params.n(), pv.length);
    return new EccsiSignature(Bytes.of(out), r, s, pvt.normalize());
  }

  /** The 129 octets r || s || PVT. */
  public Bytes encoded() {
    return encoded;
  }

  /** r, N octets: the x-coordinate of J = [j]G. */
  public Bytes r() {
    return encoded.slice(0, encoded.length() / 4);
  }

  /** s, N octets. */
  public Bytes s() {
    int n = encoded.length() / 4;
    return encoded.slice(n, n);
  }

  /** The signer's PVT, 0x04 || x || y. */
  public Bytes pvt() {
    int n = encoded.length() / 4;
    return encoded.slice(2 * n, 2 * n + 1);
  }

  BigInteger rValue() {
    return r;
  }

  BigInteger sValue() {
    return s;
  }

  ECPoint pvtPoint() {
    return pvt;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EccsiSignature e && e.encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "EccsiSignature[" + encoded.hex() + "]";
  }
}
