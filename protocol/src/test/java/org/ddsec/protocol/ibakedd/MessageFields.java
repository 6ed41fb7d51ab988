package org.ddsec.protocol.ibakedd;

import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.Span;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.mikey.payload.EskPayload;
import org.ddsec.mikey.payload.IbakePayload;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.IdRolePayload;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.RandPayload;
import org.ddsec.mikey.payload.SignPayload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.mikey.payload.VerificationPayload;

/**
 * Names every byte of the messages of this profile after the RFC field it belongs to (RFC 3830
 * §6.1 HDR and SRTP-ID map, §6.6 T, §6.9 V, §6.11 RAND; RFC 6043 §6.6 IDR; RFC 6267 §6.1.1–2 IBAKE
 * and ESK), and of the inbox response ({@link IbakeInbox}), whose stored I_MESSAGE_2 is named with
 * the prefix "I_MESSAGE_2 ".
 */
final class MessageFields {

  /** One field: its name and where it lies. */
  record Field(String name, int offset, int length) {
    int end() {
      return offset + length;
    }
  }

  private MessageFields() {}

  static List<Field> of(Bytes body, boolean inbox) {
    return inbox ? inbox(body) : mikey(body, 0, "");
  }

  /** The field of byte {@code i}. */
  static Field at(List<Field> fields, int i) {
    for (Field f : fields) {
      if (i >= f.offset() && i < f.end()) {
        return f;
      }
    }
    throw new IllegalArgumentException("byte " + i + " is in no field");
  }

  static List<Field> mikey(Bytes body, int base, String prefix) {
    MikeyMessage m;
    try {
      m = MikeyCodec.decode(body);
    } catch (MikeyException e) {
      throw new AssertionError(e);
    }
    List<Field> f = new ArrayList<>();
    String h = prefix + "HDR: ";
    add(f, h + "version", base, 1);
    add(f, h + "data type", base + 1, 1);
    add(f, h + "next payload", base + 2, 1);
    add(f, h + "V / PRF func", base + 3, 1);
    add(f, h + "CSB ID", base + 4, 4);
    add(f, h + "#CS", base + 8, 1);
    add(f, h + "CS ID map type", base + 9, 1);
    int at = base + 10;
    if (m.header().csIdMap() instanceof CsIdMap.SrtpIdMap map) {
      for (int i = 0; i < map.sessions().size(); i++) {
        add(f, h + "Policy_no", at, 1);
        add(f, h + "SSRC", at + 1, 4);
        add(f, h + "ROC", at + 5, 4);
        at += 9;
      }
    }
    for (int i = 0; i < m.payloads().size(); i++) {
      Payload p = m.payloads().get(i);
      Span s = m.span(i);
      int o = base + s.offset();
      String n = prefix + name(p) + ": ";
      if (p instanceof SignPayload) {
        add(f, n + "S type / Signature len", o, 2);
        add(f, n + "Signature", o + 2, s.length() - 2);
        continue;
      }
      add(f, n + "next payload", o, 1);
      if (p instanceof TimestampPayload) {
        add(f, n + "TS type", o + 1, 1);
        add(f, n + "TS value", o + 2, s.length() - 2);
      } else if (p instanceof RandPayload) {
        add(f, n + "RAND len", o + 1, 1);
        add(f, n + "RAND", o + 2, s.length() - 2);
      } else if (p instanceof IdRolePayload) {
        add(f, n + "ID Role", o + 1, 1);
        add(f, n + "ID Type", o + 2, 1);
        add(f, n + "ID len", o + 3, 2);
        add(f, n + "ID data", o + 5, s.length() - 5);
      } else if (p instanceof IbakePayload || p instanceof EskPayload) {
        add(f, n + "Encr data len", o + 1, 2);
        add(f, n + "Encr data", o + 3, s.length() - 3);
      } else if (p instanceof VerificationPayload) {
        add(f, n + "Auth alg", o + 1, 1);
        add(f, n + "Ver data", o + 2, s.length() - 2);
      } else {
        add(f, n + "body", o + 1, s.length() - 1);
      }
    }
    return f;
  }

  private static String name(Payload p) {
    if (p instanceof IdRolePayload id) {
      return id.idRole() == IdRole.IDRI.code() ? "IDRi" : id.idRole() == IdRole.IDRR.code() ? "IDRr" : "IDR";
    }
    return p.type().rfcName();
  }

  private static List<Field> inbox(Bytes body) {
    List<Field> f = new ArrayList<>();
    byte[] b = body.toByteArray();
    add(f, "inbox: version", 0, 1);
    add(f, "inbox: count", 1, 2);
    int at = 3;
    int n = (b[1] & 0xFF) << 8 | (b[2] & 0xFF);
    for (int e = 0; e < n; e++) {
      add(f, "inbox: msg-id", at, IbakeProfile.MESSAGE_ID_BYTES);
      at += IbakeProfile.MESSAGE_ID_BYTES;
      for (String id : new String[] {"ID-A", "ID-B"}) {
        int len = (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
        add(f, "inbox: " + id + " length", at, 2);
        add(f, "inbox: " + id, at + 2, len);
        at += 2 + len;
      }
      int len = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
      add(f, "inbox: I_MESSAGE_2 length", at, 4);
      f.addAll(mikey(body.slice(at + 4, len), at + 4, "I_MESSAGE_2 "));
      at += 4 + len;
    }
    return f;
  }

  private static void add(List<Field> f, String name, int offset, int length) {
    if (length > 0) {
      f.add(new Field(name, offset, length));
    }
  }

}
