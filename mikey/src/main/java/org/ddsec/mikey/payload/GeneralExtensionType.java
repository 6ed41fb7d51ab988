package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * General Extension "Type": RFC 3830 §6.15 (0, 1), RFC 4738 §3.9.3 (2, 4), RFC 4563 (3),
 * RFC 4909 / RFC 5410 (5), 3GPP TS 33.180 §E.5 (6) and §E.6 (7). 241–255 are private use.
 */
public enum GeneralExtensionType implements CodePoint {
  VENDOR_ID(0, "Vendor ID"),
  SDP_IDS(1, "SDP IDs"),
  TESLA_I_KEY(2, "TESLA I-Key"),
  KEY_ID(3, "Key ID"),
  CSB_ID(4, "CSB_ID"),
  OMA_BCAST(5, "OMA BCAST"),
  SAKKE_TO_SELF(6, "SAKKE-to-self"),
  MIKEY_KEY_PARAMETERS(7, "3GPP MIKEY key parameters");

  private final int code;
  private final String rfcName;

  GeneralExtensionType(int code, String rfcName) {
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

  private static final GeneralExtensionType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static GeneralExtensionType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
