package org.ddsec.server.store;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ddsec.protocol.gba.BootstrappingStore;
import org.ddsec.protocol.gba.SubscriberStore;
import org.ddsec.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same store contract on PostgreSQL: a throw-away cluster ({@link PostgresCluster}), one
 * fresh database per test so Flyway migrates each from scratch. Skipped when PostgreSQL is not
 * installed, unless {@code -Dddsec.requireExternalTools=true}.
 */
class PostgresStoreTest extends StoreContract {

  private static PostgresCluster pg;
  private static final AtomicInteger DB = new AtomicInteger();
  private JdbcStores stores;

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
    String db = "gba_" + DB.incrementAndGet();
    pg.createDatabase(db);
    stores = JdbcStores.open(pg.jdbcUrl(db), PostgresCluster.USER, "");
  }

  @AfterEach
  void close() {
    stores.close();
  }

  @Override
  SubscriberStore subscribers() {
    return stores.subscribers();
  }

  @Override
  BootstrappingStore sessions() {
    return stores.sessions();
  }
}
