package org.ddsec.server.ims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.sip.HeaderField;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.NameAddress;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** RFC 3261 §10.3 registrar behaviour on a clock moved by hand. */
class RegistrarTest {

  private final MutableClock clock = new MutableClock();
  private final Registrar reg = new Registrar("ims.example.org", Registrar.Expiry.DEFAULT, clock);
  private static final Hop FLOW = new Hop(Transport.UDP, "127.0.0.1", 40000);
  private static final String BOB = "sip:bob@ims.example.org";

  private static SipRequest register(String to, String contact, String expires, String callId, long cseq) {
    List<HeaderField> h = new ArrayList<>();
    h.add(new HeaderField("Via", "SIP/2.0/UDP 127.0.0.1:40000;branch=z9hG4bK" + cseq));
    h.add(new HeaderField("From", "<" + to + ">;tag=f"));
    h.add(new HeaderField("To", "<" + to + ">"));
    h.add(new HeaderField("Call-ID", callId));
    h.add(new HeaderField("CSeq", cseq + " REGISTER"));
    if (contact != null) {
      h.add(new HeaderField("Contact", contact));
    }
    if (expires != null) {
      h.add(new HeaderField("Expires", expires));
    }
    return SipRequest.create("REGISTER", SipUri.parse("sip:ims.example.org"), h, Bytes.EMPTY);
  }

  @Test
  void register_noExpires_defaultOneHourThenExpires() {
    SipResponse r = reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", null, "c1", 1), FLOW, "t");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contacts()).singleElement().extracting(c -> c.params().get("expires").orElseThrow()).isEqualTo("3600");
    assertThat(reg.lookup(BOB)).isPresent();
    clock.advance(Duration.ofSeconds(3599));
    assertThat(reg.lookup(BOB)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(reg.lookup(BOB)).isEmpty();
  }

  @Test
  void register_refresh_extendsAndKeepsOneBinding() {
    reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "600", "c1", 1), FLOW, "t");
    clock.advance(Duration.ofSeconds(500));
    SipResponse r = reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "600", "c1", 2), FLOW, "t");
    assertThat(r.contacts()).singleElement().extracting(c -> c.params().get("expires").orElseThrow()).isEqualTo("600");
    clock.advance(Duration.ofSeconds(500));
    assertThat(reg.bindings(BOB)).hasSize(1);
  }

  @Test
  void register_contactExpiresParam_overridesHeader() {
    SipResponse r = reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>;expires=120", "600", "c1", 1), FLOW, "t");
    assertThat(r.contacts().get(0).params().get("expires")).contains("120");
  }

  @Test
  void register_belowMinimum_423WithMinExpires() {
    SipResponse r = reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "10", "c1", 1), FLOW, "t");
    assertThat(r.status()).isEqualTo(423);
    assertThat(r.header("Min-Expires")).contains("60");
    assertThat(reg.lookup(BOB)).isEmpty();
  }

  @Test
  void register_aboveMaximum_capped() {
    SipResponse r = reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "100000", "c1", 1), FLOW, "t");
    assertThat(r.contacts().get(0).params().get("expires")).contains("7200");
  }

  @Test
  void register_expiresZero_removesThatBinding() {
    reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "600", "c1", 1), FLOW, "t");
    reg.register(register(BOB, "<sip:bob@127.0.0.1:40002>", "600", "c2", 1), FLOW, "t");
    SipResponse r = reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "0", "c1", 2), FLOW, "t");
    assertThat(r.contacts()).extracting(NameAddress::uri).containsExactly(SipUri.parse("sip:bob@127.0.0.1:40002"));
  }

  @Test
  void register_wildcardWithExpiresZero_removesAll() {
    reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "600", "c1", 1), FLOW, "t");
    reg.register(register(BOB, "<sip:bob@127.0.0.1:40002>", "600", "c2", 1), FLOW, "t");
    SipResponse r = reg.register(register(BOB, "*", "0", "c3", 1), FLOW, "t");
    assertThat(r.status()).isEqualTo(200);
    assertThat(reg.bindings(BOB)).isEmpty();
  }

  @Test
  void register_wildcardWithoutExpiresZero_400() {
    assertThat(reg.register(register(BOB, "*", "600", "c3", 1), FLOW, "t").status()).isEqualTo(400);
  }

  @Test
  void register_olderCSeqSameCallId_ignored() {
    reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "600", "c1", 5), FLOW, "t");
    reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "0", "c1", 4), FLOW, "t");
    assertThat(reg.lookup(BOB)).isPresent();
  }

  @Test
  void register_noContact_queriesBindings() {
    reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "600", "c1", 1), FLOW, "t");
    assertThat(reg.register(register(BOB, null, null, "c9", 1), FLOW, "t").contacts()).hasSize(1);
  }

  @Test
  void register_otherDomain_403AndNonSipTo_400() {
    assertThat(reg.register(register("sip:bob@evil.example.com", "<sip:bob@127.0.0.1:40000>", "600", "c1", 1), FLOW, "t").status())
        .isEqualTo(403);
    // RFC 4475 §3.3.4 (unksm2): the To of a REGISTER must be a SIP URI
    SipRequest r = register(BOB, "<sip:bob@127.0.0.1:40000>", "600", "c1", 1).withHeader("To", "isbn:2983792873");
    assertThat(reg.register(r, FLOW, "t").status()).isEqualTo(400);
  }

  @Test
  void lookup_twoBindings_mostRecentWinsAndFlowKnown() {
    reg.register(register(BOB, "<sip:bob@127.0.0.1:40000>", "600", "c1", 1), FLOW, "t");
    clock.advance(Duration.ofSeconds(1));
    Hop tls = new Hop(Transport.TLS, "127.0.0.1", 51000);
    reg.register(register(BOB, "<sip:bob@127.0.0.1:51000;transport=tls>", "600", "c2", 1), tls, "t");
    assertThat(reg.lookup(BOB).orElseThrow().flow()).isEqualTo(tls);
    assertThat(reg.byContact(SipUri.parse("sip:bob@127.0.0.1:51000;transport=tls")).orElseThrow().flow()).isEqualTo(tls);
    assertThat(reg.registeredOver(BOB, tls)).isTrue();
    assertThat(reg.registeredOver(BOB, new Hop(Transport.TLS, "127.0.0.1", 51001))).isFalse();
    assertThat(reg.registeredOver("sip:alice@ims.example.org", tls)).isFalse();
  }
}
