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

/** ID payload, RFC 3830 §6.7 (RFC 6043 §6.5 adds Byte string): "Next Payload ! ID Type ! ID len (16) ! ID ~". */
public record IdPayload(IdType idType, Bytes id) implements Payload {

  public IdPayload {
    Objects.requireNonNull(idType, "idType");
    if (id.length() > 0xFFFF) {
      throw new IllegalArgumentException("ID len: " + id.length() + " (expected: ≤ 65535)");
    }
  }

  public static IdPayload uri(String uri) {
    return new IdPayload(IdType.URI, Bytes.utf8(uri));
  }

  @Override
  public PayloadType type() {
    return PayloadType.ID;
  }

  public static IdPayload read(WireReader r) throws MikeyException {
    IdType t = r.code8(IdType::lookup, "ID Type", Reason.UNSUPPORTED_ID);
    return new IdPayload(t, r.bytes(r.u16("ID len"), "ID"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(idType.code()).u16(id.length()).bytes(id);
  }

  @Override
  public List<Field> fields() {
    return idFields(idType, id);
  }

  static List<Field> idFields(IdType type, Bytes id) {
    List<Field> f = new ArrayList<>();
    f.add(Field.code("ID Type", type));
    f.add(Field.num("ID len", id.length()));
    f.add(Field.bytes("ID", id));
    if (type != IdType.BYTE_STRING && id.isPrintableAscii()) {
      f.add(Field.text("ID text", id.utf8()));
    }
    return f;
  }
}
