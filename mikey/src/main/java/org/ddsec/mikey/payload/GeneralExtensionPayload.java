package org.ddsec.mikey.payload;

import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * General Extension payload, RFC 3830 §6.15: "Next payload ! Type ! Length (16) ! Data ~". The
 * type is an assigned {@link GeneralExtensionType} or private use (241–255, RFC 3830 §10); the
 * data is kept opaque (its format belongs to the extension).
 */
public record GeneralExtensionPayload(int extType, Bytes data) implements Payload {

  public GeneralExtensionPayload {
    if (GeneralExtensionType.lookup(extType) == null && !Registry.isPrivateExtension(extType)) {
      throw new IllegalArgumentException("Type: " + extType + " (expected: assigned or 241-255)");
    }
    if (data.length() > 0xFFFF) {
      throw new IllegalArgumentException("Length: " + data.length() + " (expected: ≤ 65535)");
    }
  }

  @Override
  public PayloadType type() {
    return PayloadType.GENERAL_EXT;
  }

  public static GeneralExtensionPayload read(WireReader r) throws MikeyException {
    int at = r.offset();
    int t = r.u8("Type");
    if (GeneralExtensionType.lookup(t) == null && !Registry.isPrivateExtension(t)) {
      throw new MikeyException(Reason.MALFORMED, "Type", at, "unknown value " + t + " (expected: 0-7 or 241-255)");
    }
    return new GeneralExtensionPayload(t, r.bytes(r.u16("Length"), "Data"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(extType).u16(data.length()).bytes(data);
  }

  @Override
  public List<Field> fields() {
    GeneralExtensionType known = GeneralExtensionType.lookup(extType);
    return List.of(
        Field.code("Type", extType, known != null ? known.rfcName() : "private use"),
        Field.num("Length", data.length()),
        Field.bytes("Data", data));
  }
}
