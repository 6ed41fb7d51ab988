package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * TP/TICKET "Ticket Type" (16 bits): RFC 6043 §6.10 Table 6.15. 61440–65534 are private use
 * (ddsec's own deferred-delivery ticket lives there).
 */
public enum TicketType implements CodePoint {
  MIKEY_BASE_TICKET(1, "MIKEY Base Ticket"),
  THREEGPP_BASE_TICKET(2, "3GPP Base Ticket");

  private final int code;
  private final String rfcName;

  TicketType(int code, String rfcName) {
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

  private static final TicketType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static TicketType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
