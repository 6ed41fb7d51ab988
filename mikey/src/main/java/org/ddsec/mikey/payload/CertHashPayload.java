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

/** Cert hash payload (CHASH), RFC 3830 §6.8 (SHA-256 RFC 6043 §6.7): "Next Payload ! Hash func ! Hash ~". */
public record CertHashPayload(HashFunction hashFunc, Bytes hash) implements Payload {

  public CertHashPayload {
    Objects.requireNonNull(hashFunc, "hashFunc");
    if (hash.length() != hashFunc.hashLength()) {
      throw new IllegalArgumentException("Hash: " + hash.length() + " bytes (expected: " + hashFunc.hashLength() + ")");
    }
  }

  @Override
  public PayloadType type() {
    return PayloadType.CHASH;
  }

  public static CertHashPayload read(WireReader r) throws MikeyException {
    HashFunction h = r.code8(HashFunction::lookup, "Hash func", Reason.UNSUPPORTED_HASH);
    return new CertHashPayload(h, r.bytes(h.hashLength(), "Hash"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(hashFunc.code()).bytes(hash);
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.code("Hash func", hashFunc), Field.bytes("Hash", hash));
  }
}
