package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * KEMAC "MAC alg" and V "Auth alg": RFC 3830 §6.2 Table 6.2.b, RFC 6043 §6.2 Table 6.6.
 */
public enum MacAlgorithm implements CodePoint {
  NULL(0, "NULL", 0),
  HMAC_SHA_1_160(1, "HMAC-SHA-1-160", 20),
  HMAC_SHA_256_256(2, "HMAC-SHA-256-256", 32);

  private final int code;
  private final String rfcName;
  private final int macLength;

  MacAlgorithm(int code, String rfcName, int macLength) {
    this.code = code;
    this.rfcName = rfcName;
    this.macLength = macLength;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String rfcName() {
    return rfcName;
  }

  /** MAC length in bytes. */
  public int macLength() {
    return macLength;
  }

  private static final MacAlgorithm[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static MacAlgorithm lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
