package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * RANDR "RAND Role": RFC 6043 §6.8 Table 6.13.
 */
public enum RandRole implements CodePoint {
  RANDRI(1, "Initiator (RANDRi)"),
  RANDRR(2, "Responder (RANDRr)"),
  RANDRKMS(3, "KMS (RANDRkms)");

  private final int code;
  private final String rfcName;

  RandRole(int code, String rfcName) {
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

  private static final RandRole[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static RandRole lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
