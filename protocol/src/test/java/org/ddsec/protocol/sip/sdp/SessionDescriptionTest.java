package org.ddsec.protocol.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.sip.SipParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionDescriptionTest {

  /** RFC 4566 §5, the example session description (with its CRLFs). */
  static final String RFC4566_EXAMPLE = """
      v=0\r
      o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r
      s=SDP Seminar\r
      i=A Seminar on the session description protocol\r
      u=http://www.example.com/seminars/sdp.pdf\r
      e=j.doe@example.com (Jane Doe)\r
      c=IN IP4 224.2.17.12/127\r
      t=2873397496 2873404696\r
      a=recvonly\r
      m=audio 49170 RTP/AVP 0\r
      m=video 51372 RTP/AVP 99\r
      a=rtpmap:99 h263-1998/90000\r
      """;

  /** The base64 MIKEY message of RFC 4567 §5.1 (joined from the RFC's three lines). */
  static final String RFC4567_MIKEY = "AQAFgM0XflABAAAAAAAAAAAAAAsAyONQ6gAAAAAGEEoo2pee4hp2UaDX8ZE22YwKAAAPZG9uYWxkQGR1Y2suY29tAQAAAAAAAQAk"
      + "0JKpgaVkDaawi9whVBtBt0KZ14ymNuu62+Nv3ozPLygwK/GbAV9iemnGUIZ19fWQUOSrzKTAv9zV";

  static SessionDescription parse(String s) throws SipParseException {
    return SessionDescription.parse(Bytes.utf8(s));
  }

  @Test
  void parse_rfc4566Example_allLinesInPlace() throws Exception {
    SessionDescription d = parse(RFC4566_EXAMPLE);
    assertThat(d.origin().username()).isEqualTo("jdoe");
    assertThat(d.origin().address()).isEqualTo("10.47.16.5");
    assertThat(d.sessionName()).isEqualTo("SDP Seminar");
    assertThat(d.sessionInfo()).extracting(SdpLine::type).containsExactly('i', 'u', 'e');
    assertThat(d.connection().host()).isEqualTo("224.2.17.12");
    assertThat(d.attributes()).containsExactly(Attribute.flag("recvonly"));
    assertThat(d.media()).hasSize(2);
    assertThat(d.media().get(1).attribute("rtpmap").orElseThrow().value()).isEqualTo("99 h263-1998/90000");
    assertThat(d.encode().utf8()).isEqualTo(RFC4566_EXAMPLE);
  }

  @Test
  void parse_lfLineEnds_accepted() throws Exception {
    // RFC 4566 §5: parsers SHOULD accept a lone LF
    SessionDescription d = parse(RFC4566_EXAMPLE.replace("\r\n", "\n"));
    assertThat(d.media()).hasSize(2);
  }

  @Test
  void parse_rfc4567OfferReordered_mikeyAtSessionLevel() throws Exception {
    // RFC 4567 §5.1, with c= moved before t= as RFC 4566 §5 orders them (see the next test)
    String offer = "v=0\r\no=alice 2891092738 2891092738 IN IP4 w-land.example.com\r\ns=Cool stuff\r\ne=alice@w-land.example.com\r\n"
        + "c=IN IP4 w-land.example.com\r\nt=0 0\r\na=key-mgmt:mikey " + RFC4567_MIKEY + "\r\nm=audio 49000 RTP/SAVP 98\r\n"
        + "a=rtpmap:98 AMR/8000\r\nm=video 52230 RTP/SAVP 31\r\na=rtpmap:31 H261/90000\r\n";
    SessionDescription d = parse(offer);
    MediaDescription audio = d.firstMedia("audio").orElseThrow();
    Bytes mikey = KeyMgmt.mikeyFor(d, audio).orElseThrow();
    assertThat(mikey).isEqualTo(Bytes.of(Base64.getDecoder().decode(RFC4567_MIKEY)));
    assertThat(mikey.get(0)).isEqualTo(1); // MIKEY version 1 (RFC 3830 §6.1)
    assertThat(d.connectionFor(audio).orElseThrow().host()).isEqualTo("w-land.example.com");
    assertThat(audio.proto()).isEqualTo("RTP/SAVP");
  }

  @Test
  void parse_rfc4567OfferAsPrinted_refusedForTheOrderOfCAndT() {
    // RFC 4567 §5.1 prints t= before c=, which RFC 4566 §5 forbids ("MUST appear in exactly the order given")
    String printed = "v=0\r\no=alice 2891092738 2891092738 IN IP4 w-land.example.com\r\ns=Cool stuff\r\ne=alice@w-land.example.com\r\n"
        + "t=0 0\r\nc=IN IP4 w-land.example.com\r\na=key-mgmt:mikey " + RFC4567_MIKEY + "\r\nm=audio 49000 RTP/SAVP 98\r\n";
    SipParseException e = assertThrows(SipParseException.class, () -> parse(printed));
    assertThat(e.field()).isEqualTo("SDP c=");
  }

  @Test
  void mikeyFor_mediaLevelAttribute_overridesSessionLevel() throws Exception {
    // RFC 4567 §3.1
    Bytes s = Bytes.fromHex("010203");
    Bytes m = Bytes.fromHex("040506");
    SessionDescription d = SessionDescription.audio(7, "127.0.0.1", List.of(KeyMgmt.mikey(s).toAttribute()), 40000, "RTP/SAVP",
        List.of(0, 8), List.of(KeyMgmt.mikey(m).toAttribute()));
    SessionDescription back = SessionDescription.parse(d.encode());
    assertThat(KeyMgmt.mikeyFor(back, back.media().get(0))).contains(m);
  }

  @Test
  void audio_builder_writesSavpWithRtpmapsAndKeyMgmt() throws Exception {
    Bytes mikey = Bytes.fromHex("0100");
    SessionDescription d = SessionDescription.audio(42, "127.0.0.1", List.of(KeyMgmt.mikey(mikey).toAttribute()), 40000, "RTP/SAVP",
        List.of(0, 8), List.of(Attribute.flag("sendonly")));
    assertThat(d.encode().utf8()).isEqualTo("v=0\r\no=- 42 42 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
        + "a=key-mgmt:mikey AQA=\r\nm=audio 40000 RTP/SAVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=sendonly\r\n");
    SessionDescription back = SessionDescription.parse(d.encode());
    assertThat(back).isEqualTo(d);
    assertThat(back.media().get(0).firstPayloadType()).contains(0);
  }

  @Test
  void audio_ipv6Address_ip6AddrType() {
    assertThat(SessionDescription.audio(1, "::1", List.of(), 4000, "RTP/AVP", List.of(8), List.of()).encode().utf8())
        .contains("c=IN IP6 ::1\r\n").contains("o=- 1 1 IN IP6 ::1\r\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no v=             | o=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nt=0 0\\r\\n                                 | SDP v=",
      "v=1               | v=1\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nt=0 0\\r\\n                         | SDP v=",
      "space before =    | v=0\\r\\no =- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nt=0 0\\r\\n                        | SDP",
      "unknown type x=   | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nx=1\\r\\nt=0 0\\r\\n                  | SDP",
      "a= before t=      | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\na=x\\r\\nt=0 0\\r\\n                  | SDP t=",
      "two s=            | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\ns=-\\r\\nt=0 0\\r\\n                  | SDP s=",
      "no t=             | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\n                | SDP t=",
      "o= 5 fields       | v=0\\r\\no=- 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nt=0 0\\r\\n                           | SDP o=",
      "empty s=          | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=\\r\\nt=0 0\\r\\n                            | SDP s=",
      "bad c= address    | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.400\\r\\nt=0 0\\r\\n     | SDP c=",
      "m= port too big   | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=audio 70000 RTP/AVP 0\\r\\n | SDP m=",
      "m= pt 128         | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=audio 4000 RTP/AVP 128\\r\\n | SDP m=",
      "m= no format      | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nc=IN IP4 1.2.3.4\\r\\nt=0 0\\r\\nm=audio 4000 RTP/AVP\\r\\n | SDP m=",
      "m= without c=     | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 4000 RTP/AVP 0\\r\\n   | SDP c=",
      "media c= after a= | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 4000 RTP/AVP 0\\r\\na=x\\r\\nc=IN IP4 1.2.3.4\\r\\n | SDP c=",
      "unterminated      | v=0\\r\\no=- 1 1 IN IP4 1.2.3.4\\r\\ns=-\\r\\nt=0 0                                  | SDP",
  })
  void parse_malformed_refusedNamingTheLine(String label, String text, String field) {
    String sdp = text.strip().replace("\\r\\n", "\r\n");
    SipParseException e = assertThrows(SipParseException.class, () -> parse(sdp), label);
    assertThat(e.field()).as(label + ": " + e.getMessage()).isEqualTo(field);
  }

  @Test
  void parse_notUtf8_refused() {
    byte[] b = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=\u00ff\r\nt=0 0\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    SipParseException e = assertThrows(SipParseException.class, () -> SessionDescription.parse(Bytes.of(b)));
    assertThat(e.field()).isEqualTo("SDP");
  }

  @Test
  void keyMgmt_badBase64_refused() throws Exception {
    SessionDescription d = parse("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nt=0 0\r\na=key-mgmt:mikey AQ*A\r\n"
        + "m=audio 4000 RTP/SAVP 0\r\n");
    SipParseException e = assertThrows(SipParseException.class, () -> KeyMgmt.mikeyFor(d, d.media().get(0)));
    assertThat(e.field()).isEqualTo("SDP a=key-mgmt");
  }

  @Test
  void keyMgmt_noData_refused() {
    SipParseException e = assertThrows(SipParseException.class, () -> KeyMgmt.parse(new Attribute("key-mgmt", "mikey")));
    assertThat(e.field()).isEqualTo("SDP a=key-mgmt");
  }

  @Test
  void keyMgmt_leadingSpaceAllowed() throws Exception {
    // RFC 4567 §3.1: key-mgmt-att-value = 0*1SP prtcl-id SP keymgmt-data
    assertThat(KeyMgmt.parse(new Attribute("key-mgmt", " mikey AQA=")).data()).isEqualTo(Bytes.fromHex("0100"));
  }
}
