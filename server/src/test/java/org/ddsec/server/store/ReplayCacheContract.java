package org.ddsec.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.store.ReplayCache;
import org.junit.jupiter.api.Test;

/** What every {@link ReplayCache} must do (in-memory, H2, PostgreSQL); two views may share one backing store. */
abstract class ReplayCacheContract {

  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  abstract ReplayCache cache();

  /** A second handle on the same backing store (another replica), or the same object. */
  abstract ReplayCache replica();

  static Bytes id(int n) {
    return Bytes.utf8("T|RAND|MAC-" + n);
  }

  @Test
  void firstSeen_newThenSame_trueThenFalse() {
    assertThat(cache().firstSeen(id(1), T0.plusSeconds(120), T0)).isTrue();
    assertThat(cache().firstSeen(id(1), T0.plusSeconds(120), T0.plusSeconds(1))).isFalse();
    assertThat(cache().firstSeen(id(2), T0.plusSeconds(120), T0.plusSeconds(1))).isTrue();
  }

  @Test
  void firstSeen_onAnotherReplica_isAReplay() {
    assertThat(cache().firstSeen(id(1), T0.plusSeconds(120), T0)).isTrue();
    assertThat(replica().firstSeen(id(1), T0.plusSeconds(120), T0.plusSeconds(2))).isFalse();
    assertThat(replica().firstSeen(id(3), T0.plusSeconds(120), T0.plusSeconds(2))).isTrue();
    assertThat(cache().firstSeen(id(3), T0.plusSeconds(120), T0.plusSeconds(3))).isFalse();
  }

  @Test
  void firstSeen_afterExpiry_freshAgain() {
    assertThat(cache().firstSeen(id(1), T0.plusSeconds(10), T0)).isTrue();
    assertThat(cache().firstSeen(id(1), T0.plusSeconds(100), T0.plusSeconds(11))).isTrue();
    assertThat(cache().firstSeen(id(1), T0.plusSeconds(100), T0.plusSeconds(12))).isFalse();
  }

  @Test
  void firstSeen_concurrentCallsWithOneId_exactlyOneTrue() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 20; round++) {
        Bytes id = id(100 + round);
        List<Future<Boolean>> f = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          ReplayCache c = t % 2 == 0 ? cache() : replica();
          f.add(pool.submit((Callable<Boolean>) () -> c.firstSeen(id, T0.plusSeconds(120), T0)));
        }
        int fresh = 0;
        for (Future<Boolean> x : f) {
          fresh += x.get() ? 1 : 0;
        }
        assertThat(fresh).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
