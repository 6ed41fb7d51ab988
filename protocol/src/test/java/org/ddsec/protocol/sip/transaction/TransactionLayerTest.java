package org.ddsec.protocol.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipFixtures;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * RFC 3261 §17 transaction behaviour (Figures 5–8, Table 4) and RFC 6026 "Accepted", driven by a
 * clock moved by hand: retransmission schedules, timeouts, absorption of duplicates, ACK and
 * CANCEL handling.
 */
class TransactionLayerTest {

  private final MutableClock clock = new MutableClock();
  private final Instant start = clock.instant();
  private final TransactionLayer ua = new TransactionLayer(clock, TimerSettings.RFC3261, TransactionLayer.Role.USER_AGENT);
  private final TransactionLayer proxy = new TransactionLayer(clock, TimerSettings.RFC3261, TransactionLayer.Role.PROXY);

  /** Advances the clock in 100 ms steps up to {@code until} and records when each effect happened (ms). */
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

  private record Timed(long ms, Effect effect) {}

  private static List<Long> transmitTimes(List<Timed> l) {
    return l.stream().filter(x -> x.effect instanceof Effect.Transmit).map(Timed::ms).toList();
  }

  private static <T extends Effect> List<T> of(List<Effect> l, Class<T> c) {
    return l.stream().filter(c::isInstance).map(c::cast).toList();
  }

  private static <T extends Effect> List<Long> timesOf(List<Timed> l, Class<T> c) {
    return l.stream().filter(x -> c.isInstance(x.effect)).map(Timed::ms).toList();
  }

  private static SipResponse response(SipRequest r, int status) {
    return SipResponse.to(r, status, null, "b2");
  }

  // ---------------------------------------------------------------- client INVITE

  @Test
  void inviteClient_udpNoResponse_timerARetransmitsDoublingThenTimerBTimesOut() {
    TransactionLayer.Started s = ua.send(SipFixtures.invite("z9hG4bKa"), SipFixtures.UDP_PEER);
    assertThat(of(s.effects(), Effect.Transmit.class)).hasSize(1);
    List<Timed> l = runUntil(ua, Duration.ofSeconds(40));
    // A: T1, 2T1, 4T1 … after the previous; B = 64·T1 = 32 s
    assertThat(transmitTimes(l)).containsExactly(500L, 1500L, 3500L, 7500L, 15500L, 31500L);
    assertThat(timesOf(l, Effect.ClientTimedOut.class)).containsExactly(32000L);
    assertThat(s.transaction().state()).isEqualTo(TransactionState.TERMINATED);
    assertThat(ua.size()).isZero();
  }

  @Test
  void inviteClient_tlsNoResponse_noRetransmissionTimeoutAt64T1() {
    ua.send(SipFixtures.request(SipRequest.INVITE, "z9hG4bKt", 1, Transport.TLS), SipFixtures.TLS_PEER);
    List<Timed> l = runUntil(ua, Duration.ofSeconds(40));
    assertThat(transmitTimes(l)).isEmpty();
    assertThat(timesOf(l, Effect.ClientTimedOut.class)).containsExactly(32000L);
  }

  @Test
  void inviteClient_provisional_stopsRetransmissionAndTimerB() {
    SipRequest inv = SipFixtures.invite("z9hG4bKp");
    TransactionLayer.Started s = ua.send(inv, SipFixtures.UDP_PEER);
    clock.advance(Duration.ofMillis(200));
    List<Effect> e = ua.receive(response(inv, 180), SipFixtures.UDP_PEER);
    assertThat(of(e, Effect.ResponseArrived.class)).singleElement().extracting(r -> r.response().status()).isEqualTo(180);
    assertThat(s.transaction().state()).isEqualTo(TransactionState.PROCEEDING);
    List<Timed> l = runUntil(ua, Duration.ofSeconds(70));
    assertThat(l).isEmpty();
    assertThat(ua.size()).isEqualTo(1);
  }

