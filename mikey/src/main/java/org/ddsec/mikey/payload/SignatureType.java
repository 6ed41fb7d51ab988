package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * SIGN "S type" (4 bits): RFC 3830 §6.5 Table 6.5, RFC 6509 §4.3 Table 6 (ECCSI).
 */
public enum SignatureType implements CodePoint {
  RSA_PKCS1_V1_5(0, "RSA/PKCS#1/1.5"),
  RSA_PSS(1, "RSA/PSS"),
  ECCSI(2, "ECCSI");

  private final int code;
  private final String rfcName;

  SignatureType(int code, String rfcName) {
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

  private static final SignatureType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static SignatureType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
