package org.ddsec.protocol.sip;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;

/** Requests derived from other requests (RFC 3261 §9.1 CANCEL, §17.1.1.3 ACK) and fresh identifiers. */
public final class SipRequests {

  private SipRequests() {}

  /**
   * The ACK for a non-2xx final response to {@code invite} (RFC 3261 §17.1.1.3): same
   * Request-URI, Call-ID, From, CSeq number and top Via (so it matches the INVITE transaction),
   * the response's To (with its tag), the INVITE's Route headers.
   */
  public static SipRequest ackForNon2xx(SipRequest invite, SipResponse response) {
    List<HeaderField> h = new ArrayList<>(8);
    h.add(new HeaderField(HeaderNames.VIA, invite.topVia().toString()));
    h.add(new HeaderField(HeaderNames.MAX_FORWARDS, "70"));
    for (NameAddress r : invite.routes()) {
      h.add(new HeaderField(HeaderNames.ROUTE, r.toString()));
    }
    h.add(new HeaderField(HeaderNames.FROM, invite.from().toString()));
    h.add(new HeaderField(HeaderNames.TO, response.to().toString()));
    h.add(new HeaderField(HeaderNames.CALL_ID, invite.callId()));
    h.add(new HeaderField(HeaderNames.CSEQ, new CSeq(invite.cseq().number(), SipRequest.ACK).toString()));
    return SipRequest.create(SipRequest.ACK, invite.requestUri(), h, Bytes.EMPTY);
  }

  /**
   * The CANCEL for {@code request} (RFC 3261 §9.1): same Request-URI, Call-ID, To, From, CSeq
   * number and top Via, the request's Route headers, no body.
   */
  public static SipRequest cancel(SipRequest request) {
    List<HeaderField> h = new ArrayList<>(8);
    h.add(new HeaderField(HeaderNames.VIA, request.topVia().toString()));
    h.add(new HeaderField(HeaderNames.MAX_FORWARDS, "70"));
    for (NameAddress r : request.routes()) {
      h.add(new HeaderField(HeaderNames.ROUTE, r.toString()));
    }
    h.add(new HeaderField(HeaderNames.FROM, request.from().toString()));
    h.add(new HeaderField(HeaderNames.TO, request.to().toString()));
    h.add(new HeaderField(HeaderNames.CALL_ID, request.callId()));
    h.add(new HeaderField(HeaderNames.CSEQ, new CSeq(request.cseq().number(), SipRequest.CANCEL).toString()));
    return SipRequest.create(SipRequest.CANCEL, request.requestUri(), h, Bytes.EMPTY);
  }

  /**
   * {@code provisional} made reliable (RFC 3262 §3): {@code Require: 100rel} and {@code RSeq:
   * rseq} added. The first RSeq of a transaction should be random in 1..2^31-1, each next one
   * higher by exactly one.
   */
  public static SipResponse reliable(SipResponse provisional, long rseq) {
    SipResponse r = provisional.hasOptionTag(HeaderNames.REQUIRE, "100rel") ? provisional
        : provisional.withHeaderAdded(HeaderNames.REQUIRE, "100rel");
    return r.withHeader(HeaderNames.RSEQ, Long.toString(rseq));
  }

  /** A first RSeq for {@link #reliable}: uniform in 1..2^31-1 (RFC 3262 §3 recommends it). */
  public static long firstRSeq(RandomSource random) {
    return 1 + (random.nextU32() % 0x7FFF_FFFFL);
  }

  /** A branch with the RFC 3261 magic cookie and 64 random bits (§8.1.1.7). */
  public static String newBranch(RandomSource random) {
    return Via.MAGIC_COOKIE + HexFormat.of().formatHex(random.bytes(8));
  }

  /** A From/To tag with 64 random bits (§19.3). */
  public static String newTag(RandomSource random) {
    return HexFormat.of().formatHex(random.bytes(8));
  }

  /** A Call-ID of 96 random bits at {@code host} (§8.1.1.4). */
  public static String newCallId(RandomSource random, String host) {
    return HexFormat.of().formatHex(random.bytes(12)) + "@" + host;
  }
}
