package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * SAKKE "ID scheme": RFC 6509 §4.2 Table 5 (1), 3GPP TS 33.180 §F.2.1 / §E.5 (2).
 */
public enum SakkeIdScheme implements CodePoint {
  TEL_URI_MONTHLY(1, "tel URI with monthly keys"),
  MCX_HASHED_UID(2, "3GPP MCX hashed UID");

  private final int code;
  private final String rfcName;

  SakkeIdScheme(int code, String rfcName) {
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

  private static final SakkeIdScheme[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static SakkeIdScheme lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
