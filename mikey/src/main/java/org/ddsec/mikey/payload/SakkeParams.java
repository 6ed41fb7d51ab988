package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * SAKKE "SAKKE params": RFC 6509 §4.2 Table 4 (Parameter Set 1 of RFC 6509 Appendix A / RFC 6508).
 */
public enum SakkeParams implements CodePoint {
  PARAMETER_SET_1(1, "Parameter Set 1", 273);

  private final int code;
  private final String rfcName;
  private final int dataLength;

  SakkeParams(int code, String rfcName, int dataLength) {
    this.code = code;
    this.rfcName = rfcName;
    this.dataLength = dataLength;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String rfcName() {
    return rfcName;
  }

  /** Length of the SAKKE Encapsulated Data (RFC 6508 §4): 1 + 2·128 + 16 bytes. */
  public int dataLength() {
    return dataLength;
  }

  private static final SakkeParams[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static SakkeParams lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
