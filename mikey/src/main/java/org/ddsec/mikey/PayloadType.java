package org.ddsec.mikey;

/**
 * The "next payload" values: which payload follows.
 *
 * <p>RFC 3830 §6.1 Table 6.1.b (0–12, 20, 21); RFC 6043 §6.1 Table 6.2 (13–17); RFC 6267 §6.1
 * Table 3 (22–25); RFC 6509 §4.1 Table 2 (26). {@link #LAST} ends a chain.
 */
public enum PayloadType implements CodePoint {
  LAST(0, "Last payload"),
  KEMAC(1, "KEMAC"),
  PKE(2, "PKE"),
  DH(3, "DH"),
  SIGN(4, "SIGN"),
  T(5, "T"),
  ID(6, "ID"),
  CERT(7, "CERT"),
  CHASH(8, "CHASH"),
  V(9, "V"),
  SP(10, "SP"),
  RAND(11, "RAND"),
  ERR(12, "ERR"),
  TR(13, "TR"),
  IDR(14, "IDR"),
  RANDR(15, "RANDR"),
  TP(16, "TP"),
  TICKET(17, "TICKET"),
  KEY_DATA(20, "Key data"),
  GENERAL_EXT(21, "General Ext."),
  IBAKE(22, "IBAKE"),
  ESK(23, "ESK"),
  SK(24, "SK"),
  ECCPT(25, "ECCPT"),
  SAKKE(26, "SAKKE");

  private final int code;
  private final String rfcName;

  PayloadType(int code, String rfcName) {
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

  private static final PayloadType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static PayloadType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
