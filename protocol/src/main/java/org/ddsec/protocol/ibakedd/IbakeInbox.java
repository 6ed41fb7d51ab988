package org.ddsec.protocol.ibakedd;

import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;
import org.ddsec.protocol.kmsdd.InboxMessages;

/**
 * The recipient–mailbox exchange of IBAKE-DD (seed Fig. 27 steps 10–11), which is not MIKEY: in
 * the running system an HTTPS request authenticated with GBA, these bytes its bodies. The request
 * is KMS-DD's ({@link InboxMessages#encodeRequest}: version, ID-B); the response is
 *
 * <pre>
 * response = version (1) | count (16) | count × entry
 * entry    = msg-id (16) | ID-A len (16) | ID-A | ID-B len (16) | ID-B
 *          | I_MESSAGE_2 len (32) | I_MESSAGE_2
 * </pre>
 *
 * Decoding refuses a wrong version, any length beyond what remains, and trailing bytes, with a
 * {@link MikeyException} naming the field.
 */
public final class IbakeInbox {

  public static final int VERSION = 1;
  /** Upper bound on entries in one response (a mailbox pages beyond it). */
  public static final int MAX_ENTRIES = 1000;

  private IbakeInbox() {}

  public static Bytes encodeRequest(String idB) {
    return InboxMessages.encodeRequest(idB);
  }

  public static String decodeRequest(Bytes b) throws MikeyException {
    return InboxMessages.decodeRequest(b);
  }

  public static Bytes encodeResponse(List<StoredMessage> entries) {
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("inbox entries: " + entries.size() + " (expected: ≤ " + MAX_ENTRIES + ")");
    }
    WireWriter w = new WireWriter();
    w.u8(VERSION).u16(entries.size());
    for (StoredMessage d : entries) {
      Bytes a = Bytes.utf8(d.idA());
      Bytes b = Bytes.utf8(d.idB());
      w.bytes(d.msgId()).u16(a.length()).bytes(a).u16(b.length()).bytes(b);
      w.u32(d.iMessage2().length()).bytes(d.iMessage2());
    }
    return Bytes.of(w.toByteArray());
  }

  public static List<StoredMessage> decodeResponse(Bytes bytes) throws MikeyException {
    WireReader r = WireReader.of(bytes.toByteArray());
    int at = r.offset();
    int v = r.u8("version");
    if (v != VERSION) {
      throw new MikeyException(Reason.UNSUPPORTED_VERSION, "version", at, v + " (expected: " + VERSION + ")");
    }
    at = r.offset();
    int n = r.u16("count");
    if (n > MAX_ENTRIES) {
      throw new MikeyException(Reason.MALFORMED, "count", at, n + " (expected: ≤ " + MAX_ENTRIES + ")");
    }
    List<StoredMessage> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Bytes id = r.bytes(IbakeProfile.MESSAGE_ID_BYTES, "msg-id");
      String a = r.bytes(r.u16("ID-A length"), "ID-A").utf8();
      String b = r.bytes(r.u16("ID-B length"), "ID-B").utf8();
      int mAt = r.offset();
      long len = r.u32("I_MESSAGE_2 length");
      if (len > r.remaining()) {
        throw new MikeyException(Reason.TRUNCATED, "I_MESSAGE_2", mAt, len + " bytes needed (expected: ≤ " + r.remaining() + " remaining)");
      }
      out.add(new StoredMessage(id, a, b, r.bytes((int) len, "I_MESSAGE_2")));
    }
    r.expectEnd("inbox response");
    return out;
  }
}
