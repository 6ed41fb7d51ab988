package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * IDR "ID Role": RFC 6043 §6.6 Table 6.11 (1–5), RFC 6509 §4.4 Table 7 (6–7), 3GPP TS 33.180
 * §E.7 (8–9, the UIDs of MCX identity hiding).
 */
public enum IdRole implements CodePoint {
  IDRI(1, "Initiator (IDRi)"),
  IDRR(2, "Responder (IDRr)"),
  IDRKMS(3, "KMS (IDRkms)"),
  IDRPSK(4, "Pre-Shared Key (IDRpsk)"),
  IDRAPP(5, "Application (IDRapp)"),
  IDRKMSI(6, "Initiator's KMS (IDRkmsi)"),
  IDRKMSR(7, "Responder's KMS (IDRkmsr)"),
  IDRUIDI(8, "Initiator's UID (TS 33.180)"),
  IDRUIDR(9, "Responder's UID (TS 33.180)");

  private final int code;
  private final String rfcName;

  IdRole(int code, String rfcName) {
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

  private static final IdRole[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static IdRole lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
