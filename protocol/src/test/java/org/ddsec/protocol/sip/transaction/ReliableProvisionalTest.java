package org.ddsec.protocol.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.sip.HeaderNames;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.MediaType;
import org.ddsec.protocol.sip.SipFixtures;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipRequests;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * RFC 3262 (reliable provisional responses, PRACK) in the transaction layer, on a clock moved by
 * hand: the UAS side's retransmission schedule (T1 doubling without the T2 cap), the 64·T1
 * timeout, PRACK matching (dialog, RSeq, CSeq number, method) and the 481/400 answers to PRACKs
 * that match nothing, the ordering rules (one unacknowledged at a time, RSeq + 1, no 2xx before the
 * PRACK of a provisional with SDP), and the UAC side's once-each, in-order delivery.
 */
class ReliableProvisionalTest {

  private static final Hop PEER = SipFixtures.UDP_PEER;
  private static final String UAS_TAG = "b2";

  private final MutableClock clock = new MutableClock();
  private final Instant start = clock.instant();
  private final TransactionLayer ua = new TransactionLayer(clock, TimerSettings.RFC3261, TransactionLayer.Role.USER_AGENT);
  private final TransactionLayer proxy = new TransactionLayer(clock, TimerSettings.RFC3261, TransactionLayer.Role.PROXY);

  private record Timed(long ms, Effect effect) {}

  private List<Timed> runUntil(TransactionLayer layer, Duration until) {
    List<Timed> out = new ArrayList<>();
    while (Duration.between(start, clock.instant()).compareTo(until) < 0) {
      clock.advance(Duration.ofMillis(100));
      long ms = Duration.between(start, clock.instant()).toMillis();
      for (Effect e : layer.tick()) {
        out.add(new Timed(ms, e));
      }
    }
    return out;
  }

  private static List<Long> transmitTimes(List<Timed> l) {
    return l.stream().filter(x -> x.effect instanceof Effect.Transmit).map(Timed::ms).toList();
  }

  private static <T extends Effect> List<T> of(List<Effect> l, Class<T> c) {
    return l.stream().filter(c::isInstance).map(c::cast).toList();
  }

  private static SipRequest invite(String branch, Transport t, String option) {
    SipRequest r = SipFixtures.request(SipRequest.INVITE, branch, 1, t);
    return option == null ? r : r.withHeader(option, "100rel");
  }

  /** An INVITE (Supported: 100rel) received by the UA; returns its server transaction. */
  private ServerTransaction received(SipRequest invite, Hop from) {
    List<Effect> e = ua.receive(invite, from);
    return of(e, Effect.RequestArrived.class).get(0).transaction();
  }

  private static SipResponse reliable183(SipRequest invite, long rseq, boolean sdp) {
    SipResponse r = SipRequests.reliable(SipResponse.to(invite, 183, null, UAS_TAG), rseq);
    return sdp ? r.withBody(MediaType.SDP, Bytes.utf8("v=0\r\n")) : r;
  }

  /** A PRACK in the early dialog of {@code invite}'s 183 (To tag b2) with {@code rack}. */
  private static SipRequest prack(SipRequest invite, String branch, String rack) {
    SipRequest p = SipFixtures.request(SipRequest.PRACK, branch, 2, Transport.UDP).withHeader(HeaderNames.TO, "<sip:bob@ims.example.org>;tag=" + UAS_TAG);
    return rack == null ? p : p.withHeader(HeaderNames.RACK, rack);
  }

  // ---------------------------------------------------------------- UAS: retransmission and PRACK