  @Test
  void inviteClient_errorResponse_ackSentAndRetransmittedFinalReAckedNotDelivered() {
    SipRequest inv = SipFixtures.invite("z9hG4bKe");
    ua.send(inv, SipFixtures.UDP_PEER);
    SipResponse busy = response(inv, 486);
    List<Effect> e = ua.receive(busy, SipFixtures.UDP_PEER);
    SipRequest ack = (SipRequest) of(e, Effect.Transmit.class).get(0).message();
    // RFC 3261 §17.1.1.3: same branch, CSeq number, the response's To tag
    assertThat(ack.method()).isEqualTo("ACK");
    assertThat(ack.topVia().branch()).contains("z9hG4bKe");
    assertThat(ack.cseq().number()).isEqualTo(1);
    assertThat(ack.to().tag()).contains("b2");
    assertThat(ack.requestUri()).isEqualTo(inv.requestUri());
    assertThat(of(e, Effect.ResponseArrived.class)).hasSize(1);
    List<Effect> again = ua.receive(busy, SipFixtures.UDP_PEER);
    assertThat(of(again, Effect.Transmit.class)).singleElement().extracting(Effect.Transmit::message).isEqualTo(ack);
    assertThat(of(again, Effect.ResponseArrived.class)).isEmpty();
    List<Timed> l = runUntil(ua, Duration.ofSeconds(33));
    assertThat(timesOf(l, Effect.Ended.class)).containsExactly(32000L); // Timer D = 32 s
    assertThat(transmitTimes(l)).isEmpty(); // no INVITE retransmission after the final response
  }

  @Test
  void inviteClient_tlsErrorResponse_terminatesAtOnce() {
    SipRequest inv = SipFixtures.request(SipRequest.INVITE, "z9hG4bKte", 1, Transport.TLS);
    ua.send(inv, SipFixtures.TLS_PEER);
    List<Effect> e = ua.receive(response(inv, 404), SipFixtures.TLS_PEER);
    assertThat(of(e, Effect.Ended.class)).hasSize(1); // Timer D = 0 on reliable transports
    assertThat(ua.size()).isZero();
  }

  @Test
  void inviteClient_2xx_acceptedStateDeliversRetransmitted2xxUntilTimerM() {
    SipRequest inv = SipFixtures.invite("z9hG4bK2");
    TransactionLayer.Started s = ua.send(inv, SipFixtures.UDP_PEER);
    SipResponse ok = response(inv, 200);
    List<Effect> e = ua.receive(ok, SipFixtures.UDP_PEER);
    assertThat(of(e, Effect.ResponseArrived.class)).singleElement().extracting(Effect.ResponseArrived::retransmission).isEqualTo(false);
    assertThat(of(e, Effect.Transmit.class)).isEmpty(); // the TU sends the ACK for a 2xx (RFC 3261 §13.2.2.4)
    assertThat(s.transaction().state()).isEqualTo(TransactionState.ACCEPTED);
    List<Effect> again = ua.receive(ok, SipFixtures.UDP_PEER);
    assertThat(of(again, Effect.ResponseArrived.class)).singleElement().extracting(Effect.ResponseArrived::retransmission).isEqualTo(true);
    List<Timed> l = runUntil(ua, Duration.ofSeconds(33));
    assertThat(timesOf(l, Effect.Ended.class)).containsExactly(32000L); // Timer M = 64·T1 (RFC 6026)
    assertThat(transmitTimes(l)).isEmpty();
  }

  // ---------------------------------------------------------------- client non-INVITE

