package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * DH "DH-Group": RFC 3830 §6.4 Table 6.4 (the value length is implied by the group).
 */
public enum DhGroup implements CodePoint {
  OAKLEY_5(0, "OAKLEY 5", 192),
  OAKLEY_1(1, "OAKLEY 1", 96),
  OAKLEY_2(2, "OAKLEY 2", 128);

  private final int code;
  private final String rfcName;
  private final int valueLength;

  DhGroup(int code, String rfcName, int valueLength) {
    this.code = code;
    this.rfcName = rfcName;
    this.valueLength = valueLength;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String rfcName() {
    return rfcName;
  }

  /** DH value length in bytes. */
  public int valueLength() {
    return valueLength;
  }

  private static final DhGroup[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static DhGroup lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
