package org.ddsec.protocol.gba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

class DigestParamsTest {

  private static final String VALID = "Digest username=\"alice@ims.example.org\", realm=\"ims.example.org\", "
      + "nonce=\"I1U8vpY3qJ0hiuZNrke/NVVVVVVVVVVVVVVVVVVVVVU=\", uri=\"/\", qop=auth-int, nc=00000001, "
      + "cnonce=\"0a4f113b\", response=\"009569dc88f2eadc4eb02059657b9edc\", algorithm=AKAv1-MD5";

  @Test
  void parse_rfc3310StyleCredentials_allDirectives() throws Exception {
    DigestParams p = DigestParams.parse(VALID);
    assertThat(p.require("username")).isEqualTo("alice@ims.example.org");
    assertThat(p.require("qop")).isEqualTo("auth-int");
    assertThat(p.get("ALGORITHM")).contains("AKAv1-MD5");
    assertThat(p.asMap()).hasSize(9);
  }

  @Test
  void parse_quotedPair_unescaped() throws Exception {
    assertThat(DigestParams.parse("Digest realm=\"a\\\"b\\\\c\"").require("realm")).isEqualTo("a\"b\\c");
  }

  @Test
  void format_thenParse_roundTrips() throws Exception {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("realm", "r\"x");
    d.put("nonce", "abc=");
    d.put("algorithm", "AKAv1-MD5");
    DigestParams p = DigestParams.parse(DigestParams.format(d, Set.of("algorithm")));
    assertThat(p.asMap()).isEqualTo(d);
  }

  @Test
  void parse_basicScheme_refused() {
    DigestException e = assertThrows(DigestException.class, () -> DigestParams.parse("Basic YWxhZGRpbjpvcGVuc2VzYW1l"));
    assertThat(e.getMessage()).startsWith("auth-scheme: Basic");
  }

  @Test
  void parse_duplicateDirective_refused() {
    DigestException e = assertThrows(DigestException.class, () -> DigestParams.parse("Digest nonce=\"a\", NONCE=\"b\""));
    assertThat(e.getMessage()).contains("appears twice");
  }

  @Test
  void parse_unterminatedQuote_refused() {
    assertThrows(DigestException.class, () -> DigestParams.parse("Digest username=\"alice"));
  }

  @Test
  void parse_trailingComma_refused() {
    assertThrows(DigestException.class, () -> DigestParams.parse("Digest username=\"alice\","));
  }

  @Test
  void parse_controlCharacterInQuotedString_refused() {
    assertThrows(DigestException.class, () -> DigestParams.parse("Digest username=\"al\u0000ice\""));
  }

  @Test
  void parse_overlongHeader_refused() {
    assertThrows(DigestException.class, () -> DigestParams.parse("Digest realm=\"" + "a".repeat(DigestParams.MAX_LENGTH) + "\""));
  }

  @Test
  void parse_null_refused() {
    assertThrows(DigestException.class, () -> DigestParams.parse(null));
  }

  /** Seeded mutations of a valid header: each parses or is refused with DigestException, nothing else. */
  @Test
  void parse_mutatedHeaders_acceptOrTypedRefusal() {
    Property.forAll(2000, r -> {
      StringBuilder sb = new StringBuilder(VALID);
      int edits = 1 + r.nextInt(6);
      for (int i = 0; i < edits && sb.length() > 0; i++) {
        int at = r.nextInt(sb.length());
        switch (r.nextInt(4)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, Property.oneOf(r, '"', ',', '=', '\\', ' ', '\u0000', '\u00e9', 'x'));
          case 2 -> sb.setCharAt(at, (char) r.nextInt(0x80));
          default -> sb.setLength(at);
        }
      }
      try {
        DigestParams.parse(sb.toString());
      } catch (DigestException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    });
  }
}
