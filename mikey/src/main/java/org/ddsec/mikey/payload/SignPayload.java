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
 * Signature payload (SIGN), RFC 3830 §6.5: "S type (4) ! Signature len (12) ! Signature ~". It has
 * no next-payload field and is always the last payload of a message. RFC 6509 §4.3 adds S type 2,
 * ECCSI, whose signature is always {@value #ECCSI_LENGTH} bytes: r (32) || s (32) || PVT (65),
 * RFC 6507 §3.3 with N = 32.
 */
public record SignPayload(SignatureType sType, Bytes signature) implements Payload {

  /** RFC 6507 §3.3: Signature = r || s || PVT, 2N + 2N + 1 ... with N = 32 → 129 bytes. */
  public static final int ECCSI_LENGTH = 129;

  public SignPayload {
    Objects.requireNonNull(sType, "sType");
    if (signature.length() > 0xFFF) {
      throw new IllegalArgumentException("Signature len: " + signature.length() + " (expected: ≤ 4095)");
    }
    if (sType == SignatureType.ECCSI && signature.length() != ECCSI_LENGTH) {
      throw new IllegalArgumentException(
          "Signature len: " + signature.length() + " (expected: " + ECCSI_LENGTH + " for ECCSI)");
    }
  }

  /** The same payload with a zero signature of the same length (for signing a message template). */
  public SignPayload withZeroSignature() {
    return new SignPayload(sType, Bytes.of(new byte[signature.length()]));
  }

  @Override
  public PayloadType type() {
    return PayloadType.SIGN;
  }

  public static SignPayload read(WireReader r) throws MikeyException {
    int at = r.offset();
    int v = r.u16("S type / Signature len");
    SignatureType t = SignatureType.lookup(v >>> 12);
    if (t == null) {
      throw new MikeyException(Reason.UNSUPPORTED_CERT, "S type", at, "unknown value " + (v >>> 12) + " (expected: 0-2)");
    }
    int len = v & 0xFFF;
    if (t == SignatureType.ECCSI && len != ECCSI_LENGTH) {
      throw new MikeyException(Reason.MALFORMED, "Signature len", at, len + " (expected: 129 for ECCSI)");
    }
    return new SignPayload(t, r.bytes(len, "Signature"));
  }

  @Override
  public void write(WireWriter w) {
    w.u16(sType.code() << 12 | signature.length()).bytes(signature);
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.code("S type", sType), Field.num("Signature len", signature.length()), Field.bytes("Signature", signature));
  }
}
