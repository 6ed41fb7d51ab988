package org.ddsec.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ddsec.protocol.store.ReplayCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay-cache contract on H2: two pools (two "replicas") on one file database. */
class H2ReplayCacheTest extends ReplayCacheContract {

  @TempDir Path dir;
  private Database a;
  private Database b;

  @BeforeEach
  void open() {
    a = Database.open(Database.Settings.h2File(dir, "replay"), JdbcReplayCache.SCHEMA, "a");
    b = Database.open(Database.Settings.h2File(dir, "replay"), JdbcReplayCache.SCHEMA, "b");
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
  }

  @Override
  ReplayCache cache() {
    return new JdbcReplayCache(a);
  }

  @Override
  ReplayCache replica() {
    return new JdbcReplayCache(b);
  }

  @Test
  void purgeExpired_dropsOnlyExpiredEntries() {
    JdbcReplayCache c = new JdbcReplayCache(a);
    c.firstSeen(id(1), T0.plusSeconds(10), T0);
    c.firstSeen(id(2), T0.plusSeconds(100), T0);
    assertThat(c.purgeExpired(T0.plusSeconds(50))).isEqualTo(1);
    assertThat(c.size()).isEqualTo(1);
    assertThat(c.firstSeen(id(2), T0.plusSeconds(100), T0.plusSeconds(51))).isFalse();
  }

  @Test
  void firstSeen_manyCalls_purgesAsItGoes() {
    JdbcReplayCache c = new JdbcReplayCache(a);
    for (int i = 0; i < JdbcReplayCache.PURGE_EVERY * 2; i++) {
      assertThat(c.firstSeen(id(i), T0.plusSeconds(1), T0.plusMillis(i * 10L))).isTrue();
    }
    assertThat(c.size()).isLessThan(JdbcReplayCache.PURGE_EVERY * 2);
  }
}
