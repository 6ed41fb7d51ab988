package org.ddsec.protocol.kmsdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.MikeyException;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld.Envelope;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single-bit flip and every truncation of every message of seed Figures 17, 18 and 19 is
 * refused with a typed {@link MikeyException} by the party that receives it or, for what only
 * the recipient can check (an unprotected TRANSFER_INIT field without e2m), by the recipient at
 * retrieval. Each candidate runs a whole fresh flow (same seed, so every other message is the
 * same) with that one message replaced.
 *
 * <p>The inbox request (Fig. 18 step 2) is not in the set: it names B only, and its integrity
 * and B's authentication come from HTTPS with GBA digest in the networked system.
 */
class KmsDdTamperTest {

  private static final String ALICE = "sip:alice@ims.example";
  private static final String BOB = "sip:bob@ims.example";
  private static final long SEED = 7;

  /** The messages, named by hop: which delivery of the reference run to replace. */
  static Stream<Arguments> messages() {
    List<Arguments> out = new ArrayList<>();
    for (boolean e2m : new boolean[] {false, true}) {
      List<Envelope> ref = reference(e2m);
      for (int i = 0; i < ref.size(); i++) {
        Envelope e = ref.get(i);
        boolean firstSipHop = e.to().equals(KmsDdWorld.IMS) && !e.from().equals(KmsDdWorld.MAILBOX_ID);
        boolean mailboxSipHop = e.to().equals(KmsDdWorld.IMS);
        boolean inboxRequest = e.channel() == KmsDdWorld.Channel.INBOX && e.to().equals(KmsDdWorld.MAILBOX_ID);
        if (firstSipHop || mailboxSipHop || inboxRequest) {
          continue; // the same bytes are tested on the next hop (IMS core -> mailbox / caller)
        }
        out.add(Arguments.of(e2m, i, e.from() + " -> " + e.to() + " (" + e.channel() + ", " + e.body().length() + " bytes)"));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "e2m={0}, delivery {1}: {2}")
  @MethodSource("messages")
  void everyBitFlipAndTruncation_isRefusedWithTypedError(boolean e2m, int index, String hop) {
    byte[] original = reference(e2m).get(index).body().toByteArray();
    Tamper.Verifier flow = candidate -> {
      MikeyException refused = runWith(e2m, index, candidate);
      if (refused != null) {
        throw refused;
      }
    };
    int n = Tamper.assertEveryBitFlipRejected(original, MikeyException.class, flow);
    n += Tamper.assertEveryTruncationRejected(original, MikeyException.class, flow);
    assertThat(n).isEqualTo(original.length * 9);
    // The untouched message goes through: the refusals above come from the tampering.
    assertThat(runWith(e2m, index, original)).isNull();
  }

  private static List<Envelope> reference(boolean e2m) {
    KmsDdWorld w = world(e2m);
    w.deposit(ALICE, BOB).orElseThrow();
    assertThat(w.retrieveAll(BOB)).hasSize(1);
    assertThat(w.refusals()).isEmpty();
    return w.delivered();
  }

  private static KmsDdWorld world(boolean e2m) {
    return new KmsDdWorld(List.of(ALICE, BOB), e2m, SEED);
  }

  /** Runs the flow with delivery {@code index} replaced; returns the first refusal, or null if all went through. */
  private static MikeyException runWith(boolean e2m, int index, byte[] candidate) {
    KmsDdWorld w = world(e2m);
    AtomicInteger n = new AtomicInteger();
    w.setInterceptor(e -> List.of(n.getAndIncrement() == index ? new Envelope(e.from(), e.to(), e.channel(), Bytes.of(candidate)) : e));
    w.deposit(ALICE, BOB);
    if (w.refusals().isEmpty()) {
      w.retrieveAll(BOB);
    }
    return w.refusals().isEmpty() ? null : w.refusals().get(0).error();
  }
}
