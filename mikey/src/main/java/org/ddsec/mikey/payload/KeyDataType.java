package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * Key data sub-payload "Type" (4 bits): RFC 3830 §6.13 Table 6.13.a, RFC 6043 §6.2.1 Table 6.7,
 * RFC 6267 §6.1.3 Table 4 (K_PR).
 */
public enum KeyDataType implements CodePoint {
  TGK(0, "TGK"),
  TGK_SALT(1, "TGK+SALT"),
  TEK(2, "TEK"),
  TEK_SALT(3, "TEK+SALT"),
  GTGK(4, "GTGK"),
  GTGK_SALT(5, "GTGK+SALT"),
  MPK(6, "MPK"),
  K_PR(7, "K_PR");

  private final int code;
  private final String rfcName;

  KeyDataType(int code, String rfcName) {
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

  private static final KeyDataType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static KeyDataType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
