package org.ddsec.mikey;

/**
 * The HDR "data type": the kind of MIKEY message.
 *
 * <p>Values 0–6 RFC 3830 §6.1 Table 6.1.a; 7–8 RFC 4650 (DHHMAC); 9–10 RFC 4738 (RSA-R); 11–18
 * RFC 6043 §6.1 Table 6.1; 19–25 RFC 6267 §6.1 Table 2; 26 RFC 6509 §4.1 Table 1.
 */
public enum DataType implements CodePoint {
  PSK_INIT(0, "Pre-shared"),
  PSK_VER(1, "PSK ver msg"),
  PK_INIT(2, "Public key"),
  PK_VER(3, "PK ver msg"),
  DH_INIT(4, "D-H init"),
  DH_RESP(5, "D-H resp"),
  ERROR(6, "Error"),
  DHHMAC_INIT(7, "DHHMAC init"),
  DHHMAC_RESP(8, "DHHMAC resp"),
  RSA_R_I_MSG(9, "RSA-R I_MSG"),
  RSA_R_R_MSG(10, "RSA-R R_MSG"),
  REQUEST_INIT_PSK(11, "REQUEST_INIT_PSK"),
  REQUEST_INIT_PK(12, "REQUEST_INIT_PK"),
  REQUEST_RESP(13, "REQUEST_RESP"),
  TRANSFER_INIT(14, "TRANSFER_INIT"),
  TRANSFER_RESP(15, "TRANSFER_RESP"),
  RESOLVE_INIT_PSK(16, "RESOLVE_INIT_PSK"),
  RESOLVE_INIT_PK(17, "RESOLVE_INIT_PK"),
  RESOLVE_RESP(18, "RESOLVE_RESP"),
  REQUEST_KEY_PSK(19, "REQUEST_KEY_PSK"),
  REQUEST_KEY_PKE(20, "REQUEST_KEY_PKE"),
  REQUEST_KEY_RESP(21, "REQUEST_KEY_RESP"),
  I_MESSAGE_1(22, "I_MESSAGE_1"),
  R_MESSAGE_1(23, "R_MESSAGE_1"),
  I_MESSAGE_2(24, "I_MESSAGE_2"),
  R_MESSAGE_2(25, "R_MESSAGE_2"),
  SAKKE_MSG(26, "SAKKE msg");

  private final int code;
  private final String rfcName;

  DataType(int code, String rfcName) {
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

  private static final DataType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static DataType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
