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
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.sdp.KeyMgmt;
import org.ddsec.protocol.sip.sdp.SessionDescription;
import org.ddsec.protocol.sip.transaction.TimerSettings;
import org.ddsec.server.mailbox.DepositAnswer;
import org.ddsec.server.mailbox.DepositHandler;
import org.ddsec.server.mailbox.DepositOffer;
import org.ddsec.server.sip.RawSip;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mailbox SIP front's two-round path (MIKEY-IBAKE carriage, RFC 3262) against a raw UDP caller
 * and a stand-in handler: the reliable 183 with the first answer, its retransmission (T1
 * doubling) and 504 without a PRACK, the PRACK's offer handed to {@link DepositHandler#onPrack}
 * once, the 200 to the PRACK with the second answer, then the 200 to the INVITE; refusals and bad
 * input (420, 421, 481 for a PRACK matching nothing, 400/488 for PRACKs without a usable offer,
 * a rejected second round), CANCEL while waiting for the PRACK.
 */
class MailboxSipFrontPrackTest {

  private static final TimerSettings FAST = new TimerSettings(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(500));
  private static final InetSocketAddress RTP = new InetSocketAddress("127.0.0.1", 41002);
  private final BlockingQueue<DepositOffer> offers = new LinkedBlockingQueue<>();
  private final BlockingQueue<Bytes> pracks = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
  private MailboxSipFront front;
  private RawSip.Udp caller;

  @BeforeEach
  void start() throws Exception {
    DepositHandler h = new DepositHandler() {
      @Override
      public DepositAnswer onInvite(DepositOffer offer) {
        offers.add(offer);
        return new DepositAnswer.Progress(Bytes.fromHex("0203"), RTP, offer.payloadType());
      }

      @Override
      public DepositAnswer onPrack(String callId, Bytes mikey) {
        pracks.add(mikey);
        return mikey.equals(Bytes.fromHex("0666")) ? new DepositAnswer.Reject(403, "key management refused: Auth failure", Bytes.fromHex("0107"))
            : new DepositAnswer.Accept(Bytes.fromHex("0405"), RTP, 0);
      }

      @Override
      public void onCallEnded(String callId, EndReason reason) {
        ended.add(callId + " " + reason);
      }
    };
    front = MailboxSipFront.start(MailboxSipFront.Config.loopback(0, -1).withTimers(FAST).withMaxDepositDuration(Duration.ofSeconds(5)), h,
        null, null, null);
    caller = new RawSip.Udp(front.udpHop());
  }

  @AfterEach
  void stop() {
    caller.close();
    front.close();
  }

  private String invite(String callId, String extraHeader) {
    String inv = RawSip.mailboxInvite(front.udpUri().toString(), "UDP", caller.localPort(), callId.replace("-", ""), callId, true, RawSip.OFFER);
    return extraHeader == null ? inv : inv.replace("CSeq: 1 INVITE\r\n", "CSeq: 1 INVITE\r\n" + extraHeader + "\r\n");
  }

  private SipMessage next() throws Exception {
    return caller.receive(Duration.ofSeconds(5), true).orElseThrow(() -> new AssertionError("nothing received"));
  }

  /** The next response other than a retransmitted 183. */
  private SipResponse nextFinalOr(String cseqMethod) throws Exception {
    while (true) {
      SipResponse r = (SipResponse) next();
      if (r.status() != 183 && r.cseq().method().equals(cseqMethod)) {
        return r;
      }
    }
  }

  private static String sdp(String mikeyB64) {
    return "v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40100 RTP/SAVP 0\r\na=key-mgmt:mikey " + mikeyB64
        + "\r\na=sendonly\r\n";
  }

  /** A PRACK for {@code p183} (RAck {@code rack}, or the 183's own), with {@code body} as SDP (null: none). */
  private String prack(String invite, SipResponse p183, String branch, String rack, String body) {
    String callId = p183.callId();
    String from = invite.lines().filter(l -> l.startsWith("From: ")).findFirst().orElseThrow();
    String m = "PRACK " + p183.contacts().get(0).uri() + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.localPort() + ";branch=z9hG4bK" + branch + "\r\n"
        + "Max-Forwards: 70\r\n" + from + "\r\n"
        + "To: " + p183.to() + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 2 PRACK\r\n"
        + "RAck: " + (rack != null ? rack : p183.rseq().getAsLong() + " 1 INVITE") + "\r\n";
    if (body == null) {
      return m + "Content-Length: 0\r\n\r\n";
    }
    return m + "Content-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private static String ackFor(String invite, SipResponse ok) {
    return invite.substring(0, invite.indexOf("Content-Type")).replaceFirst("^INVITE", "ACK").replace("CSeq: 1 INVITE", "CSeq: 1 ACK")
        .replace("branch=z9hG4bK", "branch=z9hG4bKack").replace("To: <sip:bob@ims.example.org>", "To: " + ok.to()) + "Content-Length: 0\r\n\r\n";
  }

