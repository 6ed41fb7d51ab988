package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * CERT "Cert Type": RFC 3830 §6.7 Table 6.7.b.
 */
public enum CertType implements CodePoint {
  X509V3(0, "X.509v3"),
  X509V3_URL(1, "X.509v3 URL"),
  X509V3_SIGN(2, "X.509v3 Sign"),
  X509V3_ENCR(3, "X.509v3 Encr");

  private final int code;
  private final String rfcName;

  CertType(int code, String rfcName) {
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

  private static final CertType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static CertType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
