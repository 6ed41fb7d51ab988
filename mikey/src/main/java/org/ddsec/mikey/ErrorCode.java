package org.ddsec.mikey;

/**
 * The "Error no" values of the MIKEY ERR payload: RFC 3830 §6.12 Table 6.12, RFC 4738 §3.9.2
 * (13) and RFC 6043 §6.9 Table 6.14 (14, 15). A responder builds its ERR payload from the
 * {@link MikeyException.Reason} of the exception that stopped it.
 */
public enum ErrorCode implements CodePoint {
  AUTH_FAILURE(0, "Auth failure"),
  INVALID_TS(1, "Invalid TS"),
  INVALID_PRF(2, "Invalid PRF"),
  INVALID_MAC(3, "Invalid MAC"),
  INVALID_EA(4, "Invalid EA"),
  INVALID_HA(5, "Invalid HA"),
  INVALID_DH(6, "Invalid DH"),
  INVALID_ID(7, "Invalid ID"),
  INVALID_CERT(8, "Invalid Cert"),
  INVALID_SP(9, "Invalid SP"),
  INVALID_SP_PAR(10, "Invalid SPpar"),
  INVALID_DT(11, "Invalid DT"),
  UNSPECIFIED(12, "Unspecified error"),
  /** RFC 4738 §3.9.2: the message could not be parsed. */
  UNSUPPORTED_MESSAGE_TYPE(13, "Unsupported message type"),
  /** RFC 6043 §6.9. */
  INVALID_TICKET(14, "Invalid TICKET"),
  /** RFC 6043 §6.9. */
  INVALID_TP_PAR(15, "Invalid TPpar");

  private final int code;
  private final String rfcName;

  ErrorCode(int code, String rfcName) {
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

  private static final ErrorCode[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static ErrorCode lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
