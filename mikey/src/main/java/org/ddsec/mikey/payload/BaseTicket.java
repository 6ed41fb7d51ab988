package org.ddsec.mikey.payload;

import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * The Ticket Data of a MIKEY Base Ticket, RFC 6043 Appendix A: "THDR, T, RAND, KEMAC, [IDRpsk],
 * V". The Ticket Header (Appendix A.3) is "Next Payload ! THDR Data length (16) ! THDR Data ~"
 * and has no payload type code of its own, because it always comes first.
 */
public record BaseTicket(Bytes thdrData, List<Payload> payloads) {

  public BaseTicket {
    if (thdrData.length() > 0xFFFF) {
      throw new IllegalArgumentException("THDR Data length: " + thdrData.length());
    }
    payloads = List.copyOf(payloads);
  }

  public static BaseTicket decode(Bytes ticketData, int baseOffset) throws MikeyException {
    WireReader r = WireReader.of(ticketData.toByteArray(), baseOffset);
    int at = r.offset();
    int next = r.u8("THDR Next Payload");
    Bytes thdr = r.bytes(r.u16("THDR Data length"), "THDR Data");
    return new BaseTicket(thdr, PayloadChain.read(r, next, at, PayloadChain.Scope.TICKET_DATA, "Ticket Data").payloads());
  }

  public Bytes encode() {
    WireWriter w = new WireWriter();
    w.u8(PayloadChain.firstCode(payloads)).u16(thdrData.length()).bytes(thdrData);
    PayloadChain.write(w, payloads, PayloadChain.Scope.TICKET_DATA);
    return Bytes.of(w.toByteArray());
  }
}
