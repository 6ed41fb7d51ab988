package org.ddsec.protocol.kmsdd;

import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.kmsdd.KmsDdKdf;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * The recipient–mailbox exchange of seed Fig. 18 steps 2–3, which is not MIKEY: in the running
 * system it is an HTTPS request authenticated with GBA, these bytes its bodies
 * ({@code application/vnd.ddsec.inbox}). Strict binary encodings:
 *
 * <pre>
 * request  = version (1) | ID-B length (16) | ID-B
 * response = version (1) | count (16) | count × entry
 * entry    = msg-id (16) | ID-A len (16) | ID-A | ID-B len (16) | ID-B
 *          | TRANSFER_INIT len (32) | TRANSFER_INIT | token len (16) | token
 * </pre>
 *
 * Decoding refuses a wrong version, any length beyond what remains, and trailing bytes, with a
 * {@link MikeyException} naming the field.
 */
public final class InboxMessages {

  public static final int VERSION = 1;
  /** Upper bound on entries in one response (a mailbox pages beyond it). */
  public static final int MAX_ENTRIES = 1000;

  private InboxMessages() {}

  public static Bytes encodeRequest(String idB) {
    WireWriter w = new WireWriter();
    Bytes id = Bytes.utf8(idB);
    w.u8(VERSION).u16(id.length()).bytes(id);
    return Bytes.of(w.toByteArray());
  }

  public static String decodeRequest(Bytes b) throws MikeyException {
    WireReader r = WireReader.of(b.toByteArray());
    version(r);
    String id = r.bytes(r.u16("ID-B length"), "ID-B").utf8();
    r.expectEnd("inbox request");
    return id;
  }

  public static Bytes encodeResponse(List<DepositParameters> entries) {
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("inbox entries: " + entries.size() + " (expected: ≤ " + MAX_ENTRIES + ")");
    }
    WireWriter w = new WireWriter();
    w.u8(VERSION).u16(entries.size());
    for (DepositParameters d : entries) {
      Bytes a = Bytes.utf8(d.idA());
      Bytes b = Bytes.utf8(d.idB());
      w.bytes(d.msgId()).u16(a.length()).bytes(a).u16(b.length()).bytes(b);
      w.u32(d.transferInit().length()).bytes(d.transferInit()).u16(d.token().length()).bytes(d.token());
    }
    return Bytes.of(w.toByteArray());
  }

  public static List<DepositParameters> decodeResponse(Bytes bytes) throws MikeyException {
    WireReader r = WireReader.of(bytes.toByteArray());
    version(r);
    int at = r.offset();
    int n = r.u16("count");
    if (n > MAX_ENTRIES) {
      throw new MikeyException(Reason.MALFORMED, "count", at, n + " (expected: ≤ " + MAX_ENTRIES + ")");
    }
    List<DepositParameters> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Bytes id = r.bytes(KmsDdKdf.MESSAGE_ID_BYTES, "msg-id");
      String a = r.bytes(r.u16("ID-A length"), "ID-A").utf8();
      String b = r.bytes(r.u16("ID-B length"), "ID-B").utf8();
      int tiAt = r.offset();
      long tiLen = r.u32("TRANSFER_INIT length");
      if (tiLen > r.remaining()) {
        throw new MikeyException(Reason.TRUNCATED, "TRANSFER_INIT", tiAt, tiLen + " bytes needed (expected: ≤ " + r.remaining() + " remaining)");
      }
      Bytes ti = r.bytes((int) tiLen, "TRANSFER_INIT");
      Bytes token = r.bytes(r.u16("token length"), "token");
      out.add(new DepositParameters(id, a, b, ti, token));
    }
    r.expectEnd("inbox response");
    return out;
  }

  private static void version(WireReader r) throws MikeyException {
    int at = r.offset();
    int v = r.u8("version");
    if (v != VERSION) {
      throw new MikeyException(Reason.UNSUPPORTED_VERSION, "version", at, v + " (expected: " + VERSION + ")");
    }
  }
}
