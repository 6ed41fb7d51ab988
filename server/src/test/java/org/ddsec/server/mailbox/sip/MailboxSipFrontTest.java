package org.ddsec.server.mailbox.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.sip.HeaderField;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipParser;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.transaction.TimerSettings;
import org.ddsec.server.mailbox.DepositAnswer;
import org.ddsec.server.mailbox.DepositHandler;
import org.ddsec.server.mailbox.DepositOffer;
import org.ddsec.server.sip.RawSip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mailbox SIP front against a raw UDP caller: offers, refusals, and how each dialog ends. */
class MailboxSipFrontTest {

  private static final TimerSettings FAST = new TimerSettings(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500));
  private final BlockingQueue<DepositOffer> offers = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
  private MailboxSipFront front;
  private RawSip.Udp caller;

  @BeforeEach
  void start() throws Exception {
    DepositHandler h = new DepositHandler() {
      @Override
      public DepositAnswer onInvite(DepositOffer offer) {
        offers.add(offer);
        return new DepositAnswer.Accept(Bytes.fromHex("0101"), new InetSocketAddress("127.0.0.1", 41000), offer.payloadType());
      }

      @Override
      public void onCallEnded(String callId, EndReason reason) {
        ended.add(callId + " " + reason);
      }
    };
    front = MailboxSipFront.start(MailboxSipFront.Config.loopback(0, -1).withTimers(FAST).withMaxDepositDuration(Duration.ofSeconds(2)), h,
        null, null, null);
    caller = new RawSip.Udp(front.udpHop());
  }

  @AfterEach
  void stop() {
    caller.close();
    front.close();
  }

  private String invite(String callId, boolean pai) {
    return invite(callId, pai, RawSip.OFFER);
  }

  private String invite(String callId, boolean pai, String sdp) {
    return RawSip.mailboxInvite(front.udpUri().toString(), "UDP", caller.localPort(), callId.replace("-", ""), callId, pai, sdp);
  }

  private SipResponse next() throws Exception {
    return (SipResponse) caller.receive(Duration.ofSeconds(5), true).orElseThrow();
  }

  private static String ackFor(String invite, SipResponse ok) {
    return invite.replaceFirst("^INVITE", "ACK").replace("CSeq: 1 INVITE", "CSeq: 1 ACK").replace("branch=z9hG4bK", "branch=z9hG4bKack")
        .replace("To: <sip:bob@ims.example.org>", "To: " + ok.to());
  }

  private static String byeFor(String invite, SipResponse ok) {
    String head = invite.substring(0, invite.indexOf("Content-Type"));
    return head.replaceFirst("^INVITE [^ ]+", "BYE " + ok.contacts().get(0).uri()).replace("CSeq: 1 INVITE", "CSeq: 2 BYE")
        .replace("branch=z9hG4bK", "branch=z9hG4bKbye").replace("To: <sip:bob@ims.example.org>", "To: " + ok.to()) + "Content-Length: 0\r\n\r\n";
  }

  @Test
  void invite_accepted_200WithAnswerAndByeEndsDepositWithBye() throws Exception {
    String inv = invite("c-bye", true);
    caller.send(inv);
    caller.send(inv); // a retransmission reaches the handler once
    SipResponse ok = next();
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().utf8()).contains("a=key-mgmt:mikey AQE=").contains("m=audio 41000 RTP/SAVP 0").contains("a=recvonly");
    caller.send(ackFor(inv, ok));
    caller.send(byeFor(inv, ok));
    SipMessage byeOk = caller.receive(Duration.ofSeconds(5), true).orElseThrow();
    while (((SipResponse) byeOk).cseq().method().equals("INVITE")) { // 2xx retransmissions still in flight
      byeOk = caller.receive(Duration.ofSeconds(5), true).orElseThrow();
    }
    assertThat(((SipResponse) byeOk).status()).isEqualTo(200);
    assertThat(ended.poll(5, TimeUnit.SECONDS)).isEqualTo("c-bye BYE");
    assertThat(offers).hasSize(1);
    assertThat(ended.poll(300, TimeUnit.MILLISECONDS)).as("ended exactly once").isNull();
  }

  @Test
  void invite_noAck_timeoutAndByeToCaller() throws Exception {
    String inv = invite("c-noack", true);
    caller.send(inv);
    assertThat(next().status()).isEqualTo(200);
    // 2xx retransmitted (RFC 3261 §13.3.1.4), then after 64·T1 = 3.2 s: TIMEOUT, and a BYE
    assertThat(ended.poll(6, TimeUnit.SECONDS)).isEqualTo("c-noack TIMEOUT");
    boolean bye = false;
    for (int i = 0; i < 40 && !bye; i++) {
      SipMessage m = caller.receive(Duration.ofSeconds(2), true).orElse(null);
      bye = m instanceof SipRequest r && r.isMethod("BYE");
    }
    assertThat(bye).as("BYE sent to the caller").isTrue();
  }

  @Test
  void invite_depositLongerThanLimit_timeoutAndBye() throws Exception {
    String inv = invite("c-long", true);
    caller.send(inv);
    SipResponse ok = next();
    caller.send(ackFor(inv, ok));
    assertThat(ended.poll(5, TimeUnit.SECONDS)).isEqualTo("c-long TIMEOUT");
  }

  @Test
  void invite_withoutAssertedIdentity_403AndHandlerNotCalled() throws Exception {
    caller.send(invite("c-nopai", false));
    SipResponse r = next();
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("Warning").orElseThrow()).contains("P-Asserted-Identity");
    assertThat(offers).isEmpty();
  }

  @Test
  void invite_plainRtp_488() throws Exception {
    caller.send(invite("c-avp", true, RawSip.OFFER.replace("RTP/SAVP", "RTP/AVP")));
    assertThat(next().status()).isEqualTo(488);
  }

  @Test
  void invite_noKeyMgmt_488() throws Exception {
    caller.send(invite("c-nokm", true, RawSip.OFFER.replace("a=key-mgmt:mikey AQAKAQAAAAEAAQA=\r\n", "")));
    SipResponse r = next();
    assertThat(r.status()).isEqualTo(488);
    assertThat(r.header("Warning").orElseThrow()).contains("key-mgmt");
  }

  @Test
  void invite_malformedSdp_400NamingTheLine() throws Exception {
    caller.send(invite("c-badsdp", true, RawSip.OFFER.replace("t=0 0\r\n", "t=zero\r\n")));
    SipResponse r = next();
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Warning").orElseThrow()).contains("SDP t=");
  }

  @Test
  void invite_noSdp_415() throws Exception {
    caller.send(invite("c-nosdp", true).replace("application/sdp", "text/plain"));
    assertThat(next().status()).isEqualTo(415);
  }

  @Test
  void bye_unknownDialog_481() throws Exception {
    String inv = invite("c-unknown", true);
    SipResponse fake = SipResponse.to((SipRequest) SipParser.parse(inv), 200, null, "zz").withHeader("Contact", "<sip:mailbox@127.0.0.1:1>");
    caller.send(byeFor(inv, fake));
    assertThat(next().status()).isEqualTo(481);
  }

  @Test
  void callee_historyInfoMp_originalTargetWins() throws Exception {
    SipRequest r = request("sip:mailbox@127.0.0.1:5070;target=sip:wrong%40ims.example.org;cause=408",
        List.of(new HeaderField("History-Info", "<sip:bob@ims.example.org>;index=1"),
            new HeaderField("History-Info", "<sip:bob@127.0.0.1:5062?Reason=SIP%3Bcause%3D408>;index=1.1;rc=1"),
            new HeaderField("History-Info", "<sip:mailbox@127.0.0.1:5070>;index=1.2;mp=1")));
    assertThat(MailboxSipFront.callee(r)).isEqualTo("sip:bob@ims.example.org");
  }

  @Test
  void callee_noHistoryInfo_rfc4458TargetThenTo() throws Exception {
    assertThat(MailboxSipFront.callee(request("sip:mailbox@127.0.0.1:5070;target=carol%40ims.example.org;cause=480", List.of())))
        .isEqualTo("sip:carol@ims.example.org");
    assertThat(MailboxSipFront.callee(request("sip:mailbox@127.0.0.1:5070", List.of()))).isEqualTo("sip:bob@ims.example.org");
  }

  private static SipRequest request(String ruri, List<HeaderField> extra) {
    List<HeaderField> h = new ArrayList<>(List.of(new HeaderField("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx"),
        new HeaderField("From", "<sip:alice@ims.example.org>;tag=a"), new HeaderField("To", "<sip:bob@ims.example.org>"),
        new HeaderField("Call-ID", "x"), new HeaderField("CSeq", "1 INVITE")));
    h.addAll(extra);
    return SipRequest.create("INVITE", SipUri.parse(ruri), h, Bytes.EMPTY);
  }
}
