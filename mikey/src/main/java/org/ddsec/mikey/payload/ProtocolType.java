package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * SP "Prot type" (and GENERIC-ID "Prot type"): RFC 3830 §6.10 Table 6.10.
 */
public enum ProtocolType implements CodePoint {
  SRTP(0, "SRTP");

  private final int code;
  private final String rfcName;

  ProtocolType(int code, String rfcName) {
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

  private static final ProtocolType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static ProtocolType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
