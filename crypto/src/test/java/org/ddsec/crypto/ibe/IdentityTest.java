package org.ddsec.crypto.ibe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.ddsec.core.Bytes;
import org.junit.jupiter.api.Test;

class IdentityTest {

  @Test
  void tel_rfc6509Example_isPeriodNulUriNul() {
    // RFC 6509 §3.2: "2011-02\0tel:+447700900123\0"
    Identity id = Identity.tel(KeyPeriod.of(2011, 2), "+447700900123");
    assertThat(id.bytes()).isEqualTo(Bytes.fromHex("323031312d30320074656c3a2b34343737303039303031323300"));
    assertThat(id.toString()).isEqualTo("2011-02\\0tel:+447700900123\\0");
  }

  @Test
  void parse_encodedIdentity_roundTrips() {
    Identity id = Identity.of(KeyPeriod.of(2026, 11), "sip:bob@ims.example.org");
    assertThat(Identity.parse(id.bytes())).isEqualTo(id);
    assertThat(Identity.parse(id.bytes()).uri()).isEqualTo("sip:bob@ims.example.org");
  }

  @Test
  void tel_withVisualSeparatorOrParameterOrLocalNumber_isRefused() {
    KeyPeriod p = KeyPeriod.of(2011, 2);
    assertThrows(IllegalArgumentException.class, () -> Identity.tel(p, "+44-7700-900123"));
    assertThrows(IllegalArgumentException.class, () -> Identity.tel(p, "+447700900123;phone-context=example.com"));
    assertThrows(IllegalArgumentException.class, () -> Identity.tel(p, "7700900123"));
    assertThrows(IllegalArgumentException.class, () -> Identity.of(p, "TEL:+447700900123"));
  }

  @Test
  void of_badUri_isRefused() {
    KeyPeriod p = KeyPeriod.of(2011, 2);
    assertThrows(IllegalArgumentException.class, () -> Identity.of(p, ""));
    assertThrows(IllegalArgumentException.class, () -> Identity.of(p, "no-scheme"));
    assertThrows(IllegalArgumentException.class, () -> Identity.of(p, "sip:a\0b@x"));
    assertThrows(IllegalArgumentException.class, () -> Identity.of(p, "sip:a b@x"));
    assertThrows(IllegalArgumentException.class, () -> Identity.of(p, "sip:" + "a".repeat(115)));
    assertThat(Identity.of(p, "sip:" + "a".repeat(114)).bytes().length()).isEqualTo(Identity.MAX_ENCODED_BYTES);
  }

  @Test
  void parse_malformed_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> Identity.parse(Bytes.utf8("2011-02tel:+4477\0")));
    assertThrows(IllegalArgumentException.class, () -> Identity.parse(Bytes.utf8("2011-02\0tel:+4477")));
    assertThrows(IllegalArgumentException.class, () -> Identity.parse(Bytes.utf8("2011-02\0tel:+44\0x\0")));
    assertThrows(IllegalArgumentException.class, () -> Identity.parse(Bytes.utf8("2011-13\0tel:+4477\0")));
  }

  @Test
  void keyPeriod_containing_isUtcMonth() {
    assertThat(KeyPeriod.containing(Instant.parse("2026-11-30T23:59:59Z"))).isEqualTo(KeyPeriod.of(2026, 11));
    assertThat(KeyPeriod.containing(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(KeyPeriod.of(2026, 12));
    assertThat(KeyPeriod.of(2026, 12).next()).isEqualTo(KeyPeriod.of(2027, 1));
    assertThat(KeyPeriod.of(2027, 1).previous().toString()).isEqualTo("2026-12");
    assertThat(KeyPeriod.parse("0999-01").toString()).isEqualTo("0999-01");
  }

  @Test
  void keyPeriod_badText_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> KeyPeriod.parse("2026-1"));
    assertThrows(IllegalArgumentException.class, () -> KeyPeriod.parse("2026/11"));
    assertThrows(IllegalArgumentException.class, () -> KeyPeriod.parse("2026-00"));
    assertThrows(IllegalArgumentException.class, () -> KeyPeriod.of(10000, 1));
  }

  @Test
  void inPeriod_otherMonth_isOtherIdentity() {
    Identity may = Identity.tel(KeyPeriod.of(2026, 5), "+447700900123");
    Identity june = may.inPeriod(KeyPeriod.of(2026, 6));
    assertThat(june).isNotEqualTo(may);
    assertThat(june.uri()).isEqualTo(may.uri());
    assertThat(june.bytes().slice(0, 8)).isEqualTo(Bytes.utf8("2026-06\0"));
  }
}
