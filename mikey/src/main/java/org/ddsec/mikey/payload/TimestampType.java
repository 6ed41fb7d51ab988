package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * T/TR "TS type": RFC 3830 §6.6 Table 6.6, RFC 6043 §6.3 Table 6.8 (NTP-UTC-32).
 */
public enum TimestampType implements CodePoint {
  NTP_UTC(0, "NTP-UTC", 8),
  NTP(1, "NTP", 8),
  COUNTER(2, "COUNTER", 4),
  NTP_UTC_32(3, "NTP-UTC-32", 4);

  private final int code;
  private final String rfcName;
  private final int valueLength;

  TimestampType(int code, String rfcName, int valueLength) {
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

  /** TS value length in bytes. */
  public int valueLength() {
    return valueLength;
  }

  private static final TimestampType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static TimestampType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
