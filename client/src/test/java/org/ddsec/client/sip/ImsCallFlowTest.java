package org.ddsec.client.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ddsec.protocol.sip.HeaderField;
import org.ddsec.protocol.sip.NameAddress;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.sdp.KeyMgmt;
import org.ddsec.protocol.sip.sdp.MediaDescription;
import org.ddsec.protocol.sip.sdp.SessionDescription;
import org.ddsec.server.mailbox.DepositAnswer;
import org.ddsec.server.mailbox.DepositOffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whole calls over real sockets: UEs (TLS and UDP) register with the IMS core and call each
 * other; calls for an unregistered or silent user land at the mailbox front with History-Info
 * (RFC 7044), RFC 4458 cause and an asserted caller (RFC 3325); ACK and BYE follow the
 * Record-Route through the core.
 */
class ImsCallFlowTest {

  private SipTestBed bed;

  @AfterEach
  void tearDown() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void invite_registeredCallee_routedThroughCoreAndInDialogRequestsFollowRecordRoute() throws Exception {
    bed = new SipTestBed(Duration.ofSeconds(10), false);
    try (SipUserAgent alice = bed.tlsUa("alice"); SipUserAgent bob = bed.udpUa("bob")) {
      alice.register(Duration.ofHours(1));
      SipUserAgent.Registration reg = bob.register(Duration.ofHours(1));
      assertThat(reg.expires()).isEqualTo(Duration.ofHours(1));
      CompletableFuture<SipUserAgent.IncomingCall> got = new CompletableFuture<>();
      CountDownLatch byeSeen = new CountDownLatch(1);
      bob.onIncomingCall(new SipUserAgent.IncomingCallHandler() {
        @Override
        public SipUserAgent.Answer onIncomingCall(SipUserAgent.IncomingCall call) {
          got.complete(call);
          return new SipUserAgent.Answer.Accept(SipTestBed.offer(42000));
        }

        @Override
        public void onEnded(String callId) {
          byeSeen.countDown();
        }
      });
      SipUserAgent.CallResult r = alice.invite("sip:bob@" + SipTestBed.DOMAIN, SipTestBed.offer(40000), Duration.ofSeconds(5),
          List.of(new HeaderField("P-Asserted-Identity", "<sip:boss@ims.example.org>")));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.answer().orElseThrow().media().get(0).port()).isEqualTo(42000);
      SipUserAgent.IncomingCall in = got.get(5, TimeUnit.SECONDS);
      SipRequest inv = in.invite();
      // RFC 3325: the forged PAI is gone, the caller's registered AOR asserted
      assertThat(in.assertedIdentity()).contains("sip:alice@ims.example.org");
      assertThat(inv.assertedIdentities()).hasSize(1);
      // RFC 5658 double Record-Route: TLS side (towards alice) and UDP side (towards bob)
      assertThat(inv.recordRoutes()).extracting(n -> ((SipUri) n.uri()).transport().orElse("")).containsExactly("udp", "tls");
      assertThat(inv.requestUri()).isEqualTo(bob.contact());
      // RFC 7044: the original target and the contact it was retargeted to (rc)
      assertThat(inv.historyInfo()).extracting(NameAddress::toString)
          .containsExactly("<sip:bob@ims.example.org>;index=1", "<" + bob.contact() + ">;index=1.1;rc=1");
      SipUserAgent.Call call = r.call().orElseThrow();
      assertThat(call.dialog().routeSet()).hasSize(2);
      assertThat(call.bye()).isEqualTo(200);
      assertThat(byeSeen.await(5, TimeUnit.SECONDS)).isTrue();
      // ACK and BYE went through the core both ways (loose routing on the Record-Route set)
      assertThat(bed.ladder("ims-core", call.callId())).contains("RECEIVED ACK", "SENT ACK", "RECEIVED BYE", "SENT BYE", "RECEIVED 200 OK");
      assertThat(bed.ladder("bob", call.callId())).containsSubsequence("RECEIVED INVITE", "SENT 200 OK", "RECEIVED ACK", "RECEIVED BYE", "SENT 200 OK");
    }
  }

  @Test
  void invite_unregisteredCallee_forwardedToMailboxWithHistoryInfoCause480AndAssertedCaller() throws Exception {
    bed = new SipTestBed(Duration.ofSeconds(10), true);
    try (SipUserAgent alice = bed.tlsUa("alice")) {
      alice.register(Duration.ofHours(1));
      SipUserAgent.CallResult r = alice.invite("sip:carol@" + SipTestBed.DOMAIN, SipTestBed.offer(40002), Duration.ofSeconds(5));
      assertThat(r.status()).isEqualTo(200);
      DepositOffer o = bed.handler.offers.poll(5, TimeUnit.SECONDS);
      assertThat(o).isNotNull();
      assertThat(o.callee()).isEqualTo("sip:carol@ims.example.org");
      assertThat(o.caller()).isEqualTo("sip:alice@ims.example.org");
      assertThat(o.mikey()).isEqualTo(SipTestBed.MIKEY_INIT);
      assertThat(o.remoteRtp().getPort()).isEqualTo(40002);
      assertThat(o.remoteRtp().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(o.payloadType()).isZero();
      assertThat(o.callId()).isEqualTo(r.response().callId());
      // the answer carries the TRANSFER_RESP and the handler's RTP port
      SessionDescription answer = r.answer().orElseThrow();
      MediaDescription m = answer.media().get(0);
      assertThat(m.port()).isEqualTo(41000);
      assertThat(m.proto()).isEqualTo("RTP/SAVP");
      assertThat(KeyMgmt.mikeyFor(answer, m)).contains(SipTestBed.MIKEY_RESP);
      // what the mailbox received: RFC 4458 target/cause, RFC 7044 entries
      SipRequest atMailbox = (SipRequest) bed.events.stream()
          .filter(e -> e.stack().equals("mailbox") && e.direction() == org.ddsec.server.sip.SipTraceEvent.Direction.RECEIVED
              && e.method().orElse("").equals("INVITE"))
          .findFirst().orElseThrow().message();
      SipUri ruri = (SipUri) atMailbox.requestUri();
      assertThat(ruri.param("cause")).contains("480");
      assertThat(ruri.param("target")).contains("sip:carol@ims.example.org");
      assertThat(atMailbox.historyInfo()).hasSize(2);
      assertThat(atMailbox.historyInfo().get(0).toString()).isEqualTo("<sip:carol@ims.example.org?Reason=SIP%3Bcause%3D480>;index=1");
      assertThat(atMailbox.historyInfo().get(1).params().get("mp")).contains("1");
      assertThat(atMailbox.historyInfo().get(1).params().get("index")).contains("1.1");
      assertThat(r.call().orElseThrow().bye()).isEqualTo(200);
      assertThat(bed.handler.ended.poll(5, TimeUnit.SECONDS)).isEqualTo(o.callId() + " BYE");
    }
  }

  @Test
  void invite_calleeDoesNotAnswer_cancelledAndForwardedToMailboxWithCause408() throws Exception {
    bed = new SipTestBed(Duration.ofMillis(800), false);
    try (SipUserAgent alice = bed.udpUa("alice"); SipUserAgent bob = bed.tlsUa("bob")) {
      alice.register(Duration.ofHours(1));
      bob.register(Duration.ofHours(1));
      CountDownLatch cancelled = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      bob.onIncomingCall(new SipUserAgent.IncomingCallHandler() {
        @Override
        public SipUserAgent.Answer onIncomingCall(SipUserAgent.IncomingCall call) {
          try {
            release.await(10, TimeUnit.SECONDS); // bob never picks up in time
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new SipUserAgent.Answer.Reject(486, "Busy Here");
        }

        @Override
        public void onEnded(String callId) {
          cancelled.countDown();
        }
      });
      SipUserAgent.CallResult r = alice.invite("sip:bob@" + SipTestBed.DOMAIN, SipTestBed.offer(40004), Duration.ofSeconds(5));
      release.countDown();
      assertThat(r.status()).isEqualTo(200);
      assertThat(cancelled.await(5, TimeUnit.SECONDS)).as("bob's branch was CANCELled").isTrue();
      DepositOffer o = bed.handler.offers.poll(5, TimeUnit.SECONDS);
      assertThat(o.callee()).isEqualTo("sip:bob@ims.example.org");
      assertThat(o.caller()).isEqualTo("sip:alice@ims.example.org");
      SipRequest atMailbox = (SipRequest) bed.events.stream()
          .filter(e -> e.stack().equals("mailbox") && e.method().orElse("").equals("INVITE")).findFirst().orElseThrow().message();
      assertThat(((SipUri) atMailbox.requestUri()).param("cause")).contains("408");
      assertThat(atMailbox.historyInfo()).extracting(h -> h.params().get("index").orElse("")).containsExactly("1", "1.1", "1.2");
      assertThat(((SipUri) atMailbox.historyInfo().get(1).uri()).headers().get("Reason")).contains("SIP;cause=408");
      assertThat(atMailbox.historyInfo().get(1).params().get("rc")).contains("1");
      assertThat(atMailbox.historyInfo().get(2).params().get("mp")).contains("1");
      r.call().orElseThrow().bye();
    }
  }

  @Test
  void invite_unregisteredCallerWithForgedIdentity_mailboxRefuses403WithoutAssertion() throws Exception {
    bed = new SipTestBed(Duration.ofSeconds(10), false);
    try (SipUserAgent mallory = bed.udpUa("mallory")) {
      SipUserAgent.CallResult r = mallory.invite("sip:carol@" + SipTestBed.DOMAIN, SipTestBed.offer(40006), Duration.ofSeconds(5),
          List.of(new HeaderField("P-Asserted-Identity", "<sip:alice@ims.example.org>")));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.response().header("Warning").orElseThrow()).contains("P-Asserted-Identity");
      assertThat(bed.handler.offers).isEmpty();
    }
  }

  @Test
  void invite_mailboxRejects_statusWarningAndMikeyErrorReachCaller() throws Exception {
    bed = new SipTestBed(Duration.ofSeconds(10), false);
    bed.handler.answer = o -> new DepositAnswer.Reject(488, "key management refused", org.ddsec.core.Bytes.fromHex("0101"));
    try (SipUserAgent alice = bed.udpUa("alice")) {
      alice.register(Duration.ofHours(1));
      SipUserAgent.CallResult r = alice.invite("sip:carol@" + SipTestBed.DOMAIN, SipTestBed.offer(40008), Duration.ofSeconds(5));
      assertThat(r.status()).isEqualTo(488);
      assertThat(r.response().header("Warning").orElseThrow()).isEqualTo("399 127.0.0.1 \"key management refused\"");
      SessionDescription err = r.answer().orElseThrow();
      assertThat(KeyMgmt.mikeyFor(err, err.media().get(0))).contains(org.ddsec.core.Bytes.fromHex("0101"));
      assertThat(err.media().get(0).port()).isZero();
      assertThat(bed.handler.ended).isEmpty(); // no onCallEnded for a rejected offer
    }
  }

  @Test
  void invite_callerCancelsWhileHandlerWorks_487AndDepositEndedWithCancel() throws Exception {
    bed = new SipTestBed(Duration.ofSeconds(10), false);
    CountDownLatch slow = new CountDownLatch(1);
    bed.handler.answer = o -> {
      try {
        slow.await(10, TimeUnit.SECONDS); // the KMS round trip takes long
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new DepositAnswer.Accept(SipTestBed.MIKEY_RESP, new java.net.InetSocketAddress("127.0.0.1", 41002), 0);
    };
    try (SipUserAgent alice = bed.udpUa("alice")) {
      alice.register(Duration.ofHours(1));
      SipUserAgent.CallResult r = alice.invite("sip:carol@" + SipTestBed.DOMAIN, SipTestBed.offer(40010), Duration.ofMillis(700));
      slow.countDown();
      assertThat(r.status()).isEqualTo(487);
      assertThat(bed.handler.ended.poll(5, TimeUnit.SECONDS)).isEqualTo(r.response().callId() + " CANCEL");
    }
  }

  @Test
  void register_refreshAndUnregister_bindingFollows() throws Exception {
    bed = new SipTestBed(Duration.ofSeconds(10), false);
    try (SipUserAgent bob = bed.udpUa("bob")) {
      assertThat(bob.register(Duration.ofSeconds(600)).expires()).isEqualTo(Duration.ofSeconds(600));
      assertThat(bob.register(Duration.ofSeconds(900)).bindings()).containsExactly(bob.contact().toString());
      assertThat(bed.core.registrar().lookup("sip:bob@ims.example.org")).isPresent();
      bob.unregister();
      assertThat(bed.core.registrar().lookup("sip:bob@ims.example.org")).isEmpty();
      // 5 s is below the registrar's minimum: 423 with Min-Expires 60, the retry is granted 60 s
      assertThat(bob.register(Duration.ofSeconds(5)).expires()).isEqualTo(Duration.ofSeconds(60));
      assertThat(bed.ladder("bob", bed.events.stream().filter(e -> e.stack().equals("bob")).reduce((a, b) -> b).orElseThrow().callId()))
          .contains("RECEIVED 423 Interval Too Brief");
    }
  }
}
