package org.ddsec.protocol.sip;

import java.util.Objects;

/**
 * The CSeq header (RFC 3261 §20.16): a sequence number below 2^32 and the request method.
 */
public record CSeq(long number, String method) {

  /** The largest sequence number: a 32-bit unsigned integer (RFC 3261 §8.1.1.5). */
  public static final long MAX = 0xFFFF_FFFFL;

  public CSeq {
    Objects.requireNonNull(method, "method");
    if (number < 0 || number > MAX) {
      throw new IllegalArgumentException("CSeq number: " + number + " (expected: 0..2^32-1)");
    }
  }

  static CSeq parse(String value) throws SipParseException {
    SipLexer lx = new SipLexer(value, "CSeq");
    long n = lx.number("CSeq sequence number", MAX);
    if (!lx.skipWs()) {
      throw lx.error("CSeq: " + lx.describeNext() + " after the number (expected: LWS, then the method)");
    }
    String m = lx.token("CSeq method");
    lx.expectEnd("CSeq");
    return new CSeq(n, m);
  }

  @Override
  public String toString() {
    return number + " " + method;
  }
}