  @Test
  void respondReliably_noPrack_retransmitsAtT1DoublingWithoutCapThenTimesOutAt64T1() {
    SipRequest inv = invite("z9hG4bKr1", Transport.UDP, HeaderNames.SUPPORTED);
    ServerTransaction tx = received(inv, PEER);
    List<Effect> sent = ua.respondReliably(tx, reliable183(inv, 4711, true));
    assertThat(of(sent, Effect.Transmit.class)).singleElement().extracting(t -> ((SipResponse) t.message()).status()).isEqualTo(183);
    List<Timed> l = runUntil(ua, Duration.ofSeconds(40));
    // RFC 3262 §3: "an interval that starts at T1 seconds and doubles for each retransmission" — 8 s, 16 s: no T2 cap
    assertThat(transmitTimes(l)).containsExactly(500L, 1500L, 3500L, 7500L, 15500L, 31500L);
    assertThat(l.stream().filter(x -> x.effect instanceof Effect.PrackTimedOut).map(Timed::ms).toList()).containsExactly(32000L);
    assertThat(l.stream().map(Timed::effect).filter(Effect.Transmit.class::isInstance).map(t -> ((SipResponse) ((Effect.Transmit) t).message()).rseq()
        .getAsLong()).distinct().toList()).containsExactly(4711L);
    assertThat(tx.unacknowledgedReliable()).isPresent(); // the TU rejects the INVITE (5xx) on the timeout
  }

  @Test
  void respondReliably_overTls_retransmittedToo() {
    // RFC 3262 §3 retransmits in the UA core, whatever the transport (unlike the transaction layer's own timers)
    SipRequest inv = invite("z9hG4bKr2", Transport.TLS, HeaderNames.REQUIRE);
    ServerTransaction tx = received(inv, SipFixtures.TLS_PEER);
    ua.respondReliably(tx, reliable183(inv, 1, false));
    assertThat(transmitTimes(runUntil(ua, Duration.ofSeconds(4)))).containsExactly(500L, 1500L, 3500L);
  }

  @Test
  void prack_matching_stopsRetransmissionReachesTuOnceAndRetransmittedPrackIsAbsorbed() {
    SipRequest inv = invite("z9hG4bKr3", Transport.UDP, HeaderNames.SUPPORTED);
    ServerTransaction tx = received(inv, PEER);
    ua.respondReliably(tx, reliable183(inv, 100, true));
    List<Timed> before = runUntil(ua, Duration.ofMillis(1600));
    assertThat(transmitTimes(before)).containsExactly(500L, 1500L);
    SipRequest prack = prack(inv, "z9hG4bKp3", "100 1 INVITE");
    List<Effect> e = ua.receive(prack, PEER);
    Effect.PrackArrived p = of(e, Effect.PrackArrived.class).get(0);
    assertThat(p.invite()).isSameAs(tx);
    assertThat(p.prack().request().method()).isEqualTo("PRACK");
    assertThat(of(e, Effect.RequestArrived.class)).isEmpty();
    assertThat(tx.unacknowledgedReliable()).isEmpty();
    List<Effect> ok = ua.respond(p.prack(), SipResponse.to(prack, 200));
    assertThat(of(ok, Effect.Transmit.class)).hasSize(1);
    List<Effect> again = ua.receive(prack, PEER); // the UAC's Timer E retransmission: same branch
    assertThat(of(again, Effect.PrackArrived.class)).isEmpty();
    assertThat(of(again, Effect.Transmit.class)).singleElement().extracting(t -> ((SipResponse) t.message()).status()).isEqualTo(200);
    List<Timed> after = runUntil(ua, Duration.ofSeconds(40));
    assertThat(after.stream().filter(x -> x.effect instanceof Effect.Transmit t && ((SipResponse) t.message()).status() == 183)).isEmpty();
    assertThat(after).noneMatch(x -> x.effect instanceof Effect.PrackTimedOut);
    // the INVITE may now be accepted
    assertThat(of(ua.respond(tx, SipResponse.to(inv, 200, null, UAS_TAG)), Effect.Transmit.class)).hasSize(1);
  }

