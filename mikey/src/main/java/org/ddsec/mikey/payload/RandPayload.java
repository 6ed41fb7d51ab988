package org.ddsec.mikey.payload;

import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/** RAND payload, RFC 3830 §6.11: "Next payload ! RAND len ! RAND ~" (1–255 bytes; SHOULD be ≥ 16). */
public record RandPayload(Bytes rand) implements Payload {

  public RandPayload {
    if (rand.length() < 1 || rand.length() > 255) {
      throw new IllegalArgumentException("RAND len: " + rand.length() + " (expected: 1-255)");
    }
  }

  @Override
  public PayloadType type() {
    return PayloadType.RAND;
  }

  public static RandPayload read(WireReader r) throws MikeyException {
    int at = r.offset();
    int len = r.u8("RAND len");
    if (len == 0) {
      throw new MikeyException(Reason.MALFORMED, "RAND len", at, "0 (expected: ≥ 1)");
    }
    return new RandPayload(r.bytes(len, "RAND"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(rand.length()).bytes(rand);
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.num("RAND len", rand.length()), Field.bytes("RAND", rand));
  }
}
