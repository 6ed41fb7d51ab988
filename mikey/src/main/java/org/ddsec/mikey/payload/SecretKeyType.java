package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * SK sub-payload "Type" (4 bits): RFC 6267 §6.1.5 Table 6.
 */
public enum SecretKeyType implements CodePoint {
  SK(1, "SK");

  private final int code;
  private final String rfcName;

  SecretKeyType(int code, String rfcName) {
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

  private static final SecretKeyType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static SecretKeyType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
