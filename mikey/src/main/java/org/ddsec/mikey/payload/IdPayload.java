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
    return idFields(idType, id, "ID");
  }

  /** The identity as text when it is printable ASCII (NUL bytes, as in "name\\0" identifiers, shown as \\0). */
  static java.util.Optional<String> text(Bytes id) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < id.length(); i++) {
      int c = id.get(i);
      if (c == 0) {
        sb.append("\\0");
      } else if (c < 0x20 || c > 0x7E) {
        return java.util.Optional.empty();
      } else {
        sb.append((char) c);
      }
    }
    return id.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(sb.toString());
  }

  static List<Field> idFields(IdType type, Bytes id, String dataLabel) {
    List<Field> f = new ArrayList<>();
    f.add(Field.code("ID Type", type));
    f.add(Field.num("ID len", id.length()));
    f.add(Field.bytes(dataLabel, id));
    if (type != IdType.BYTE_STRING) {
      text(id).ifPresent(t -> f.add(Field.text(dataLabel + " text", t)));
    }
    return f;
  }
}
