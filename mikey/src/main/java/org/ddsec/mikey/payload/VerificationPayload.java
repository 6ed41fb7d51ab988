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
 * Ver msg payload (V), RFC 3830 §6.9: "Next Payload ! Auth alg ! Ver data ~", the length implied
 * by the MAC algorithm (Table 6.2.b / RFC 6043 Table 6.6).
 */
public record VerificationPayload(MacAlgorithm authAlg, Bytes verData) implements Payload {

  public VerificationPayload {
    Objects.requireNonNull(authAlg, "authAlg");
    if (verData.length() != authAlg.macLength()) {
      throw new IllegalArgumentException("Ver data: " + verData.length() + " bytes (expected: " + authAlg.macLength() + ")");
    }
  }

  /** A V payload with a zero MAC, the placeholder a MAC is computed with. */
  public static VerificationPayload placeholder(MacAlgorithm alg) {
    return new VerificationPayload(alg, Bytes.of(new byte[alg.macLength()]));
  }

  @Override
  public PayloadType type() {
    return PayloadType.V;
  }

  public static VerificationPayload read(WireReader r) throws MikeyException {
    MacAlgorithm a = r.code8(MacAlgorithm::lookup, "Auth alg", Reason.UNSUPPORTED_MAC);
    return new VerificationPayload(a, r.bytes(a.macLength(), "Ver data"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(authAlg.code()).bytes(verData);
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.code("Auth alg", authAlg), Field.bytes("Ver data", verData));
  }
}
