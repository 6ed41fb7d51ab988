package org.ddsec.protocol.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3262 §7 headers (RSeq, RAck) and option-tag lists: strict parsing, typed refusals naming the field. */
class ReliabilityHeadersTest {

  private static final String PRACK = "PRACK sip:bob@192.0.2.4 SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKpr1\r\n"
      + "Max-Forwards: 70\r\n"
      + "From: <sip:alice@ims.example.org>;tag=a1\r\n"
      + "To: <sip:bob@ims.example.org>;tag=b2\r\n"
      + "Call-ID: call-1@192.0.2.10\r\n"
      + "CSeq: 2 PRACK\r\n"
      + "RAck: %s\r\n"
      + "Content-Length: 0\r\n\r\n";

  private static final String RESPONSE = "SIP/2.0 183 Session Progress\r\n"
      + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKinv\r\n"
      + "From: <sip:alice@ims.example.org>;tag=a1\r\n"
      + "To: <sip:bob@ims.example.org>;tag=b2\r\n"
      + "Call-ID: call-1@192.0.2.10\r\n"
      + "CSeq: 1 INVITE\r\n"
      + "Require: timer,  100REL\r\n"
      + "RSeq: %s\r\n"
      + "Content-Length: 0\r\n\r\n";

  @Test
  void rack_rfc3262Example_parsed() throws Exception {
    SipRequest r = (SipRequest) SipParser.parse(String.format(PRACK, "776656 1 INVITE"));
    assertThat(r.rack()).contains(new RAck(776656, 1, "INVITE"));
    assertThat(r.method()).isEqualTo(SipRequest.PRACK);
  }

  @Test
  void rseq_andOptionTags_parsed() throws Exception {
    SipResponse r = (SipResponse) SipParser.parse(String.format(RESPONSE, "988789"));
    assertThat(r.rseq()).hasValue(988789);
    assertThat(r.optionTags("Require")).containsExactly("timer", "100REL");
    assertThat(r.hasOptionTag("Require", "100rel")).isTrue(); // tokens are case-insensitive (RFC 3261 §7.3.1)
    assertThat(r.hasOptionTag("Supported", "100rel")).isFalse();
    assertThat(RAck.of(r)).isEqualTo(new RAck(988789, 1, "INVITE"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 1 INVITE", "1 INVITE", "1 1", "x 1 INVITE", "1 4294967296 INVITE", "4294967296 1 INVITE", "1 1 INVITE extra",
      "1 1 IN VITE", ""})
  void rack_malformed_refusedNamingTheField(String value) {
    SipParseException e = assertThrows(SipParseException.class, () -> SipParser.parse(String.format(PRACK, value)));
    assertThat(e.field()).startsWith("RAck");
    assertThat(e.status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1 2", "abc", "4294967296", ""})
  void rseq_malformed_refusedNamingTheField(String value) {
    SipParseException e = assertThrows(SipParseException.class, () -> SipParser.parse(String.format(RESPONSE, value)));
    assertThat(e.field()).startsWith("RSeq");
  }

  @Test
  void rseq_twice_refused() {
    String twice = String.format(RESPONSE, "1").replace("RSeq: 1\r\n", "RSeq: 1\r\nRSeq: 2\r\n");
    SipParseException e = assertThrows(SipParseException.class, () -> SipParser.parse(twice));
    assertThat(e.reason()).isEqualTo(SipParseException.Reason.DUPLICATE_HEADER);
  }

  @Test
  void reliable_addsRequireAndRSeqOnce() {
    SipRequest inv = SipFixtures.invite("z9hG4bKrel");
    SipResponse r = SipRequests.reliable(SipResponse.to(inv, 183, null, "b2"), 5);
    SipResponse again = SipRequests.reliable(r, 6);
    assertThat(again.headers("Require")).containsExactly("100rel");
    assertThat(again.rseq()).hasValue(6);
  }
}
