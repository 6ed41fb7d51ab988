package org.ddsec.mikey.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * Common Header payload (HDR), RFC 3830 §6.1 (with RFC 6043 §6.1, RFC 6267 §6.1, RFC 6509 §4.1):
 *
 * <pre>
 * ! version ! data type ! next payload ! V (1) ! PRF func (7) ! CSB ID (32) !
 * ! #CS ! CS ID map type ! CS ID map info ~ !
 * </pre>
 *
 * The version must be 1. The next payload is the chain's, written by the message codec.
 */
public record CommonHeader(DataType dataType, boolean v, PrfFunction prf, long csbId, CsIdMap csIdMap) {

  /** RFC 3830 §6.1: "version = 0x01 refers to MIKEY as defined in this document." */
  public static final int VERSION = 1;

  public CommonHeader {
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(prf, "prf");
    Objects.requireNonNull(csIdMap, "csIdMap");
    if (csbId < 0 || csbId > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("CSB ID: " + csbId + " (expected: 32 bits)");
    }
  }

  /** The header and the "next payload" it carries. */
  public record Read(CommonHeader header, int nextPayload, int nextPayloadOffset) {}

  public static Read read(WireReader r) throws MikeyException {
    int at = r.offset();
    int version = r.u8("version");
    if (version != VERSION) {
      throw new MikeyException(Reason.UNSUPPORTED_VERSION, "version", at, version + " (expected: 1)");
    }
    DataType dt = r.code8(DataType::lookup, "data type", Reason.UNSUPPORTED_DATA_TYPE);
    int nextAt = r.offset();
    int next = r.u8("next payload");
    int prfAt = r.offset();
    int vp = r.u8("V / PRF func");
    PrfFunction prf = PrfFunction.lookup(vp & 0x7F);
    if (prf == null) {
      throw new MikeyException(Reason.UNSUPPORTED_PRF, "PRF func", prfAt, "unknown value " + (vp & 0x7F) + " (expected: 0-1)");
    }
    long csb = r.u32("CSB ID");
    int ncs = r.u8("#CS");
    CsIdMapType mt = r.code8(CsIdMapType::lookup, "CS ID map type", Reason.MALFORMED);
    CsIdMap map = CsIdMap.read(mt, ncs, r);
    return new Read(new CommonHeader(dt, (vp & 0x80) != 0, prf, csb, map), next, nextAt);
  }

  /** Writes the header with {@code nextPayload} as its next-payload value. */
  public void write(WireWriter w, int nextPayload) {
    w.u8(VERSION).u8(dataType.code()).u8(nextPayload).u8((v ? 0x80 : 0) | prf.code()).u32(csbId);
    w.u8(csIdMap.numCs()).u8(csIdMap.mapType().code());
    csIdMap.write(w);
  }

  public List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(Field.num("version", VERSION));
    f.add(Field.code("data type", dataType));
    f.add(Field.flag("V", v));
    f.add(Field.code("PRF func", prf));
    f.add(Field.text("CSB ID", String.format("%08x", csbId)));
    f.add(Field.num("#CS", csIdMap.numCs()).withKey("numCs"));
    f.add(Field.code("CS ID map type", csIdMap.mapType()));
    f.addAll(csIdMap.fields());
    return f;
  }
}
