package org.ddsec.crypto.ibe.eccsi;

import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;

/**
 * The KMS Public Authentication Key KPAK = [KSAK]G (RFC 6507 §4.2), the root of trust of ECCSI,
 * checked to lie on the curve before use. Equality by the encoded point.
 */
public final class EccsiKpak {

  private final EccsiParameters params;
  private final ECPoint point;
  private final Bytes encoded;

  EccsiKpak(EccsiParameters params, ECPoint point) {
    this.params = params;
    this.point = point.normalize();
    this.encoded = Bytes.of(params.encode(this.point));
  }

  /**
   * Decodes 0x04 || x || y (65 octets) and checks the point is on the curve (RFC 6507 §4.2).
   *
   * @throws IbeException MALFORMED or INVALID_POINT
   */
  public static EccsiKpak decode(EccsiParameters params, Bytes encoded) throws IbeException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(encoded, "encoded");
    return new EccsiKpak(params, params.decodePoint(encoded, "ECCSI KPAK"));
  }

  public EccsiParameters parameters() {
    return params;
  }

  public Bytes encoded() {
    return encoded;
  }

  ECPoint point() {
    return point;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EccsiKpak k && k.encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "EccsiKpak[" + encoded.hex().substring(0, 18) + "…]";
  }
}
