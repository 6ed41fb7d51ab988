package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * "KV" (4 bits) of the Key data, DH, ECCPT and SK payloads: RFC 3830 §6.13 Table 6.13.b.
 */
public enum KeyValidityType implements CodePoint {
  NULL(0, "Null"),
  SPI(1, "SPI"),
  INTERVAL(2, "Interval");

  private final int code;
  private final String rfcName;

  KeyValidityType(int code, String rfcName) {
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

  private static final KeyValidityType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static KeyValidityType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
