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

/**
 * SAKKE payload, RFC 6509 §4.2: "Next payload ! SAKKE params ! ID scheme ! SAKKE data length (16)
 * ! SAKKE data ~". For Parameter Set 1 the data is the SAKKE Encapsulated Data of RFC 6508 §4:
 * R_(b,S) as an uncompressed point (0x04 || x || y, 2 × 128 bytes) followed by H (16 bytes), 273
 * bytes in all.
 */
public record SakkePayload(SakkeParams params, SakkeIdScheme idScheme, Bytes sakkeData) implements Payload {

  public SakkePayload {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(idScheme, "idScheme");
    if (sakkeData.length() != params.dataLength()) {
      throw new IllegalArgumentException("SAKKE data length: " + sakkeData.length() + " (expected: " + params.dataLength() + ")");
    }
    if (sakkeData.get(0) != 0x04) {
      throw new IllegalArgumentException("SAKKE data: first byte " + sakkeData.get(0) + " (expected: 4, uncompressed point)");
    }
  }

  @Override
  public PayloadType type() {
    return PayloadType.SAKKE;
  }

  public static SakkePayload read(WireReader r) throws MikeyException {
    SakkeParams p = r.code8(SakkeParams::lookup, "SAKKE params", Reason.UNSUPPORTED_ENCRYPTION);
    SakkeIdScheme s = r.code8(SakkeIdScheme::lookup, "ID scheme", Reason.UNSUPPORTED_ID);
    int at = r.offset();
    int len = r.u16("SAKKE data length");
    if (len != p.dataLength()) {
      throw new MikeyException(Reason.MALFORMED, "SAKKE data length", at, len + " (expected: " + p.dataLength() + ")");
    }
    int dataAt = r.offset();
    Bytes data = r.bytes(len, "SAKKE data");
    if (data.get(0) != 0x04) {
      throw new MikeyException(Reason.MALFORMED, "SAKKE data", dataAt, "first byte " + data.get(0) + " (expected: 4, uncompressed point)");
    }
    return new SakkePayload(p, s, data);
  }

  @Override
  public void write(WireWriter w) {
    w.u8(params.code()).u8(idScheme.code()).u16(sakkeData.length()).bytes(sakkeData);
  }

  @Override
  public List<Field> fields() {
    return List.of(
        Field.code("SAKKE params", params),
        Field.code("ID scheme", idScheme),
        Field.num("SAKKE data length", sakkeData.length()),
        Field.bytes("SAKKE data", sakkeData));
  }
}
