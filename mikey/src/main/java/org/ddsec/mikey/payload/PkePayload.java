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

/** Envelope data payload (PKE), RFC 3830 §6.3: "Next Payload ! C (2) ! Data len (14) ! Data ~". */
public record PkePayload(EnvelopeCache cache, Bytes data) implements Payload {

  public PkePayload {
    Objects.requireNonNull(cache, "cache");
    if (data.length() > 0x3FFF) {
      throw new IllegalArgumentException("Data len: " + data.length() + " (expected: ≤ 16383)");
    }
  }

  @Override
  public PayloadType type() {
    return PayloadType.PKE;
  }

  public static PkePayload read(WireReader r) throws MikeyException {
    int at = r.offset();
    int v = r.u16("C / Data len");
    EnvelopeCache c = EnvelopeCache.lookup(v >>> 14);
    if (c == null) {
      throw new MikeyException(Reason.MALFORMED, "C", at, "unknown value " + (v >>> 14) + " (expected: 0-2)");
    }
    return new PkePayload(c, r.bytes(v & 0x3FFF, "Data"));
  }

  @Override
  public void write(WireWriter w) {
    w.u16(cache.code() << 14 | data.length()).bytes(data);
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.code("C", cache), Field.num("Data len", data.length()), Field.bytes("Data", data));
  }
}
