package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * TR "TS Role": RFC 6043 §6.4 Table 6.9 (240–254 are private use).
 */
public enum TimestampRole implements CodePoint {
  TRI(1, "Time of issue (TRi)"),
  TRS(2, "Start of validity period (TRs)"),
  TRE(3, "End of validity period (TRe)"),
  TRR(4, "Rekeying interval (TRr)");

  private final int code;
  private final String rfcName;

  TimestampRole(int code, String rfcName) {
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

  private static final TimestampRole[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static TimestampRole lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
