package org.ddsec.server.mailbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ddsec.server.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IBAKE-DD store contract on an embedded H2 file database (the mailbox schema's V2), and re-opening it. */
class H2IbakeMessageStoreTest extends JdbcIbakeMessageStoreContract {

  @TempDir Path dir;
  private Database db;

  @BeforeEach
  void open() {
    db = Database.open(Database.Settings.h2File(dir, "mailbox"), JdbcMailboxStore.SCHEMA, "test");
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

  @Test
  void reopen_fileDatabase_keepsMessages() {
    jdbc().store(message(1, ALICE, BOB), T0);
    db.close();
    db = Database.open(Database.Settings.h2File(dir, "mailbox"), JdbcMailboxStore.SCHEMA, "test");
    assertThat(jdbc().forRecipient(BOB)).hasSize(1);
  }
}
