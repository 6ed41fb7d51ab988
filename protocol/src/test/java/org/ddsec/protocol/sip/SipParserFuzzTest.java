package org.ddsec.protocol.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.ddsec.protocol.sip.sdp.SessionDescription;

/**
 * Coverage-guided fuzzing of the SIP parser, the stream framer and the SDP parser with Jazzer,
 * seeded with RFC 4475 messages in {@code SipParserFuzzTestInputs/}. Jazzer fuzzes one
 * {@code @FuzzTest} per JVM (this module's surefire run sets JAZZER_FUZZ=1, and the BSF fuzz test
 * takes that slot in the full build), so here it fuzzes for 15 s when run on its own — {@code
 * ./mvnw -pl protocol -am test -Dtest=SipParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}
 * — and in the full build Jazzer skips it (reported as skipped); {@link SipParserMutationTest}
 * is the always-on property test. Whatever the bytes: either a typed {@link SipParseException} naming a field, or a message
 * whose encoding parses back to the same message; error responses always parse.
 */
class SipParserFuzzTest {

  private static final SipLimits LIMITS = new SipLimits(4096, 64, 2048);

  @FuzzTest(maxDuration = "15s")
  void parse_anyBytes_parsedIdempotentlyOrRefusedTyped(byte[] data) {
    SipMessage m;
    try {
      m = SipParser.parseDatagram(data, 0, data.length, LIMITS);
    } catch (SipParseException e) {
      assertThat(e.field()).isNotEmpty();
      assertThat(e.status()).isIn(400, 413, 505);
      SipParser.errorResponse(data, 0, data.length, e).ifPresent(r -> {
        try {
          assertThat(SipParser.parseFramed(r, SipLimits.DEFAULT)).isInstanceOf(SipResponse.class);
        } catch (SipParseException bad) {
          // the one allowed exception: a 505 echoes the peer's Via of another SIP version
          if (!(e.status() == 505 && bad.reason() == SipParseException.Reason.VERSION_NOT_SUPPORTED)) {
            throw new AssertionError("error response does not parse: " + bad.getMessage(), bad);
          }
        }
      });
      frame(data);
      return;
    }
    SipMessage again;
    try {
      again = SipParser.parseFramed(m.encode(), SipLimits.DEFAULT);
    } catch (SipParseException e) {
      throw new AssertionError("accepted message does not re-parse: " + e.getMessage(), e);
    }
    assertThat(again).isEqualTo(m);
    if (m.contentType().map(t -> t.is(MediaType.SDP)).orElse(false)) {
      try {
        SessionDescription d = SessionDescription.parse(m.body());
        assertThat(SessionDescription.parse(d.encode())).isEqualTo(d);
      } catch (SipParseException e) {
        assertThat(e.field()).startsWith("SDP");
      }
    }
    frame(data);
  }

  /** The same bytes on a stream, in two chunks: typed refusal or whole messages only. */
  private static void frame(byte[] data) {
    StreamFramer f = new StreamFramer(LIMITS);
    try {
      int half = data.length / 2;
      List<byte[]> a = f.feed(data, 0, half);
      List<byte[]> b = f.feed(data, half, data.length - half);
      assertThat(a.size() + b.size()).isLessThanOrEqualTo(data.length / 4 + 1);
      assertThat(f.buffered()).isLessThanOrEqualTo(LIMITS.maxMessageBytes());
    } catch (SipParseException e) {
      assertThat(e.field()).isNotEmpty();
    }
  }
}
