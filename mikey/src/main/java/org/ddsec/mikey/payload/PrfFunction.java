package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * HDR "PRF func" (7 bits) and the TP/TICKET "PRF Func": RFC 3830 §6.1 Table 6.1.c (MIKEY-1),
 * RFC 6043 §6.1 Table 6.3 (PRF-HMAC-SHA-256).
 */
public enum PrfFunction implements CodePoint {
  MIKEY_1(0, "MIKEY-1"),
  PRF_HMAC_SHA_256(1, "PRF-HMAC-SHA-256");

  private final int code;
  private final String rfcName;

  PrfFunction(int code, String rfcName) {
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

  private static final PrfFunction[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static PrfFunction lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
