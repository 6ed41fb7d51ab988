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

/** Certificate payload (CERT), RFC 3830 §6.7: "Next Payload ! Cert Type ! Cert len (16) ! Certificate ~" (DER). */
public record CertPayload(CertType certType, Bytes certificate) implements Payload {

  public CertPayload {
    Objects.requireNonNull(certType, "certType");
    if (certificate.length() > 0xFFFF) {
      throw new IllegalArgumentException("Cert len: " + certificate.length() + " (expected: ≤ 65535)");
    }
  }

  @Override
  public PayloadType type() {
    return PayloadType.CERT;
  }

  public static CertPayload read(WireReader r) throws MikeyException {
    CertType t = r.code8(CertType::lookup, "Cert Type", Reason.UNSUPPORTED_CERT);
    return new CertPayload(t, r.bytes(r.u16("Cert len"), "Certificate"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(certType.code()).u16(certificate.length()).bytes(certificate);
  }

  @Override
  public List<Field> fields() {
    return List.of(Field.code("Cert Type", certType), Field.num("Cert len", certificate.length()), Field.bytes("Certificate", certificate));
  }
}
