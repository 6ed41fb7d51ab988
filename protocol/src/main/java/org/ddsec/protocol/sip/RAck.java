package org.ddsec.protocol.sip;

import java.util.Objects;

/**
 * The RAck header of a PRACK (RFC 3262 §7.2): the RSeq of the reliable provisional response it
 * acknowledges, then that response's CSeq number and method (case-sensitive).
 */
public record RAck(long rseq, long cseq, String method) {

  public RAck {
    Objects.requireNonNull(method, "method");
    if (rseq < 1 || rseq > CSeq.MAX) {
      throw new IllegalArgumentException("RAck response-num: " + rseq + " (expected: 1..2^32-1)");
    }
    if (cseq < 0 || cseq > CSeq.MAX) {
      throw new IllegalArgumentException("RAck CSeq-num: " + cseq + " (expected: 0..2^32-1)");
    }
  }

  /** {@code RAck: response-num LWS CSeq-num LWS Method}. */
  static RAck parse(String value) throws SipParseException {
    SipLexer lx = new SipLexer(value.strip(), HeaderNames.RACK);
    long r = lx.number("RAck response-num", CSeq.MAX);
    if (r < 1) {
      throw lx.error("RAck response-num: 0 (expected: 1..2^32-1, RFC 3262 §7.1)");
    }
    if (!lx.skipWs()) {
      throw lx.error("RAck: " + lx.describeNext() + " after the response-num (expected: LWS, then the CSeq number)");
    }
    long c = lx.number("RAck CSeq-num", CSeq.MAX);
    if (!lx.skipWs()) {
      throw lx.error("RAck: " + lx.describeNext() + " after the CSeq-num (expected: LWS, then the method)");
    }
    String m = lx.token("RAck method");
    lx.expectEnd(HeaderNames.RACK);
    return new RAck(r, c, m);
  }

  /** The RAck acknowledging {@code provisional} (its RSeq and CSeq), RFC 3262 §7.2. */
  public static RAck of(SipResponse provisional) {
    long rseq = provisional.rseq().orElseThrow(() -> new IllegalArgumentException("response without RSeq (expected: a reliable provisional)"));
    return new RAck(rseq, provisional.cseq().number(), provisional.cseq().method());
  }

  @Override
  public String toString() {
    return rseq + " " + cseq + " " + method;
  }
}
