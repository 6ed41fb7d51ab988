package org.ddsec.server.store;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ddsec.protocol.store.ReplayCache;
import org.ddsec.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The replay-cache contract on PostgreSQL, two pools ("replicas") per database. Skips without PostgreSQL. */
class PostgresReplayCacheTest extends ReplayCacheContract {

  private static PostgresCluster pg;
  private static final AtomicInteger DB = new AtomicInteger();
  private Database a;
  private Database b;

  @BeforeAll
  static void startCluster() {
    pg = PostgresCluster.startOrSkip();
  }

  @AfterAll
  static void stopCluster() {
    if (pg != null) {
      pg.close();
    }
  }

  @BeforeEach
  void open() throws IOException {
    String name = "replay_" + DB.incrementAndGet();
    pg.createDatabase(name);
    a = Database.open(new Database.Settings(pg.jdbcUrl(name), PostgresCluster.USER, "", 4), JdbcReplayCache.SCHEMA, "a");
    b = Database.open(new Database.Settings(pg.jdbcUrl(name), PostgresCluster.USER, "", 4), JdbcReplayCache.SCHEMA, "b");
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
}