  private static String byeFor(String invite, SipResponse ok) {
    String head = invite.substring(0, invite.indexOf("Content-Type"));
    return head.replaceFirst("^INVITE [^ ]+", "BYE " + ok.contacts().get(0).uri()).replace("CSeq: 1 INVITE", "CSeq: 3 BYE")
        .replace("branch=z9hG4bK", "branch=z9hG4bKbye").replace("To: <sip:bob@ims.example.org>", "To: " + ok.to()) + "Content-Length: 0\r\n\r\n";
  }

  private SipResponse reliable183(String invite) throws Exception {
    caller.send(invite);
    SipResponse r = (SipResponse) next();
    assertThat(r.status()).isEqualTo(183);
    return r;
  }

  @Test
  void twoRounds_reliable183ThenPrackThen200s_handlerCalledOnceEach() throws Exception {
    String inv = invite("p-ok", "Supported: 100rel");
    SipResponse p = reliable183(inv);
    assertThat(p.hasOptionTag("Require", "100rel")).isTrue();
    assertThat(p.rseq()).isPresent();
    assertThat(p.rseq().getAsLong()).isBetween(1L, 0x7FFF_FFFFL);
    assertThat(p.to().tag()).isPresent();
    assertThat(p.contacts()).hasSize(1);
    SessionDescription a1 = SessionDescription.parse(p.body());
    assertThat(KeyMgmt.mikeyFor(a1, a1.firstMedia("audio").orElseThrow())).contains(Bytes.fromHex("0203"));
    assertThat(p.body().utf8()).contains("m=audio 41002 RTP/SAVP 0");
    assertThat(offers.poll(1, TimeUnit.SECONDS).reliableProvisionals()).isTrue();

    String pr = prack(inv, p, "pr1", null, sdp("BAU="));
    caller.send(pr);
    SipResponse prOk = nextFinalOr("PRACK");
    assertThat(prOk.status()).isEqualTo(200);
    SessionDescription a2 = SessionDescription.parse(prOk.body());
    assertThat(KeyMgmt.mikeyFor(a2, a2.firstMedia("audio").orElseThrow())).contains(Bytes.fromHex("0405"));
    SipResponse ok = nextFinalOr("INVITE");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().isEmpty()).as("offer/answer complete: no SDP in the 2xx").isTrue();
    assertThat(ok.to().tag()).isEqualTo(p.to().tag());
    assertThat(pracks.poll(1, TimeUnit.SECONDS)).isEqualTo(Bytes.fromHex("0405")); // "BAU=" of the PRACK's a=key-mgmt

