package org.ddsec.mikey.payload;

import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * IBAKE payload, RFC 6267 §6.1.1: "Next payload ! Encr data len (16) ! Encr data ~". The data is
 * IBE-encrypted ID/IDR and ECCPT sub-payloads ({@link org.ddsec.mikey.MikeyCodec#decodeIbakeContent}).
 */
public record IbakePayload(Bytes encrData) implements Payload {

  public IbakePayload {
    if (encrData.length() > 0xFFFF) {
      throw new IllegalArgumentException("Encr data len: " + encrData.length() + " (expected: ≤ 65535)");
    }
  }

  @Override
  public PayloadType type() {
    return PayloadType.IBAKE;
  }

  public static IbakePayload read(WireReader r) throws MikeyException {
    return new IbakePayload(r.bytes(r.u16("Encr data len"), "Encr data"));
  }

  @Override
  public void write(WireWriter w) {
    w.u16(encrData.length()).bytes(encrData);
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.num("Encr data len", encrData.length()), Field.bytes("Encr data", encrData));
  }
}
