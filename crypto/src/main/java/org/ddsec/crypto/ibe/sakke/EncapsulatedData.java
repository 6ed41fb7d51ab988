package org.ddsec.crypto.ibe.sakke;

import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;

/**
 * SAKKE Encapsulated Data (R_(b,S), H) in the fixed layout of RFC 6508 §4: the point R as
 * 0x04 || x || y (2L + 1 octets) followed by H (n/8 octets) — 273 octets for parameter set 1.
 * Parsing checks the length and that R lies on E; decapsulation then checks R itself (§6.2.2
 * step 5). Equality by the encoded bytes, which {@link #encoded()} returns as received.
 */
public final class EncapsulatedData {

  private final Bytes encoded;
  private final ECPoint r;
  private final int pointBytes;

  private EncapsulatedData(Bytes encoded, ECPoint r, int pointBytes) {
    this.encoded = encoded;
    this.r = r;
    this.pointBytes = pointBytes;
  }

  /**
   * Parses Encapsulated Data.
   *
   * @throws IbeException MALFORMED on a wrong length or point encoding; INVALID_POINT when R is
   *     not on E
   */
  public static EncapsulatedData parse(SakkeParameters params, Bytes encoded) throws IbeException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length() != params.encapsulatedDataBytes()) {
      throw new IbeException(IbeException.Reason.MALFORMED, "SAKKE Encapsulated Data: " + encoded.length()
          + " octets (expected: " + params.encapsulatedDataBytes() + " = 2L+1+n/8, RFC 6508 §4)");
    }
    ECPoint r = params.decodePoint(encoded.slice(0, params.pointBytes()), "SAKKE Encapsulated Data R_(b,S)");
    return new EncapsulatedData(encoded, r, params.pointBytes());
  }

  static EncapsulatedData of(SakkeParameters params, ECPoint r, byte[] h) {
    byte[] point = params.encodePoint(r);
    byte[] out = new byte[point.length + h.length];
    System.arraycopy(point, 0, out, 0, point.length);
    System.arraycopy(h, 0, out, point.length, h.length);
    return new EncapsulatedData(Bytes.of(out), r.normalize(), point.length);
  }

  /** The 273 octets R || H. */
  public Bytes encoded() {
    return encoded;
  }

  /** R_(b,S) as 0x04 || x || y. */
  public Bytes r() {
    return encoded.slice(0, pointBytes);
  }

  /** H, the masked SSV (n/8 octets). */
  public Bytes h() {
    return encoded.slice(pointBytes, encoded.length() - pointBytes);
  }

  ECPoint point() {
    return r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncapsulatedData d && d.encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "EncapsulatedData[" + encoded.length() + " octets]";
  }
}
