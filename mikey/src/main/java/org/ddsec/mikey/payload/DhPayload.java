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
 * DH data payload, RFC 3830 §6.4: "Next Payload ! DH-Group ! DH-value ~ ! Reserv (4) ! KV (4) !
 * KV data ~". The value length is implied by the group; the reserved bits must be zero.
 */
public record DhPayload(DhGroup group, Bytes value, KeyValidity validity) implements Payload {

  public DhPayload {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(validity, "validity");
    if (value.length() != group.valueLength()) {
      throw new IllegalArgumentException(
          "DH-value: " + value.length() + " bytes (expected: " + group.valueLength() + " for " + group.rfcName() + ")");
    }
  }

  @Override
  public PayloadType type() {
    return PayloadType.DH;
  }

  public static DhPayload read(WireReader r) throws MikeyException {
    DhGroup g = r.code8(DhGroup::lookup, "DH-Group", Reason.UNSUPPORTED_DH_GROUP);
    Bytes value = r.bytes(g.valueLength(), "DH-value");
    int at = r.offset();
    int b = r.u8("Reserv / KV");
    if ((b >>> 4) != 0) {
      throw new MikeyException(Reason.MALFORMED, "Reserv", at, "0x" + Integer.toHexString(b >>> 4) + " (expected: 0)");
    }
    KeyValidityType kv = KeyValidityType.lookup(b & 0xF);
    if (kv == null) {
      throw new MikeyException(Reason.MALFORMED, "KV", at, "unknown value " + (b & 0xF) + " (expected: 0-2)");
    }
    return new DhPayload(g, value, KeyValidity.read(kv, r));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(group.code()).bytes(value).u8(validity.kvType().code());
    validity.write(w);
  }

  @Override
  public List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(Field.code("DH-Group", group));
    f.add(Field.bytes("DH-value", value));
    f.add(Field.code("KV", validity.kvType()));
    f.addAll(validity.fields());
    return f;
  }
}