  @Test
  void prack_notMatching_answered481ByTheLayerAndRetransmissionGoesOn() {
    SipRequest inv = invite("z9hG4bKr4", Transport.UDP, HeaderNames.SUPPORTED);
    ServerTransaction tx = received(inv, PEER);
    ua.respondReliably(tx, reliable183(inv, 100, true));
    String[] wrong = {"101 1 INVITE", "99 1 INVITE", "100 2 INVITE", "100 1 invite", "100 1 BYE"};
    int i = 0;
    for (String rack : wrong) {
      List<Effect> e = ua.receive(prack(inv, "z9hG4bKw" + i++, rack), PEER);
      assertThat(of(e, Effect.PrackArrived.class)).as(rack).isEmpty();
      assertThat(of(e, Effect.RequestArrived.class)).as(rack).isEmpty();
      assertThat(of(e, Effect.Transmit.class)).as(rack).singleElement().extracting(t -> ((SipResponse) t.message()).status()).isEqualTo(481);
    }
    // another early dialog (To tag) and no To tag at all
    SipRequest otherTag = prack(inv, "z9hG4bKw8", "100 1 INVITE").withHeader(HeaderNames.TO, "<sip:bob@ims.example.org>;tag=zz");
    SipRequest noTag = prack(inv, "z9hG4bKw9", "100 1 INVITE").withHeader(HeaderNames.TO, "<sip:bob@ims.example.org>");
    for (SipRequest p : List.of(otherTag, noTag)) {
      assertThat(of(ua.receive(p, PEER), Effect.Transmit.class)).singleElement().extracting(t -> ((SipResponse) t.message()).status())
          .isEqualTo(481);
    }
    assertThat(tx.unacknowledgedReliable()).isPresent();
    assertThat(transmitTimes(runUntil(ua, Duration.ofSeconds(2)))).containsExactly(500L, 1500L);
  }

