package org.ddsec.crypto.ibe.encryption;

import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.sakke.EncapsulatedData;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;

/**
 * An identity-based ciphertext of {@link IbeEncryption}: the SAKKE Encapsulated Data (273 octets,
 * RFC 6508 §4) followed by the AES-128-GCM ciphertext and its 16-octet tag. Equality by the
 * encoded bytes, which {@link #encoded()} returns as received.
 */
public final class IbeCiphertext {

  /** Octets of the GCM tag. */
  public static final int TAG_BYTES = 16;

  private final Bytes encoded;
  private final EncapsulatedData encapsulation;

  private IbeCiphertext(Bytes encoded, EncapsulatedData encapsulation) {
    this.encoded = encoded;
    this.encapsulation = encapsulation;
  }

  /**
   * Splits and checks the layout: Encapsulated Data (parsed, R on the curve), then at least the tag.
   *
   * @throws IbeException MALFORMED when too short or the point is badly encoded, INVALID_POINT
   *     when R is not on the curve
   */
  public static IbeCiphertext parse(SakkeParameters params, Bytes encoded) throws IbeException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(encoded, "encoded");
    int ed = params.encapsulatedDataBytes();
    if (encoded.length() < ed + TAG_BYTES) {
      throw new IbeException(IbeException.Reason.MALFORMED, "IBE ciphertext: " + encoded.length()
          + " octets (expected: ≥ " + (ed + TAG_BYTES) + " = SAKKE Encapsulated Data + GCM tag)");
    }
    return new IbeCiphertext(encoded, EncapsulatedData.parse(params, encoded.slice(0, ed)));
  }

  static IbeCiphertext of(EncapsulatedData ed, byte[] sealed) {
    return new IbeCiphertext(ed.encoded().concat(Bytes.of(sealed)), ed);
  }

  /** Encapsulated Data || AES-GCM ciphertext || tag. */
  public Bytes encoded() {
    return encoded;
  }

  public EncapsulatedData encapsulation() {
    return encapsulation;
  }

  /** The AES-GCM ciphertext followed by the tag. */
  public Bytes sealed() {
    int ed = encapsulation.encoded().length();
    return encoded.slice(ed, encoded.length() - ed);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IbeCiphertext c && c.encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  @Override
  public String toString() {
    return "IbeCiphertext[" + encoded.length() + " octets]";
  }
}
