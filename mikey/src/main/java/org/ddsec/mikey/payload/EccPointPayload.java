package org.ddsec.mikey.payload;

import java.util.ArrayList;
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
 * EC Diffie-Hellman sub-payload (ECCPT), RFC 6267 §6.1.4:
 *
 * <pre>
 * ! Next payload ! ECC Curve ! ECC Point ~ (zero padding to a 32-bit boundary)
 * ! Auth alg ! TGK len (16) ! Reserv (4) ! KV (4) ! KV data ~ !
 * </pre>
 *
 * The point is a SEC 1 octet string: 0x04 || X || Y (uncompressed) or 0x02/0x03 || X
 * (compressed), its length implied by the curve and the first byte. "Padded to end on a 32-bit
 * boundary" is read as: zero bytes after the point so that the point field ends at a multiple of
 * 4 bytes from the start of this sub-payload (docs/mikey-codec.md). Auth alg and TGK len are
 * ignored by MIKEY-IBAKE but must still be well-formed. Only inside an IBAKE payload's decrypted
 * data.
 */
public record EccPointPayload(EccCurve curve, Bytes point, MacAlgorithm authAlg, int tgkLen, KeyValidity validity)
    implements Payload {

  public EccPointPayload {
    Objects.requireNonNull(curve, "curve");
    Objects.requireNonNull(authAlg, "authAlg");
    Objects.requireNonNull(validity, "validity");
    if (point.isEmpty() || pointLength(curve, point.get(0)) != point.length()) {
      throw new IllegalArgumentException("ECC Point: " + point.length() + " bytes is not a SEC 1 point on " + curve.rfcName());
    }
    if (tgkLen < 0 || tgkLen > 0xFFFF) {
      throw new IllegalArgumentException("TGK len: " + tgkLen);
    }
  }

  /** An ECCPT for {@code point} with the fields MIKEY-IBAKE ignores set to NULL/0. */
  public static EccPointPayload of(EccCurve curve, Bytes point) {
    return new EccPointPayload(curve, point, MacAlgorithm.NULL, 0, KeyValidity.None.INSTANCE);
  }

  /** Length of a SEC 1 point starting with {@code first}, or -1 for an unsupported encoding. */
  static int pointLength(EccCurve c, int first) {
    return switch (first) {
      case 0x04 -> 1 + 2 * c.fieldLength();
      case 0x02, 0x03 -> 1 + c.fieldLength();
      default -> -1;
    };
  }

  /** Zero bytes after a point of {@code len} bytes so that 2 + len + pad ≡ 0 (mod 4). */
  static int padding(int len) {
    return (4 - (2 + len) % 4) % 4;
  }

  @Override
  public PayloadType type() {
    return PayloadType.ECCPT;
  }

  public static EccPointPayload read(WireReader r) throws MikeyException {
    EccCurve c = r.code8(EccCurve::lookup, "ECC Curve", Reason.UNSUPPORTED_DH_GROUP);
    int at = r.offset();
    int first = r.u8("ECC Point");
    int len = pointLength(c, first);
    if (len < 0) {
      throw new MikeyException(Reason.MALFORMED, "ECC Point", at, "first byte " + first + " (expected: 2, 3 or 4)");
    }
    Bytes rest = r.bytes(len - 1, "ECC Point");
    Bytes point = Bytes.of((byte) first).concat(rest);
    int padAt = r.offset();
    Bytes pad = r.bytes(padding(len), "ECC Point padding");
    for (int i = 0; i < pad.length(); i++) {
      if (pad.get(i) != 0) {
        throw new MikeyException(Reason.MALFORMED, "ECC Point padding", padAt + i, "non-zero (expected: 0)");
      }
    }
    MacAlgorithm a = r.code8(MacAlgorithm::lookup, "Auth alg", Reason.UNSUPPORTED_MAC);
    int tgkLen = r.u16("TGK len");
    int kvAt = r.offset();
    int b = r.u8("Reserv / KV");
    if ((b >>> 4) != 0) {
      throw new MikeyException(Reason.MALFORMED, "Reserv", kvAt, "0x" + Integer.toHexString(b >>> 4) + " (expected: 0)");
    }
    KeyValidityType kv = KeyValidityType.lookup(b & 0xF);
    if (kv == null) {
      throw new MikeyException(Reason.MALFORMED, "KV", kvAt, "unknown value " + (b & 0xF) + " (expected: 0-2)");
    }
    return new EccPointPayload(c, point, a, tgkLen, KeyValidity.read(kv, r));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(curve.code()).bytes(point).bytes(new byte[padding(point.length())]);
    w.u8(authAlg.code()).u16(tgkLen).u8(validity.kvType().code());
    validity.write(w);
  }

  @Override
  public List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(Field.code("ECC Curve", curve));
    f.add(Field.bytes("ECC Point", point));
    f.add(Field.code("Auth alg", authAlg));
    f.add(Field.num("TGK len", tgkLen));
    f.add(Field.code("KV", validity.kvType()));
    f.addAll(validity.fields());
    return f;
  }
}