  @Test
  void prack_withoutRAck_answered400() {
    SipRequest inv = invite("z9hG4bKr5", Transport.UDP, HeaderNames.SUPPORTED);
    ua.respondReliably(received(inv, PEER), reliable183(inv, 7, false));
    List<Effect> e = ua.receive(prack(inv, "z9hG4bKp5", null), PEER);
    assertThat(of(e, Effect.Transmit.class)).singleElement().satisfies(t -> {
      SipResponse r = (SipResponse) t.message();
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.reason()).contains("RAck");
    });
    assertThat(of(e, Effect.PrackArrived.class)).isEmpty();
  }

  @Test
  void prack_forAnUnknownDialog_answered481() {
    List<Effect> e = ua.receive(prack(SipFixtures.invite("z9hG4bKx"), "z9hG4bKp6", "1 1 INVITE"), PEER);
    assertThat(of(e, Effect.Transmit.class)).singleElement().extracting(t -> ((SipResponse) t.message()).status()).isEqualTo(481);
  }

  @Test
  void prack_afterFinalError_stillMatchedButNoRetransmissionAfterTheFinal() {
    SipRequest inv = invite("z9hG4bKr7", Transport.UDP, HeaderNames.SUPPORTED);
    ServerTransaction tx = received(inv, PEER);
    ua.respondReliably(tx, reliable183(inv, 50, true));
    clock.advance(Duration.ofMillis(200));
    ua.respond(tx, SipResponse.to(inv, 403, null, UAS_TAG));
    List<Timed> l = runUntil(ua, Duration.ofSeconds(3));
    // only the 403 is retransmitted now (Timer G), never the 183 (RFC 3262 §3: "SHOULD NOT continue")
    assertThat(l.stream().filter(x -> x.effect instanceof Effect.Transmit t && t.message() instanceof SipResponse r && r.status() == 183)).isEmpty();
    // "it MUST be prepared to process PRACK requests for those outstanding responses"
    assertThat(of(ua.receive(prack(inv, "z9hG4bKp7", "50 1 INVITE"), PEER), Effect.PrackArrived.class)).hasSize(1);
  }

  // ---------------------------------------------------------------- UAS: ordering rules

  @Test
  void respondReliably_secondBeforePrack_refusedAndAfterPrackNeedsNextRSeq() {
    SipRequest inv = invite("z9hG4bKo1", Transport.UDP, HeaderNames.SUPPORTED);
    ServerTransaction tx = received(inv, PEER);
    ua.respondReliably(tx, reliable183(inv, 10, false));
    assertThrows(IllegalStateException.class, () -> ua.respondReliably(tx, reliable183(inv, 11, false)));
    ua.receive(prack(inv, "z9hG4bKpo1", "10 1 INVITE"), PEER);
    assertThrows(IllegalArgumentException.class, () -> ua.respondReliably(tx, reliable183(inv, 12, false)));
    assertThrows(IllegalArgumentException.class, () -> ua.respondReliably(tx, reliable183(inv, 10, false)));
    assertThat(of(ua.respondReliably(tx, reliable183(inv, 11, false)), Effect.Transmit.class)).hasSize(1);
    assertThat(tx.lastRSeq()).isEqualTo(11);
  }

  @Test
  void respond2xx_beforePrackOfProvisionalWithSdp_refused_withoutSdp_allowedAndStopsRetransmission() {
    SipRequest a = invite("z9hG4bKo2", Transport.UDP, HeaderNames.SUPPORTED);
    ServerTransaction ta = received(a, PEER);
    ua.respondReliably(ta, reliable183(a, 1, true));
    assertThrows(IllegalStateException.class, () -> ua.respond(ta, SipResponse.to(a, 200, null, UAS_TAG))); // RFC 3262 §5

    SipRequest b = SipFixtures.request(SipRequest.INVITE, "z9hG4bKo3", 1, Transport.UDP).withHeader(HeaderNames.CALL_ID, "call-2@192.0.2.10")
        .withHeader(HeaderNames.SUPPORTED, "timer, 100rel");
    ServerTransaction tb = received(b, PEER);
    ua.respondReliably(tb, reliable183(b, 1, false));
    ua.respond(tb, SipResponse.to(b, 200, null, UAS_TAG));
    List<Timed> l = runUntil(ua, Duration.ofSeconds(2));
    assertThat(l.stream().filter(x -> x.effect instanceof Effect.Transmit t && ((SipResponse) t.message()).status() == 183 && t.message().callId()
        .startsWith("call-2"))).isEmpty();
  }

  @Test
  void respondReliably_inviteWithout100rel_refused() {
    SipRequest inv = invite("z9hG4bKo4", Transport.UDP, null);
    ServerTransaction tx = received(inv, PEER);
    assertThrows(IllegalStateException.class, () -> ua.respondReliably(tx, reliable183(inv, 1, false)));
    assertThat(tx.unacknowledgedReliable()).isEmpty();
  }

  @Test
  void respond_unreliableProvisionalToInviteRequiring100rel_refused() {
    SipRequest inv = invite("z9hG4bKo5", Transport.UDP, HeaderNames.REQUIRE);
    ServerTransaction tx = received(inv, PEER);
    assertThrows(IllegalStateException.class, () -> ua.respond(tx, SipResponse.to(inv, 180, null, UAS_TAG)));
  }

  @Test
  void respondReliably_badResponses_refused() {
    SipRequest inv = invite("z9hG4bKo6", Transport.UDP, HeaderNames.SUPPORTED);
    ServerTransaction tx = received(inv, PEER);
    SipResponse noRSeq = SipResponse.to(inv, 183, null, UAS_TAG).withHeader(HeaderNames.REQUIRE, "100rel");
    SipResponse noRequire = SipResponse.to(inv, 183, null, UAS_TAG).withHeader(HeaderNames.RSEQ, "1");
    SipResponse noTag = SipRequests.reliable(SipResponse.to(inv, 183), 1);
    SipResponse final200 = SipRequests.reliable(SipResponse.to(inv, 200, null, UAS_TAG), 1);
    SipResponse rseqTooBig = reliable183(inv, 0x8000_0000L, false);
    for (SipResponse r : List.of(noRSeq, noRequire, noTag, final200, rseqTooBig)) {
      assertThrows(IllegalArgumentException.class, () -> ua.respondReliably(tx, r), r.toString());
    }
    assertThat(tx.unacknowledgedReliable()).isEmpty();
  }

  @Test
  void proxy_forwardsProvisionalsOfAnInviteRequiring100relAsTheyCome() {
    SipRequest inv = invite("z9hG4bKx0", Transport.UDP, HeaderNames.REQUIRE);
    ServerTransaction tx = of(proxy.receive(inv, PEER), Effect.RequestArrived.class).get(0).transaction();
    // the UAS made it reliable; the proxy passes it on (and each retransmission) without 100rel rules of its own
    assertThat(of(proxy.respond(tx, reliable183(inv, 3, true)), Effect.Transmit.class)).hasSize(1);
    assertThat(of(proxy.respond(tx, reliable183(inv, 3, true)), Effect.Transmit.class)).hasSize(1);
  }

  @Test
  void proxy_neverSendsReliablyAndForwardsPrack() {
    SipRequest inv = invite("z9hG4bKx1", Transport.UDP, HeaderNames.SUPPORTED);
    ServerTransaction tx = of(proxy.receive(inv, PEER), Effect.RequestArrived.class).get(0).transaction();
    assertThrows(IllegalStateException.class, () -> proxy.respondReliably(tx, reliable183(inv, 1, false)));
    List<Effect> e = proxy.receive(prack(inv, "z9hG4bKx2", "1 1 INVITE"), PEER);
    assertThat(of(e, Effect.RequestArrived.class)).singleElement().extracting(r -> r.transaction().request().method()).isEqualTo("PRACK");
  }

  // ---------------------------------------------------------------- UAC

  @Test
  void uac_reliableProvisionals_deliveredOnceEachInRSeqOrder() {
    SipRequest inv = invite("z9hG4bKc1", Transport.UDP, HeaderNames.SUPPORTED);
    ua.send(inv, PEER);
    SipResponse first = reliable183(inv, 500, true);
    List<Effect> e1 = ua.receive(first, PEER);
    assertThat(of(e1, Effect.ResponseArrived.class)).singleElement().extracting(Effect.ResponseArrived::retransmission).isEqualTo(false);
    // a retransmission (same RSeq) is marked as such: the TU must not PRACK it again (RFC 3262 §4)
    assertThat(of(ua.receive(first, PEER), Effect.ResponseArrived.class)).singleElement().extracting(Effect.ResponseArrived::retransmission)
        .isEqualTo(true);
    // out of order: RSeq not one higher is not processed at all
    assertThat(ua.receive(reliable183(inv, 502, false), PEER)).isEmpty();
    assertThat(of(ua.receive(reliable183(inv, 501, false), PEER), Effect.ResponseArrived.class)).singleElement()
        .extracting(Effect.ResponseArrived::retransmission).isEqualTo(false);
    // another early dialog (forking) has its own sequence
    SipResponse forked = SipRequests.reliable(SipResponse.to(inv, 183, null, "c3"), 9);
    assertThat(of(ua.receive(forked, PEER), Effect.ResponseArrived.class)).singleElement().extracting(Effect.ResponseArrived::retransmission)
        .isEqualTo(false);
    // unreliable provisionals pass as before
    assertThat(of(ua.receive(SipResponse.to(inv, 180, null, UAS_TAG), PEER), Effect.ResponseArrived.class)).hasSize(1);
  }

  @Test
  void uac_reliableProvisionalWithoutRSeq_notProcessedAndInviteStillRetransmitted() {
    SipRequest inv = invite("z9hG4bKc2", Transport.UDP, HeaderNames.SUPPORTED);
    ua.send(inv, PEER);
    SipResponse broken = SipResponse.to(inv, 183, null, UAS_TAG).withHeader(HeaderNames.REQUIRE, "100rel");
    assertThat(ua.receive(broken, PEER)).isEmpty();
    assertThat(transmitTimes(runUntil(ua, Duration.ofMillis(600)))).containsExactly(500L); // still Calling: Timer A runs
  }

  @Test
  void proxyClient_passesEveryProvisionalOnUnfiltered() {
    SipRequest inv = invite("z9hG4bKc3", Transport.UDP, HeaderNames.SUPPORTED);
    proxy.send(inv, PEER);
    SipResponse r = reliable183(inv, 1, true);
    assertThat(of(proxy.receive(r, PEER), Effect.ResponseArrived.class)).singleElement().extracting(Effect.ResponseArrived::retransmission)
        .isEqualTo(false);
    // the proxy forwards the UAS's retransmissions end to end (RFC 3262 §3: the UAC discards them)
    assertThat(of(proxy.receive(r, PEER), Effect.ResponseArrived.class)).singleElement().extracting(Effect.ResponseArrived::retransmission)
        .isEqualTo(false);
  }
}
