package org.ddsec.protocol.kmsdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld.Envelope;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A replayed message on each live hop is refused: the TRANSFER_INIT at the mailbox and the
 * RESOLVE_INITs at the KMS by their replay caches (ERR Invalid TS); the responses (RESOLVE_RESP
 * at the mailbox and at B, TRANSFER_RESP at A) because no exchange is waiting for them any more.
 * The first copy is served normally: the flow completes.
 */
class KmsDdReplayTest {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";

  @ParameterizedTest(name = "delivery {0} ({1}) replayed, e2m={3}")
  @CsvSource({
      "1, TRANSFER_INIT at mailbox, sip:vm.ims.example, false, REPLAY",
      "2, RESOLVE_INIT (deposit) at KMS, sip:kms.ims.example, false, REPLAY",
      "3, RESOLVE_RESP at mailbox, sip:vm.ims.example, false, REFUSED",
      "5, TRANSFER_RESP at caller, sip:alice@ims.example, false, REFUSED",
      "8, RESOLVE_INIT (retrieval) at KMS, sip:kms.ims.example, false, REPLAY",
      "9, RESOLVE_RESP at recipient, sip:bob@ims.example, false, REFUSED",
      "1, TRANSFER_INIT at mailbox, sip:vm.ims.example, true, REPLAY",
      "2, RESOLVE_INIT (deposit) at KMS, sip:kms.ims.example, true, REPLAY",
      "5, TRANSFER_RESP at caller, sip:alice@ims.example, true, REFUSED",
      "8, RESOLVE_INIT (retrieval) at KMS, sip:kms.ims.example, true, REPLAY",
  })
  void replayedMessage_isRefusedByItsReceiver_flowStillCompletes(int index, String what, String receiver, boolean e2m, Reason reason) {
    KmsDdWorld w = new KmsDdWorld(List.of(ALICE, BOB), e2m, 3);
    AtomicInteger n = new AtomicInteger();
    // Deliver the original, then the same bytes again right after it: an attacker's replay. A copy
    // sent to the KMS comes on the attacker's own HTTPS connection, so the KMS answers the attacker.
    w.setInterceptor(e -> n.getAndIncrement() != index ? List.of(e)
        : List.of(e, e.to().equals(KmsDdWorld.KMS_ID) ? new Envelope("attacker", e.to(), e.channel(), e.body()) : e));
    var a = w.deposit(ALICE, BOB);
    var b = w.retrieveAll(BOB);
    assertThat(a).as("deposit").isPresent();
    assertThat(b).as("retrieval").hasSize(1);
    assertThat(b.get(0).k().constantTimeEquals(a.get().k())).isTrue();
    List<Refusal> r = w.refusals();
    assertThat(r).as("refusals").isNotEmpty();
    assertThat(r.get(0).party()).isEqualTo(receiver);
    assertThat(r.get(0).error().reason()).isEqualTo(reason);
    if (reason == Reason.REPLAY) {
      assertThat(r.get(0).error().errorCode()).isEqualTo(ErrorCode.INVALID_TS);
    }
  }
}
