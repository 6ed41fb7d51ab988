package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * HDR "CS ID map type": RFC 3830 §6.1 Table 6.1.d (SRTP-ID), RFC 4563 §5 Table 3 (Empty map),
 * RFC 6043 §6.1 Table 6.4 (GENERIC-ID).
 */
public enum CsIdMapType implements CodePoint {
  SRTP_ID(0, "SRTP-ID"),
  EMPTY(1, "Empty map"),
  GENERIC_ID(2, "GENERIC-ID");

  private final int code;
  private final String rfcName;

  CsIdMapType(int code, String rfcName) {
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

  private static final CsIdMapType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static CsIdMapType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
