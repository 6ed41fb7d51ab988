package org.ddsec.protocol.gba;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.testkit.MutableClock;

/**
 * Coverage-guided fuzzing of the BSF's Authorization handling with Jazzer (JAZZER_FUZZ=1 in this
 * module's surefire configuration: a bounded 20 s run in the default build; without it, the
 * seeds in {@code BsfAuthorizationFuzzTestInputs/} replay as a regression test).
 *
 * <p>Whatever the header, the BSF answers 400, 401 (a challenge for the known IMPI), 403, 429
 * or 503 — never 200, never an exception — and no bootstrapping session appears.
 */
class BsfAuthorizationFuzzTest {

  private static final InMemoryBootstrappingStore SESSIONS = new InMemoryBootstrappingStore();
  private static final InMemorySubscriberStore SUBSCRIBERS = new InMemorySubscriberStore(SESSIONS);
  private static final Bsf BSF;

  static {
    SUBSCRIBERS.add(GbaFixtures.alice());
    BSF = new Bsf(Bsf.Settings.defaults("bsf.ims.example.org").withRealm("ims.example.org").withAuthorisedNafs(Set.of("kms")),
        SUBSCRIBERS, SESSIONS, new MutableClock(), GbaFixtures.seeded(7));
  }

  @FuzzTest(maxDuration = "20s")
  void handleUb_anyAuthorization_refusedOrChallengedNeverBootstrapped(String header) {
    Bsf.UbResponse r = BSF.handleUb(new Bsf.UbRequest("GET", "/", header, Bytes.EMPTY));
    assertThat(r.status()).isIn(400, 401, 403, 429, 503);
    assertThat(r.reason()).isNotBlank();
    assertThat(SESSIONS.count()).isZero();
    BSF.housekeeping();
  }
}
