package org.ddsec.mikey.payload;

import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * Key data transport payload (KEMAC), RFC 3830 §6.2 (RFC 6043 §6.2 adds AES-CM-256 and
 * HMAC-SHA-256-256):
 *
 * <pre>
 * ! Next payload ! Encr alg ! Encr data len (16) ! Encr data ~ ! Mac alg ! MAC ~ !
 * </pre>
 *
 * The encrypted data holds Key data sub-payloads (see {@link KemacContent}); the MAC length is
 * implied by the MAC algorithm. {@code toString()} shows only lengths, because with the NULL
 * algorithm the "encrypted" data is key material in clear.
 */
public record KemacPayload(EncryptionAlgorithm encrAlg, Bytes encrData, MacAlgorithm macAlg, Bytes mac)
    implements Payload {

  public KemacPayload {
    Objects.requireNonNull(encrAlg, "encrAlg");
    Objects.requireNonNull(encrData, "encrData");
    Objects.requireNonNull(macAlg, "macAlg");
    Objects.requireNonNull(mac, "mac");
    if (encrData.length() > 0xFFFF) {
      throw new IllegalArgumentException("Encr data len: " + encrData.length() + " (expected: ≤ 65535)");
    }
    if (mac.length() != macAlg.macLength()) {
      throw new IllegalArgumentException(
          "MAC: " + mac.length() + " bytes (expected: " + macAlg.macLength() + " for " + macAlg.rfcName() + ")");
    }
  }

  /** The same payload with a zero MAC of the right length (the form a MAC is computed over). */
  public KemacPayload withZeroMac() {
    return new KemacPayload(encrAlg, encrData, macAlg, Bytes.of(new byte[macAlg.macLength()]));
  }

  public KemacPayload withMac(Bytes newMac) {
    return new KemacPayload(encrAlg, encrData, macAlg, newMac);
  }

  @Override
  public PayloadType type() {
    return PayloadType.KEMAC;
  }

  public static KemacPayload read(WireReader r) throws MikeyException {
    EncryptionAlgorithm ea = r.code8(EncryptionAlgorithm::lookup, "Encr alg", Reason.UNSUPPORTED_ENCRYPTION);
    int len = r.u16("Encr data len");
    Bytes data = r.bytes(len, "Encr data");
    MacAlgorithm ma = r.code8(MacAlgorithm::lookup, "Mac alg", Reason.UNSUPPORTED_MAC);
    Bytes mac = r.bytes(ma.macLength(), "MAC");
    return new KemacPayload(ea, data, ma, mac);
  }

  @Override
  public void write(WireWriter w) {
    w.u8(encrAlg.code()).u16(encrData.length()).bytes(encrData).u8(macAlg.code()).bytes(mac);
  }

  @Override
  public List<Field> fields() {
    return List.of(
        Field.code("Encr alg", encrAlg),
        Field.num("Encr data len", encrData.length()),
        Field.bytes("Encr data", encrData),
        Field.code("Mac alg", macAlg),
        Field.bytes("MAC", mac));
  }

  @Override
  public String toString() {
    return "KemacPayload[" + encrAlg.rfcName() + ", " + encrData.length() + " bytes, " + macAlg.rfcName() + "]";
  }
}
