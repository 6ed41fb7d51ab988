package org.ddsec.mikey.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.SecretBytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * Key data sub-payload, RFC 3830 §6.13 (types GTGK/MPK RFC 6043 §6.2.1, K_PR RFC 6267 §6.1.3):
 *
 * <pre>
 * ! Next Payload ! Type (4) ! KV (4) ! Key data len (16) ! Key data ~
 * ! Salt len (16, if the type has a salt) ! Salt data ~ ! KV data ~ !
 * </pre>
 *
 * Only ever found inside a KEMAC's (decrypted) data, see {@link KemacContent}. The key and salt
 * are {@link SecretBytes}; the record's {@code equals} is therefore identity, compare encodings.
 */
public record KeyDataPayload(KeyDataType keyType, SecretBytes keyData, Optional<SecretBytes> salt, KeyValidity validity)
    implements Payload {

  public KeyDataPayload {
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(keyData, "keyData");
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(validity, "validity");
    if (hasSalt(keyType) != salt.isPresent()) {
      throw new IllegalArgumentException("Salt: " + (salt.isPresent() ? "present" : "absent")
          + " (expected: " + (hasSalt(keyType) ? "present" : "absent") + " for " + keyType.rfcName() + ")");
    }
    if (keyData.length() > 0xFFFF || salt.map(SecretBytes::length).orElse(0) > 0xFFFF) {
      throw new IllegalArgumentException("Key data len / Salt len: (expected: ≤ 65535)");
    }
  }

  /** RFC 3830 Table 6.13.a / RFC 6043 Table 6.7: the "+SALT" types carry a salt. */
  public static boolean hasSalt(KeyDataType t) {
    return t == KeyDataType.TGK_SALT || t == KeyDataType.TEK_SALT || t == KeyDataType.GTGK_SALT;
  }

  @Override
  public PayloadType type() {
    return PayloadType.KEY_DATA;
  }

  public static KeyDataPayload read(WireReader r) throws MikeyException {
    int at = r.offset();
    int b = r.u8("Type / KV");
    KeyDataType t = KeyDataType.lookup(b >>> 4);
    if (t == null) {
      throw new MikeyException(Reason.MALFORMED, "Type", at, "unknown value " + (b >>> 4) + " (expected: 0-7)");
    }
    KeyValidityType kv = KeyValidityType.lookup(b & 0xF);
    if (kv == null) {
      throw new MikeyException(Reason.MALFORMED, "KV", at, "unknown value " + (b & 0xF) + " (expected: 0-2)");
    }
    SecretBytes key = SecretBytes.wrap(r.rawBytes(r.u16("Key data len"), "Key data"));
    Optional<SecretBytes> salt = Optional.empty();
    if (hasSalt(t)) {
      salt = Optional.of(SecretBytes.wrap(r.rawBytes(r.u16("Salt len"), "Salt data")));
    }
    return new KeyDataPayload(t, key, salt, KeyValidity.read(kv, r));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(keyType.code() << 4 | validity.kvType().code());
    byte[] k = keyData.unsafeBytes();
    w.u16(k.length).bytes(k);
    SecretBytes.wipe(k);
    if (salt.isPresent()) {
      byte[] s = salt.get().unsafeBytes();
      w.u16(s.length).bytes(s);
      SecretBytes.wipe(s);
    }
    validity.write(w);
  }

  @Override
  public List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(Field.code("Type", keyType));
    f.add(Field.code("KV", validity.kvType()));
    f.add(Field.num("Key data len", keyData.length()));
    f.add(Field.hidden("Key data", keyData.length()));
    salt.ifPresent(s -> {
      f.add(Field.num("Salt len", s.length()));
      f.add(Field.hidden("Salt data", s.length()));
    });
    f.addAll(validity.fields());
    return f;
  }
}
