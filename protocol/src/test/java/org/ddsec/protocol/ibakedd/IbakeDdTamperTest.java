package org.ddsec.protocol.ibakedd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.mikey.MikeyException;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.Test;

/**
 * ddsec's signed profile protects every byte of every message: every single-bit flip and every
 * truncation of each message of the deferred flow (key provisioning, Fig. 27 steps 1–11) and of
 * the live flow is refused with a typed {@link MikeyException} by the role that receives it.
 *
 * <p>Budget: a whole flow per candidate would cost about 150 ms (IBE operations), so each
 * candidate is handed to the receiving role object directly, in the state the genuine message
 * finds it in (refusals change no state), and then the genuine message is delivered and the flow
 * goes on. In the signed profile the receiver checks the ECCSI signature (or the V MAC) before any
 * decryption, so a candidate costs one signature verification.
 */
class IbakeDdTamperTest {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";

  @Test
  void signedProfile_everyBitFlipAndTruncationOfEveryMessage_isRefusedByItsReceiver() {
    IbakeDdWorld w = new IbakeDdWorld(List.of(ALICE, BOB), IbakeMode.DDSEC_SIGNED, 21);
    List<String> tested = new ArrayList<>();
    w.setInterceptor(e -> {
      Optional<Tamper.Verifier> v = Receivers.of(w, e);
      if (v.isPresent()) {
        byte[] original = e.body().toByteArray();
        int n = Tamper.assertEveryBitFlipRejected(original, MikeyException.class, v.get());
        n += Tamper.assertEveryTruncationRejected(original, MikeyException.class, v.get());
        assertThat(n).isEqualTo(original.length * 9);
        tested.add(Receivers.name(e));
      }
      return List.of(e);
    });
    assertThat(w.provision(ALICE, List.of(KeyPeriod.containing(w.clock().instant()).next()))).isTrue();
    IbakeCall a = w.deposit(ALICE, BOB).orElseThrow();
    List<DeferredMessage> got = w.retrieveAll(BOB);
    w.call(ALICE, BOB).orElseThrow();
    // The genuine messages went through after their tampered copies: the flows completed.
    assertThat(w.refusals()).isEmpty();
    assertThat(got).hasSize(1);
    assertThat(got.get(0).sk().constantTimeEquals(a.mediaKey())).isTrue();
    String mbox = IbakeDdWorld.MAILBOX_ID;
    assertThat(tested).containsExactly("REQUEST_KEY_PSK at " + IbakeDdWorld.KMS_ID, "REQUEST_KEY_RESP at " + ALICE,
        "I_MESSAGE_1 at " + mbox, "R_MESSAGE_1 at " + ALICE, "I_MESSAGE_2 at " + mbox, "R_MESSAGE_2 at " + ALICE, "inbox response at " + BOB,
        "I_MESSAGE_1 at " + BOB, "R_MESSAGE_1 at " + ALICE, "I_MESSAGE_2 at " + BOB, "R_MESSAGE_2 at " + ALICE);
  }
}
