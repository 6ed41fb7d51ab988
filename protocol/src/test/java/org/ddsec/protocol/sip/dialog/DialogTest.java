package org.ddsec.protocol.sip.dialog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.NameAddress;
import org.ddsec.protocol.sip.SipFixtures;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.sip.Via;
import org.junit.jupiter.api.Test;

/** RFC 3261 §12: dialog creation on both sides and in-dialog requests along the Record-Route set. */
class DialogTest {

  private final SipRequest invite = SipFixtures.invite("z9hG4bKd")
      .withHeaderAdded("Record-Route", "<sip:p2.example.org;lr>").withHeaderAdded("Record-Route", "<sip:p1.example.org;lr>");

  private SipResponse ok() {
    return SipResponse.to(invite, 200, null, "b9").withHeaderAdded("Record-Route", "<sip:p2.example.org;lr>")
        .withHeaderAdded("Record-Route", "<sip:p1.example.org;lr>").withHeader("Contact", "<sip:bob@192.0.2.20:5062>");
  }

  @Test
  void asUac_2xx_routeSetReversedTargetFromContact() {
    Dialog d = Dialog.asUac(invite, ok());
    assertThat(d.routeSet()).extracting(NameAddress::toString).containsExactly("<sip:p1.example.org;lr>", "<sip:p2.example.org;lr>");
    assertThat(d.remoteTarget()).isEqualTo(SipUri.parse("sip:bob@192.0.2.20:5062"));
    assertThat(d.localTag()).isEqualTo("a1");
    assertThat(d.remoteTag()).isEqualTo("b9");
  }

  @Test
  void nextRequest_bye_looseRoutedViaRouteSetAndCSeqAdvanced() {
    Dialog d = Dialog.asUac(invite, ok());
    Dialog.Next n = d.nextRequest(SipRequest.BYE, Via.of(Transport.UDP, "192.0.2.10", 5060, "z9hG4bKbye"), null);
    SipRequest bye = n.request();
    assertThat(bye.requestUri()).isEqualTo(SipUri.parse("sip:bob@192.0.2.20:5062"));
    assertThat(bye.routes()).extracting(NameAddress::toString).containsExactly("<sip:p1.example.org;lr>", "<sip:p2.example.org;lr>");
    assertThat(bye.cseq().number()).isEqualTo(2);
    assertThat(bye.from().tag()).contains("a1");
    assertThat(bye.to().tag()).contains("b9");
    assertThat(n.dialog().localSeq()).isEqualTo(2);
    // the next hop is the first route: the proxy that record-routed
    assertThat(Hop.of(bye.routes().get(0).sipUri().orElseThrow())).isEqualTo(new Hop(Transport.UDP, "p1.example.org", 5060));
  }

  @Test
  void ack_for2xx_sameCSeqNumberInDialog() {
    SipRequest ack = Dialog.asUac(invite, ok()).ack(1, Via.of(Transport.UDP, "192.0.2.10", 5060, "z9hG4bKack"));
    assertThat(ack.method()).isEqualTo("ACK");
    assertThat(ack.cseq().number()).isEqualTo(1);
    assertThat(ack.routes()).hasSize(2);
  }

  @Test
  void request_strictRouter_requestUriIsTheRouteAndTargetLast() {
    SipResponse r = ok().withoutHeader("Record-Route").withHeaderAdded("Record-Route", "<sip:strict.example.org>");
    SipRequest bye = Dialog.asUac(invite, r).nextRequest(SipRequest.BYE, Via.of(Transport.UDP, "h", 5060, "z9hG4bKs"), null).request();
    assertThat(bye.requestUri()).isEqualTo(SipUri.parse("sip:strict.example.org"));
    assertThat(bye.routes()).extracting(NameAddress::toString).containsExactly("<sip:bob@192.0.2.20:5062>");
  }

  @Test
  void asUas_invite_routeSetInOrderAndMatchesPeerRequests() {
    Dialog d = Dialog.asUas(invite, "b9", 100);
    assertThat(d.routeSet()).extracting(NameAddress::toString).containsExactly("<sip:p2.example.org;lr>", "<sip:p1.example.org;lr>");
    assertThat(d.remoteTarget()).isEqualTo(SipUri.parse("sip:alice@192.0.2.10:5060"));
    assertThat(d.remoteSeq()).isEqualTo(1);
    SipRequest byeFromCaller = Dialog.asUac(invite, ok()).nextRequest(SipRequest.BYE, Via.of(Transport.UDP, "h", 5060, "z9hG4bKx"), null)
        .request();
    assertThat(d.matches(byeFromCaller)).isTrue();
    assertThat(d.matches(byeFromCaller.withHeader("To", "<sip:bob@ims.example.org>;tag=other"))).isFalse();
  }

  @Test
  void asUac_responseWithoutContact_refused() {
    assertThrows(IllegalArgumentException.class, () -> Dialog.asUac(invite, SipResponse.to(invite, 200, null, "b9")));
  }
}
