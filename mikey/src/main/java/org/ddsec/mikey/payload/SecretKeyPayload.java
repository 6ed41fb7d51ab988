package org.ddsec.mikey.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.SecretBytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * Secret Key sub-payload (SK), RFC 6267 §6.1.5: "Next Payload ! Type (4) ! KV (4) ! Key data len
 * (16) ! Key data ~ ! KV data ~". Only inside an ESK's decrypted data ({@link EskPayload}).
 */
public record SecretKeyPayload(SecretKeyType skType, SecretBytes keyData, KeyValidity validity) implements Payload {

  public SecretKeyPayload {
    Objects.requireNonNull(skType, "skType");
    Objects.requireNonNull(keyData, "keyData");
    Objects.requireNonNull(validity, "validity");
    if (keyData.length() > 0xFFFF) {
      throw new IllegalArgumentException("Key data len: " + keyData.length() + " (expected: ≤ 65535)");
    }
  }

  @Override
  public PayloadType type() {
    return PayloadType.SK;
  }

  public static SecretKeyPayload read(WireReader r) throws MikeyException {
    int at = r.offset();
    int b = r.u8("Type / KV");
    SecretKeyType t = SecretKeyType.lookup(b >>> 4);
    if (t == null) {
      throw new MikeyException(Reason.MALFORMED, "Type", at, "unknown value " + (b >>> 4) + " (expected: 1)");
    }
    KeyValidityType kv = KeyValidityType.lookup(b & 0xF);
    if (kv == null) {
      throw new MikeyException(Reason.MALFORMED, "KV", at, "unknown value " + (b & 0xF) + " (expected: 0-2)");
    }
    SecretBytes key = SecretBytes.wrap(r.rawBytes(r.u16("Key data len"), "Key data"));
    return new SecretKeyPayload(t, key, KeyValidity.read(kv, r));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(skType.code() << 4 | validity.kvType().code());
    byte[] k = keyData.unsafeBytes();
    w.u16(k.length).bytes(k);
    SecretBytes.wipe(k);
    validity.write(w);
  }

  @Override
  public List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(Field.code("Type", skType));
    f.add(Field.code("KV", validity.kvType()));
    f.add(Field.num("Key data len", keyData.length()));
    f.add(Field.hidden("Key data", keyData.length()));
    f.addAll(validity.fields());
    return f;
  }
}
