package org.ddsec.protocol.kmsdd;

import org.ddsec.core.Bytes;
import org.ddsec.crypto.kmsdd.KmsDdKdf;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * The THDR Data of the three ticket types (RFC 6043 Appendix A.3 leaves it "implementation
 * specific"): profile version, then per type
 *
 * <pre>
 * request: 01 | e2m (1)
 * keys:    01 | e2m (1) | msg-id (16)
 * token:   01 | key version (32) | e2m (1) | msg-id (16)
 * </pre>
 *
 * e2m is 01 when A asked for end-to-mailbox protection (Fig. 19), else 00. Parsing is strict.
 */
public final class Thdr {

  private Thdr() {}

  public record RequestThdr(boolean e2m) {
    public static Bytes encode(boolean e2m) {
      return Bytes.of((byte) KmsDdProfile.THDR_VERSION, (byte) (e2m ? 1 : 0));
    }

    public static RequestThdr parse(Bytes b) throws MikeyException {
      WireReader r = start(b);
      boolean e2m = flag(r);
      r.expectEnd("THDR Data");
      return new RequestThdr(e2m);
    }
  }

  public record KeysThdr(boolean e2m, Bytes msgId) {
    public static Bytes encode(boolean e2m, byte[] msgId) {
      return Bytes.of(new WireWriter().u8(KmsDdProfile.THDR_VERSION).u8(e2m ? 1 : 0).bytes(msgId).toByteArray());
    }

    public static KeysThdr parse(Bytes b) throws MikeyException {
      WireReader r = start(b);
      boolean e2m = flag(r);
      Bytes id = r.bytes(KmsDdKdf.MESSAGE_ID_BYTES, "THDR msg-id");
      r.expectEnd("THDR Data");
      return new KeysThdr(e2m, id);
    }
  }

  public record TokenThdr(long version, boolean e2m, Bytes msgId) {
    public static Bytes encode(long version, boolean e2m, byte[] msgId) {
      return Bytes.of(new WireWriter().u8(KmsDdProfile.THDR_VERSION).u32(version).u8(e2m ? 1 : 0).bytes(msgId).toByteArray());
    }

    public static TokenThdr parse(Bytes b) throws MikeyException {
      WireReader r = start(b);
      long v = r.u32("THDR key version");
      boolean e2m = flag(r);
      Bytes id = r.bytes(KmsDdKdf.MESSAGE_ID_BYTES, "THDR msg-id");
      r.expectEnd("THDR Data");
      return new TokenThdr(v, e2m, id);
    }
  }

  private static WireReader start(Bytes b) throws MikeyException {
    WireReader r = WireReader.of(b.toByteArray());
    int v = r.u8("THDR version");
    if (v != KmsDdProfile.THDR_VERSION) {
      throw new MikeyException(Reason.UNSUPPORTED_TICKET, "THDR version", v + " (expected: " + KmsDdProfile.THDR_VERSION + ")");
    }
    return r;
  }

  private static boolean flag(WireReader r) throws MikeyException {
    int at = r.offset();
    int f = r.u8("THDR e2m");
    if (f > 1) {
      throw new MikeyException(Reason.MALFORMED, "THDR e2m", at, f + " (expected: 0 or 1)");
    }
    return f == 1;
  }
}
