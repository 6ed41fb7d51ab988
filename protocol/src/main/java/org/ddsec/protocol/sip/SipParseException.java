package org.ddsec.protocol.sip;

import java.util.Objects;

/**
 * The one checked exception for a SIP message (or SDP body) a peer sent that ddsec refuses: a
 * syntax error, an out-of-range value, a missing mandatory header, a message over the size
 * limit. It names the field at fault ({@code "Via"}, {@code "Request-Line"}, {@code
 * "Content-Length"} …) and carries a {@link Reason} that maps onto the SIP status a server answers
 * with (RFC 3261 §21.4: 400, 413, 505). The message reads {@code field: actual (expected: …)}.
 */
public final class SipParseException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why the message was refused, each with the status code a server answers a request with. */
  public enum Reason {
    /** Bad syntax or an out-of-range value (RFC 3261 §21.4.1 400 Bad Request). */
    MALFORMED(400),
    /** A mandatory header field is absent (400). */
    MISSING_HEADER(400),
    /** A header field that may appear once appears more than once (RFC 4475 §3.3.8, 400). */
    DUPLICATE_HEADER(400),
    /** The message (or its declared body) exceeds the configured limit (RFC 3261 §21.4.11, 413). */
    TOO_LARGE(413),
    /** A SIP version other than 2.0 (RFC 3261 §21.5.6, 505; RFC 4475 §3.1.2.16). */
    VERSION_NOT_SUPPORTED(505);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    /** The final response a server sends for a request refused for this reason. */
    public int status() {
      return status;
    }
  }

  private final Reason reason;
  private final String field;

  public SipParseException(Reason reason, String field, String message) {
    super(field + ": " + message);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.field = Objects.requireNonNull(field, "field");
  }

  public SipParseException(String field, String message) {
    this(Reason.MALFORMED, field, message);
  }

  public Reason reason() {
    return reason;
  }

  /** The header field (or message part) at fault. */
  public String field() {
    return field;
  }

  /** The status a server answers a request refused with this exception with. */
  public int status() {
    return reason.status();
  }
}
