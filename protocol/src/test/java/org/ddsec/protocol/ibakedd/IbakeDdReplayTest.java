package org.ddsec.protocol.ibakedd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.protocol.flow.Envelope;
import org.ddsec.protocol.flow.Refusal;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A replayed message on each live hop is refused and changes nothing: I_MESSAGE_1 at the mailbox
 * and at B, and REQUEST_KEY_PSK at the KMS, by their replay caches (Invalid TS); I_MESSAGE_2 and
 * every response because no exchange is waiting for them any more. The genuine copy is served
 * normally: the flow completes with the same keys at both ends.
 *
 * <p>Deliveries are counted from the start of the scenario: 0 A → IMS (I_MESSAGE_1), 1 IMS →
 * responder, 2 responder → IMS (R_MESSAGE_1), 3 IMS → A, 4 A → IMS (I_MESSAGE_2), 5 IMS →
 * responder, 6 responder → IMS (R_MESSAGE_2), 7 IMS → A; for provisioning 0 UE → KMS, 1 KMS → UE;
 * for the retrieval 0 B → mailbox, 1 mailbox → B.
 */
class IbakeDdReplayTest {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";
  static final IbakeDdWorld BASE = new IbakeDdWorld(List.of(ALICE, BOB), IbakeMode.DDSEC_SIGNED, 3);

  @ParameterizedTest(name = "{0} {1} delivery {2} ({3}) replayed")
  @CsvSource({
      "DDSEC_SIGNED, deposit, 1, I_MESSAGE_1 at mailbox, sip:vm.ims.example, REPLAY",
      "DDSEC_SIGNED, deposit, 3, R_MESSAGE_1 at A, sip:alice@ims.example, REFUSED",
      "DDSEC_SIGNED, deposit, 5, I_MESSAGE_2 at mailbox, sip:vm.ims.example, REFUSED",
      "DDSEC_SIGNED, deposit, 7, R_MESSAGE_2 at A, sip:alice@ims.example, REFUSED",
      "DDSEC_SIGNED, call, 1, I_MESSAGE_1 at B, sip:bob@ims.example, REPLAY",
      "DDSEC_SIGNED, call, 3, R_MESSAGE_1 at A, sip:alice@ims.example, REFUSED",
      "DDSEC_SIGNED, call, 5, I_MESSAGE_2 at B, sip:bob@ims.example, REFUSED",
      "DDSEC_SIGNED, call, 7, R_MESSAGE_2 at A, sip:alice@ims.example, REFUSED",
      "STRICT_RFC_6267, deposit, 1, I_MESSAGE_1 at mailbox, sip:vm.ims.example, REPLAY",
      "STRICT_RFC_6267, deposit, 5, I_MESSAGE_2 at mailbox, sip:vm.ims.example, REFUSED",
      "STRICT_RFC_6267, call, 1, I_MESSAGE_1 at B, sip:bob@ims.example, REPLAY",
      "DDSEC_SIGNED, provision, 0, REQUEST_KEY_PSK at KMS, sip:ibake-kms.ims.example, REPLAY",
      "DDSEC_SIGNED, provision, 1, REQUEST_KEY_RESP at A, sip:alice@ims.example, REFUSED",
      "DDSEC_SIGNED, retrieve, 1, inbox response at B, sip:bob@ims.example, REFUSED",
  })
  void replayedMessage_isRefusedByItsReceiver_flowStillCompletes(IbakeMode mode, String scenario, int index, String what, String receiver,
      Reason reason) {
    IbakeDdWorld w = BASE.fork(mode, 4);
    if (scenario.equals("retrieve")) {
      w.deposit(ALICE, BOB).orElseThrow();
    }
    AtomicInteger n = new AtomicInteger();
    // The original, then the same bytes again: an attacker's replay. A copy for the KMS comes on the
    // attacker's own HTTPS connection, so the KMS answers the attacker.
    w.setInterceptor(e -> n.getAndIncrement() != index ? List.of(e)
        : List.of(e, e.to().equals(IbakeDdWorld.KMS_ID) ? new Envelope("attacker", e.to(), e.channel(), e.body()) : e));
    switch (scenario) {
      case "deposit" -> {
        IbakeCall a = w.deposit(ALICE, BOB).orElseThrow(() -> new AssertionError("deposit: " + w.refusals()));
        w.setInterceptor(List::of);
        List<DeferredMessage> b = w.retrieveAll(BOB);
        assertThat(b).hasSize(1);
        assertThat(b.get(0).sk().constantTimeEquals(a.mediaKey())).isTrue();
        assertThat(w.mailboxStore().all()).hasSize(1);
      }
      case "call" -> {
        IbakeCall a = w.call(ALICE, BOB).orElseThrow(() -> new AssertionError("call: " + w.refusals()));
        assertThat(w.user(BOB).sessions()).hasSize(1);
        assertThat(w.user(BOB).sessions().get(0).tgk().constantTimeEquals(a.mediaKey())).isTrue();
      }
      case "provision" -> assertThat(w.provision(ALICE, List.of(KeyPeriod.containing(w.clock().instant()).next()))).isFalse();
      default -> assertThat(w.retrieveAll(BOB)).hasSize(1);
    }
    List<Refusal> r = w.refusals();
    assertThat(r).as("refusals").hasSize(1);
    assertThat(r.get(0).party()).isEqualTo(receiver);
    assertThat(r.get(0).error().reason()).as(r.get(0).error().getMessage()).isEqualTo(reason);
    if (reason == Reason.REPLAY) {
      assertThat(r.get(0).error().errorCode()).isEqualTo(ErrorCode.INVALID_TS);
    }
    if (scenario.equals("provision")) {
      // The refusal was the attacker's copy; Alice's own request got its keys.
      assertThat(w.user(ALICE).keys().periods()).contains(KeyPeriod.containing(w.clock().instant()).next());
    }
  }
}