  @Test
  void nonInviteClient_udpNoResponse_timerEDoublesUpToT2ThenTimerF() {
    ua.send(SipFixtures.request(SipRequest.REGISTER, "z9hG4bKr", 1, Transport.UDP), SipFixtures.UDP_PEER);
    List<Timed> l = runUntil(ua, Duration.ofSeconds(40));
    assertThat(transmitTimes(l)).containsExactly(500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
    assertThat(timesOf(l, Effect.ClientTimedOut.class)).containsExactly(32000L);
  }

  @Test
  void nonInviteClient_provisional_retransmitsEveryT2() {
    SipRequest reg = SipFixtures.request(SipRequest.REGISTER, "z9hG4bKr1", 1, Transport.UDP);
    ua.send(reg, SipFixtures.UDP_PEER);
    clock.advance(Duration.ofMillis(100));
    ua.receive(response(reg, 100), SipFixtures.UDP_PEER);
    List<Timed> l = runUntil(ua, Duration.ofSeconds(13));
    // the pending E (due at 500 ms) still fires; from then on every T2 (RFC 3261 §17.1.2.2)
    assertThat(transmitTimes(l)).containsExactly(500L, 4500L, 8500L, 12500L);
  }

  @Test
  void nonInviteClient_final_completedAbsorbsRetransmissionsUntilTimerK() {
    SipRequest reg = SipFixtures.request(SipRequest.REGISTER, "z9hG4bKr2", 1, Transport.UDP);
    ua.send(reg, SipFixtures.UDP_PEER);
    SipResponse ok = response(reg, 200);
    assertThat(of(ua.receive(ok, SipFixtures.UDP_PEER), Effect.ResponseArrived.class)).hasSize(1);
    assertThat(ua.receive(ok, SipFixtures.UDP_PEER)).isEmpty();
    List<Timed> l = runUntil(ua, Duration.ofSeconds(6));
    assertThat(timesOf(l, Effect.Ended.class)).containsExactly(5000L); // K = T4
    assertThat(transmitTimes(l)).isEmpty();
  }

  @Test
  void clientTransaction_transportFailure_timesOut() {
    TransactionLayer.Started s = ua.send(SipFixtures.request(SipRequest.OPTIONS, "z9hG4bKo", 1, Transport.TLS), SipFixtures.TLS_PEER);
    List<Effect> e = ua.transportFailed(s.transaction());
    assertThat(of(e, Effect.ClientTimedOut.class)).hasSize(1);
    assertThat(ua.size()).isZero();
  }

  @Test
  void send_sameBranchTwice_refused() {
    ua.send(SipFixtures.invite("z9hG4bKdup"), SipFixtures.UDP_PEER);
    assertThrows(IllegalStateException.class, () -> ua.send(SipFixtures.invite("z9hG4bKdup"), SipFixtures.UDP_PEER));
  }

  @Test
  void send_branchWithoutMagicCookie_refused() {
    assertThrows(IllegalArgumentException.class, () -> ua.send(SipFixtures.invite("abc"), SipFixtures.UDP_PEER));
  }

  @Test
  void receive_responseForNoTransaction_stray() {
    List<Effect> e = ua.receive(response(SipFixtures.invite("z9hG4bKnone"), 200), SipFixtures.UDP_PEER);
    assertThat(e).singleElement().isInstanceOf(Effect.StrayResponse.class);
  }

  // ---------------------------------------------------------------- server INVITE

  @Test
  void inviteServer_new_100TryingAtOnceAndRetransmissionsAbsorbed() {
    SipRequest inv = SipFixtures.invite("z9hG4bKs");
    List<Effect> e = ua.receive(inv, SipFixtures.UDP_PEER);
    assertThat(of(e, Effect.Transmit.class)).singleElement().extracting(x -> ((SipResponse) x.message()).status()).isEqualTo(100);
    assertThat(of(e, Effect.RequestArrived.class)).hasSize(1);
    List<Effect> again = ua.receive(inv, SipFixtures.UDP_PEER);
    assertThat(of(again, Effect.RequestArrived.class)).isEmpty(); // a duplicate reaches no TU
    assertThat(of(again, Effect.Transmit.class)).singleElement().extracting(x -> ((SipResponse) x.message()).status()).isEqualTo(100);
  }

  @Test
  void inviteServer_errorResponse_timerGRetransmitsUntilAckThenTimerI() {
    SipRequest inv = SipFixtures.invite("z9hG4bKg");
    ServerTransaction tx = of(ua.receive(inv, SipFixtures.UDP_PEER), Effect.RequestArrived.class).get(0).transaction();
    ua.respond(tx, response(inv, 486));
    List<Timed> l = runUntil(ua, Duration.ofMillis(4000));
    assertThat(transmitTimes(l)).containsExactly(500L, 1500L, 3500L);
    SipRequest ack = SipRequests_ackFor(inv, tx.lastResponse().orElseThrow());
    assertThat(ua.receive(ack, SipFixtures.UDP_PEER)).isEmpty(); // absorbed by the transaction
    assertThat(tx.state()).isEqualTo(TransactionState.CONFIRMED);
    List<Timed> after = runUntil(ua, Duration.ofMillis(9100));
    assertThat(transmitTimes(after)).isEmpty();
    assertThat(timesOf(after, Effect.Ended.class)).containsExactly(9000L); // I = T4 after the ACK at 4 s
  }

  private static SipRequest SipRequests_ackFor(SipRequest inv, SipResponse r) {
    return org.ddsec.protocol.sip.SipRequests.ackForNon2xx(inv, r);
  }

  @Test
  void inviteServer_errorResponseNoAck_timerHReportsAckTimeout() {
    SipRequest inv = SipFixtures.invite("z9hG4bKh");
    ServerTransaction tx = of(ua.receive(inv, SipFixtures.UDP_PEER), Effect.RequestArrived.class).get(0).transaction();
    ua.respond(tx, response(inv, 480));
    List<Timed> l = runUntil(ua, Duration.ofSeconds(33));
    // G: 0.5, 1.5, 3.5, 7.5, then every T2
    assertThat(transmitTimes(l)).containsExactly(500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
    assertThat(timesOf(l, Effect.AckTimedOut.class)).containsExactly(32000L);
  }

  @Test
  void inviteServer_retransmittedInviteInCompleted_finalResent() {
    SipRequest inv = SipFixtures.invite("z9hG4bKc");
    ServerTransaction tx = of(ua.receive(inv, SipFixtures.UDP_PEER), Effect.RequestArrived.class).get(0).transaction();
    ua.respond(tx, response(inv, 404));
    List<Effect> e = ua.receive(inv, SipFixtures.UDP_PEER);
    assertThat(of(e, Effect.Transmit.class)).singleElement().extracting(x -> ((SipResponse) x.message()).status()).isEqualTo(404);
  }

  @Test
  void inviteServerUa_2xx_retransmittedUntilAckAckDeliveredOnce() {
    SipRequest inv = SipFixtures.invite("z9hG4bKok");
    ServerTransaction tx = of(ua.receive(inv, SipFixtures.UDP_PEER), Effect.RequestArrived.class).get(0).transaction();
    SipResponse ok = response(inv, 200);
    ua.respond(tx, ok);
    List<Timed> l = runUntil(ua, Duration.ofMillis(8000));
    // RFC 3261 §13.3.1.4: T1, doubling up to T2
    assertThat(transmitTimes(l)).containsExactly(500L, 1500L, 3500L, 7500L);
    SipRequest ack = SipFixtures.ackFor2xx(inv, ok, "z9hG4bKack");
    List<Effect> e = ua.receive(ack, SipFixtures.UDP_PEER);
    assertThat(of(e, Effect.AckArrived.class)).singleElement().extracting(Effect.AckArrived::invite).isSameAs(tx);
    assertThat(ua.receive(ack, SipFixtures.UDP_PEER)).isEmpty(); // duplicate ACK absorbed
    assertThat(ua.receive(inv, SipFixtures.UDP_PEER)).isEmpty(); // INVITE retransmission absorbed (RFC 6026 §7.1)
    List<Timed> after = runUntil(ua, Duration.ofSeconds(33));
    assertThat(transmitTimes(after)).isEmpty();
    assertThat(timesOf(after, Effect.AckTimedOut.class)).isEmpty();
    assertThat(timesOf(after, Effect.Ended.class)).containsExactly(32000L); // L = 64·T1
  }

  @Test
  void inviteServerUa_2xxNoAck_ackTimeoutAtTimerL() {
    SipRequest inv = SipFixtures.request(SipRequest.INVITE, "z9hG4bKnoack", 1, Transport.TLS);
    ServerTransaction tx = of(ua.receive(inv, SipFixtures.TLS_PEER), Effect.RequestArrived.class).get(0).transaction();
    ua.respond(tx, response(inv, 200));
    List<Timed> l = runUntil(ua, Duration.ofSeconds(33));
    // the UAS core retransmits the 2xx even over a reliable transport (RFC 3261 §13.3.1.4)
    assertThat(transmitTimes(l)).startsWith(500L, 1500L, 3500L, 7500L, 11500L);
    assertThat(timesOf(l, Effect.AckTimedOut.class)).containsExactly(32000L);
  }

  @Test
  void inviteServerProxy_2xx_notRetransmittedAndEveryAckForwarded() {
    SipRequest inv = SipFixtures.invite("z9hG4bKpx");
    ServerTransaction tx = of(proxy.receive(inv, SipFixtures.UDP_PEER), Effect.RequestArrived.class).get(0).transaction();
    SipResponse ok = response(inv, 200);
    proxy.respond(tx, ok);
    assertThat(transmitTimes(runUntil(proxy, Duration.ofSeconds(5)))).isEmpty();
    SipRequest ack = SipFixtures.ackFor2xx(inv, ok, "z9hG4bKpxack");
    assertThat(of(proxy.receive(ack, SipFixtures.UDP_PEER), Effect.AckArrived.class)).hasSize(1);
    assertThat(of(proxy.receive(ack, SipFixtures.UDP_PEER), Effect.AckArrived.class)).hasSize(1);
    // a further 2xx (a retransmission from downstream) may still be forwarded in Accepted
    assertThat(of(proxy.respond(tx, ok), Effect.Transmit.class)).hasSize(1);
  }

  @Test
  void receive_ackMatchingNothing_deliveredWithoutTransaction() {
    SipRequest inv = SipFixtures.invite("z9hG4bKx");
    SipRequest ack = SipFixtures.ackFor2xx(inv, response(inv, 200), "z9hG4bKxack");
    assertThat(of(proxy.receive(ack, SipFixtures.UDP_PEER), Effect.AckArrived.class)).singleElement()
        .extracting(Effect.AckArrived::invite).isNull();
  }

  @Test
  void respond_afterFinal_refused() {
    SipRequest inv = SipFixtures.invite("z9hG4bKtwice");
    ServerTransaction tx = of(ua.receive(inv, SipFixtures.UDP_PEER), Effect.RequestArrived.class).get(0).transaction();
    ua.respond(tx, response(inv, 486));
    assertThrows(IllegalStateException.class, () -> ua.respond(tx, response(inv, 200)));
  }

  // ---------------------------------------------------------------- server non-INVITE

  @Test
  void nonInviteServer_retransmissions_absorbedInTryingResentAfterFinalTimerJEnds() {
    SipRequest reg = SipFixtures.request(SipRequest.REGISTER, "z9hG4bKsr", 3, Transport.UDP);
    List<Effect> e = ua.receive(reg, SipFixtures.UDP_PEER);
    ServerTransaction tx = of(e, Effect.RequestArrived.class).get(0).transaction();
    assertThat(of(e, Effect.Transmit.class)).isEmpty(); // no automatic 100 for non-INVITE
    assertThat(ua.receive(reg, SipFixtures.UDP_PEER)).isEmpty();
    ua.respond(tx, response(reg, 200));
    assertThat(of(ua.receive(reg, SipFixtures.UDP_PEER), Effect.Transmit.class)).singleElement()
        .extracting(x -> ((SipResponse) x.message()).status()).isEqualTo(200);
    List<Timed> l = runUntil(ua, Duration.ofSeconds(33));
    assertThat(timesOf(l, Effect.Ended.class)).containsExactly(32000L); // J = 64·T1 on UDP
  }

  @Test
  void nonInviteServer_tlsFinal_endsAtOnce() {
    SipRequest reg = SipFixtures.request(SipRequest.REGISTER, "z9hG4bKst", 3, Transport.TLS);
    ServerTransaction tx = of(ua.receive(reg, SipFixtures.TLS_PEER), Effect.RequestArrived.class).get(0).transaction();
    assertThat(of(ua.respond(tx, response(reg, 200)), Effect.Ended.class)).hasSize(1);
  }

  // ---------------------------------------------------------------- CANCEL

  @Test
  void cancel_pendingInvite_200ToCancelAndTuTold() {
    SipRequest inv = SipFixtures.invite("z9hG4bKcx");
    ServerTransaction tx = of(ua.receive(inv, SipFixtures.UDP_PEER), Effect.RequestArrived.class).get(0).transaction();
    SipRequest cancel = org.ddsec.protocol.sip.SipRequests.cancel(inv);
    List<Effect> e = ua.receive(cancel, SipFixtures.UDP_PEER);
    SipResponse r = (SipResponse) of(e, Effect.Transmit.class).get(0).message();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.cseq().method()).isEqualTo("CANCEL");
    assertThat(of(e, Effect.CancelArrived.class)).singleElement().extracting(Effect.CancelArrived::invite).isSameAs(tx);
    // the retransmitted CANCEL gets the same 200 again, without a second notification
    List<Effect> again = ua.receive(cancel, SipFixtures.UDP_PEER);
    assertThat(of(again, Effect.CancelArrived.class)).isEmpty();
    assertThat(of(again, Effect.Transmit.class)).hasSize(1);
  }

  @Test
  void cancel_answeredInvite_200WithoutEffect() {
    SipRequest inv = SipFixtures.invite("z9hG4bKca");
    ServerTransaction tx = of(ua.receive(inv, SipFixtures.UDP_PEER), Effect.RequestArrived.class).get(0).transaction();
    ua.respond(tx, response(inv, 200));
    List<Effect> e = ua.receive(org.ddsec.protocol.sip.SipRequests.cancel(inv), SipFixtures.UDP_PEER);
    assertThat(of(e, Effect.CancelArrived.class)).isEmpty();
    assertThat(((SipResponse) of(e, Effect.Transmit.class).get(0).message()).status()).isEqualTo(200);
  }

  @Test
  void cancel_unknownInvite_481() {
    List<Effect> e = ua.receive(org.ddsec.protocol.sip.SipRequests.cancel(SipFixtures.invite("z9hG4bKnone")), SipFixtures.UDP_PEER);
    assertThat(((SipResponse) of(e, Effect.Transmit.class).get(0).message()).status()).isEqualTo(481);
  }

  // ---------------------------------------------------------------- limits

  @Test
  void receive_overTransactionLimit_503Stateless() {
    TransactionLayer small = new TransactionLayer(clock, TimerSettings.RFC3261, TransactionLayer.Role.USER_AGENT, 1);
    small.receive(SipFixtures.invite("z9hG4bK1"), SipFixtures.UDP_PEER);
    List<Effect> e = small.receive(SipFixtures.invite("z9hG4bK2"), new Hop(Transport.UDP, "192.0.2.11", 5060));
    assertThat(of(e, Effect.RequestArrived.class)).isEmpty();
    assertThat(((SipResponse) of(e, Effect.Transmit.class).get(0).message()).status()).isEqualTo(503);
    assertThat(small.size()).isEqualTo(1);
  }

  @Test
  void nextDeadline_followsTheEarliestTimer() {
    assertThat(ua.nextDeadline()).isEmpty();
    ua.send(SipFixtures.invite("z9hG4bKnd"), SipFixtures.UDP_PEER);
    assertThat(ua.nextDeadline()).contains(start.plusMillis(500));
  }
}
