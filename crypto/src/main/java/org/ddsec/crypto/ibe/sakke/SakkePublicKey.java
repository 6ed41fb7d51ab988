package org.ddsec.crypto.ibe.sakke;

import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.internal.FixedBaseComb;

/**
 * A KMS Public Key Z_T = [z_T]P (RFC 6508 §2.2), validated: on E and of order q. Senders
 * encapsulate to the identities of this KMS with it; receivers validate their keys against it.
 * Equality by the encoded point. Thread-safe; the fixed-base table a sender needs is built on
 * first use.
 */
public final class SakkePublicKey {

  private final SakkeParameters params;
  private final ECPoint z;
  private final Bytes encoded;
  private volatile FixedBaseComb comb;

  SakkePublicKey(SakkeParameters params, ECPoint z) {
    this.params = params;
    this.z = z.normalize();
    this.encoded = Bytes.of(params.encodePoint(this.z));
  }

  /**
   * Decodes and validates a KMS public key (0x04 || x || y, RFC 6508 §4).
   *
   * @throws IbeException MALFORMED for a bad encoding; INVALID_POINT when the point is not on E
   *     or not of order q
   */
  public static SakkePublicKey decode(SakkeParameters params, Bytes encoded) throws IbeException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(encoded, "encoded");
    ECPoint pt = params.decodePoint(encoded, "SAKKE KMS public key");
    if (!params.hasOrderQ(pt)) {
      throw new IbeException(IbeException.Reason.INVALID_POINT, "SAKKE KMS public key: not of order q");
    }
    return new SakkePublicKey(params, pt);
  }

  public SakkeParameters parameters() {
    return params;
  }

  /** Z_T as 0x04 || x || y (257 octets). */
  public Bytes encoded() {
    return encoded;
  }

  ECPoint point() {
    return z;
  }

  FixedBaseComb comb() {
    FixedBaseComb c = comb;
    if (c == null) {
      c = params.combFor(z);
      comb = c;
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SakkePublicKey k && k.encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "SakkePublicKey[" + encoded.hex().substring(0, 18) + "…]";
  }
}
