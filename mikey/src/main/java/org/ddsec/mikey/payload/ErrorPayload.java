package org.ddsec.mikey.payload;

import java.util.List;
import java.util.Objects;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/** Error payload (ERR), RFC 3830 §6.12: "Next Payload ! Error no ! Reserved (16, zero)". */
public record ErrorPayload(ErrorCode errorNo) implements Payload {

  public ErrorPayload {
    Objects.requireNonNull(errorNo, "errorNo");
  }

  /** The ERR payload a responder sends for a refused message. */
  public static ErrorPayload of(MikeyException e) {
    return new ErrorPayload(e.errorCode());
  }

  @Override
  public PayloadType type() {
    return PayloadType.ERR;
  }

  public static ErrorPayload read(WireReader r) throws MikeyException {
    ErrorCode e = r.code8(ErrorCode::lookup, "Error no", Reason.MALFORMED);
    int at = r.offset();
    int reserved = r.u16("Reserved");
    if (reserved != 0) {
      throw new MikeyException(Reason.MALFORMED, "Reserved", at, "0x" + Integer.toHexString(reserved) + " (expected: 0)");
    }
    return new ErrorPayload(e);
  }

  @Override
  public void write(WireWriter w) {
    w.u8(errorNo.code()).u16(0);
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.code("Error no", errorNo.code(), errorNo.rfcName()));
  }
}
