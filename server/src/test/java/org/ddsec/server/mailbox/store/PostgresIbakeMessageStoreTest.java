package org.ddsec.server.mailbox.store;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.ddsec.server.store.Database;
import org.ddsec.testkit.PostgresCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The IBAKE-DD store contract on PostgreSQL ({@link PostgresCluster}, a fresh database per test).
 * Skipped when PostgreSQL is not installed, unless {@code -Dddsec.requireExternalTools=true}.
 */
class PostgresIbakeMessageStoreTest extends JdbcIbakeMessageStoreContract {

  private static PostgresCluster pg;
  private static final AtomicInteger DB = new AtomicInteger();
  private Database db;

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
    String name = "ibake_" + DB.incrementAndGet();
    pg.createDatabase(name);
    db = Database.open(new Database.Settings(pg.jdbcUrl(name), PostgresCluster.USER, "", 8), JdbcMailboxStore.SCHEMA, "test");
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  JdbcIbakeMessageStore jdbc() {
    return new JdbcIbakeMessageStore(db);
  }

  @Override
  JdbcMailboxStore kmsDd() {
    return new JdbcMailboxStore(db);
  }
}
