package org.ddsec.protocol.kmsdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.junit.jupiter.api.Test;

/**
 * The KMS keeps no per-pair and no per-message state (seed 003's purpose): its stores — key ring,
 * mailbox registry, NAF keys — are byte-for-byte unchanged after 1,000 deposits and 1,000
 * retrievals; the only thing it writes, the replay cache of its live hop, empties itself once
 * the clock-skew window has passed.
 */
class KmsDdStatelessnessTest {

  @Test
  void thousandDepositsAndRetrievals_leaveKmsStoresUnchanged() {
    List<String> users = List.of("sip:a@ims.example", "sip:b@ims.example", "sip:c@ims.example", "sip:d@ims.example");
    KmsDdWorld w = new KmsDdWorld(users, false, 21);
    Bytes ring = w.keyRing().fingerprint();
    Bytes registry = w.registry().fingerprint();
    Bytes naf = w.nafKeys().fingerprint();

    int deposits = 0;
    while (deposits < 1000) {
      for (String a : users) {
        for (String b : users) {
          if (!a.equals(b) && deposits < 1000) {
            w.deposit(a, b).orElseThrow();
            deposits++;
          }
        }
      }
      w.clock().advance(Duration.ofSeconds(1));
    }
    int retrieved = 0;
    for (String b : users) {
      retrieved += w.retrieveAll(b).size();
    }
    assertThat(retrieved).isEqualTo(1000);
    assertThat(w.refusals()).isEmpty();

    assertThat(w.keyRing().fingerprint()).isEqualTo(ring);
    assertThat(w.registry().fingerprint()).isEqualTo(registry);
    assertThat(w.nafKeys().fingerprint()).isEqualTo(naf);

    // The replay cache holds only what is inside the skew window, and is pruned afterwards.
    assertThat(w.kmsReplayCache().size()).isPositive();
    w.clock().advance(Duration.ofMinutes(10));
    w.deposit(users.get(0), users.get(1)).orElseThrow();
    assertThat(w.kmsReplayCache().size()).isEqualTo(1);
  }
}