    caller.send(pr); // a PRACK retransmission: the 200 is replayed, the handler not asked again
    caller.send(ackFor(inv, ok));
    caller.send(byeFor(inv, ok));
    boolean byeOk = false;
    for (int i = 0; i < 20 && !byeOk; i++) {
      SipResponse r = (SipResponse) next();
      byeOk = r.cseq().method().equals("BYE") && r.status() == 200;
    }
    assertThat(byeOk).isTrue();
    assertThat(ended.poll(5, TimeUnit.SECONDS)).isEqualTo("p-ok BYE");
    assertThat(pracks).isEmpty();
    assertThat(offers).isEmpty();
  }

  @Test
  void noPrack_183RetransmittedWithT1DoublingThen504AndTimeout() throws Exception {
    String inv = invite("p-noprack", "Require: 100rel");
    long t0 = System.nanoTime();
    SipResponse first = reliable183(inv);
    List<Long> at = new ArrayList<>();
    SipResponse fin = null;
    while (fin == null) {
      SipResponse r = (SipResponse) caller.receive(Duration.ofSeconds(6), true).orElseThrow();
      if (r.status() == 183) {
        assertThat(r.rseq()).isEqualTo(first.rseq());
        at.add((System.nanoTime() - t0) / 1_000_000);
      } else {
        fin = r;
      }
    }
    // T1 = 50 ms: at 50, 150, 350, 750, 1550, 3150 ms (no T2 cap at 400 ms), then 504 at 64·T1 = 3.2 s
    assertThat(at).hasSizeBetween(5, 6);
    for (int i = 2; i < at.size(); i++) {
      assertThat(at.get(i) - at.get(i - 1)).as("intervals %s", at).isGreaterThan(at.get(i - 1) - at.get(i - 2));
    }
    assertThat(at.get(at.size() - 1) - at.get(at.size() - 2)).isGreaterThan(400); // beyond T2
    assertThat(fin.status()).isEqualTo(504);
    assertThat(ended.poll(2, TimeUnit.SECONDS)).isEqualTo("p-noprack TIMEOUT");
  }

  @Test
  void inviteWithout100rel_handlerWantsTwoRounds_421RequireAndEndedError() throws Exception {
    caller.send(invite("p-no100rel", null));
    SipResponse r = (SipResponse) next();
    assertThat(r.status()).isEqualTo(421);
    assertThat(r.hasOptionTag("Require", "100rel")).isTrue();
    assertThat(ended.poll(2, TimeUnit.SECONDS)).isEqualTo("p-no100rel ERROR");
  }

  @Test
  void inviteRequiringAnUnknownExtension_420UnsupportedHandlerNotCalled() throws Exception {
    caller.send(invite("p-ext", "Require: 100rel, foo"));
    SipResponse r = (SipResponse) next();
    assertThat(r.status()).isEqualTo(420);
    assertThat(r.header("Unsupported")).contains("foo");
    assertThat(offers.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void prackMatchingNothing_481_thenTheRightOneWorks() throws Exception {
    String inv = invite("p-481", "Supported: 100rel");
    SipResponse p = reliable183(inv);
    caller.send(prack(inv, p, "bad1", (p.rseq().getAsLong() + 1) + " 1 INVITE", sdp("BAU=")));
    assertThat(nextFinalOr("PRACK").status()).isEqualTo(481);
    assertThat(pracks.poll(200, TimeUnit.MILLISECONDS)).isNull();
    caller.send(prack(inv, p, "good1", null, sdp("BAU=")));
    assertThat(nextFinalOr("PRACK").status()).isEqualTo(200);
    assertThat(nextFinalOr("INVITE").status()).isEqualTo(200);
  }

  @Test
  void prackWithoutOffer_200ThenInvite488AndEndedError() throws Exception {
    String inv = invite("p-nobody", "Supported: 100rel");
    SipResponse p = reliable183(inv);
    caller.send(prack(inv, p, "nb", null, null));
    assertThat(nextFinalOr("PRACK").status()).isEqualTo(200);
    SipResponse r = nextFinalOr("INVITE");
    assertThat(r.status()).isEqualTo(488);
    assertThat(r.header("Warning").orElseThrow()).contains("key-mgmt");
    assertThat(ended.poll(2, TimeUnit.SECONDS)).isEqualTo("p-nobody ERROR");
    assertThat(pracks).isEmpty();
  }

  @Test
  void prackWithMalformedSdp_400ThenInvite488() throws Exception {
    String inv = invite("p-badsdp", "Supported: 100rel");
    SipResponse p = reliable183(inv);
    caller.send(prack(inv, p, "bs", null, sdp("BAU=").replace("t=0 0", "t=zero")));
    SipResponse r = nextFinalOr("PRACK");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Warning").orElseThrow()).contains("t=");
    assertThat(nextFinalOr("INVITE").status()).isEqualTo(488);
    assertThat(ended.poll(2, TimeUnit.SECONDS)).isEqualTo("p-badsdp ERROR");
  }

  @Test
  void secondRoundRejected_prack200WithMikeyErrorAtPort0_invite403() throws Exception {
    String inv = invite("p-rej", "Supported: 100rel");
    SipResponse p = reliable183(inv);
    caller.send(prack(inv, p, "rj", null, sdp(java.util.Base64.getEncoder().encodeToString(new byte[] {6, 0x66}))));
    SipResponse r = nextFinalOr("PRACK");
    assertThat(r.status()).isEqualTo(200);
    SessionDescription a = SessionDescription.parse(r.body());
    assertThat(a.firstMedia("audio").orElseThrow().port()).isZero();
    assertThat(KeyMgmt.mikeyFor(a, a.firstMedia("audio").orElseThrow())).contains(Bytes.fromHex("0107"));
    SipResponse fin = nextFinalOr("INVITE");
    assertThat(fin.status()).isEqualTo(403);
    assertThat(fin.header("Warning").orElseThrow()).contains("Auth failure");
    assertThat(ended.poll(2, TimeUnit.SECONDS)).isEqualTo("p-rej ERROR");
  }

  @Test
  void cancelWhileAwaitingPrack_487AndEndedCancel() throws Exception {
    String inv = invite("p-cancel", "Supported: 100rel");
    reliable183(inv);
    String cancel = inv.substring(0, inv.indexOf("Contact:")).replaceFirst("^INVITE", "CANCEL").replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL")
        + "Content-Length: 0\r\n\r\n";
    caller.send(cancel);
    boolean cancelOk = false;
    boolean terminated = false;
    for (int i = 0; i < 20 && !(cancelOk && terminated); i++) {
      SipResponse r = (SipResponse) next();
      cancelOk |= r.cseq().method().equals("CANCEL") && r.status() == 200;
      terminated |= r.cseq().method().equals("INVITE") && r.status() == 487;
    }
    assertThat(cancelOk).isTrue();
    assertThat(terminated).isTrue();
    assertThat(ended.poll(2, TimeUnit.SECONDS)).isEqualTo("p-cancel CANCEL");
  }

  @Test
  void options_advertisesPrackAnd100rel() throws Exception {
    String opt = "OPTIONS " + front.udpUri() + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + caller.localPort() + ";branch=z9hG4bKopt\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:alice@ims.example.org>;tag=o\r\nTo: <sip:mailbox@ims.example.org>\r\nCall-ID: opt-1\r\n"
        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    caller.send(opt);
    SipResponse r = (SipResponse) next();
    assertThat(r.header("Allow").orElseThrow()).contains("PRACK");
    assertThat(r.hasOptionTag("Supported", "100rel")).isTrue();
    assertThat(ended).isEmpty();
    assertThat(r).isNotInstanceOf(SipRequest.class);
  }
}
