package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * ID/IDR "ID Type": RFC 3830 §6.7 Table 6.7.a, RFC 6043 §6.5 Table 6.10 (Byte string).
 */
public enum IdType implements CodePoint {
  NAI(0, "NAI"),
  URI(1, "URI"),
  BYTE_STRING(2, "Byte string");

  private final int code;
  private final String rfcName;

  IdType(int code, String rfcName) {
    this.code = code;
    this.rfcName = rfcName;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String rfcName() {
    return rfcName;
  }

  private static final IdType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static IdType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
