package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * ECCPT "ECC Curve": RFC 6267 §6.1.4 Table 5 (field element length in bytes alongside).
 */
public enum EccCurve implements CodePoint {
  P_192(1, "ECPRGF192Random / P-192 / secp192r1", 24),
  B_163(2, "EC2NGF163Random / B-163 / sect163r2", 21),
  K_163(3, "EC2NGF163Koblitz / K-163 / sect163k1", 21),
  SECT163R1(4, "EC2NGF163Random2 / none / sect163r1", 21),
  P_224(5, "ECPRGF224Random / P-224 / secp224r1", 28),
  B_233(6, "EC2NGF233Random / B-233 / sect233r1", 30),
  K_233(7, "EC2NGF233Koblitz / K-233 / sect233k1", 30),
  P_256(8, "ECPRGF256Random / P-256 / secp256r1", 32),
  B_283(9, "EC2NGF283Random / B-283 / sect283r1", 36),
  K_283(10, "EC2NGF283Koblitz / K-283 / sect283k1", 36),
  P_384(11, "ECPRGF384Random / P-384 / secp384r1", 48),
  B_409(12, "EC2NGF409Random / B-409 / sect409r1", 52),
  K_409(13, "EC2NGF409Koblitz / K-409 / sect409k1", 52),
  P_521(14, "ECPRGF521Random / P-521 / secp521r1", 66),
  B_571(15, "EC2NGF571Random / B-571 / sect571r1", 72),
  K_571(16, "EC2NGF571Koblitz / K-571 / sect571k1", 72);

  private final int code;
  private final String rfcName;
  private final int fieldLength;

  EccCurve(int code, String rfcName, int fieldLength) {
    this.code = code;
    this.rfcName = rfcName;
    this.fieldLength = fieldLength;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String rfcName() {
    return rfcName;
  }

  /** Length of one field element (coordinate) in bytes. */
  public int fieldLength() {
    return fieldLength;
  }

  private static final EccCurve[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static EccCurve lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
