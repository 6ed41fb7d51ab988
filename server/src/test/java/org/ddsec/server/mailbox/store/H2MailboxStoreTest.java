package org.ddsec.server.mailbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ddsec.server.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mailbox store contract on an embedded H2 file database, and re-opening it. */
class H2MailboxStoreTest extends JdbcMailboxStoreContract {

  @TempDir Path dir;
  private Database db;
  private JdbcMailboxStore store;

  @BeforeEach
  void open() {
    db = Database.open(Database.Settings.h2File(dir, "mailbox"), JdbcMailboxStore.SCHEMA, "test");
    store = new JdbcMailboxStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Override
  JdbcMailboxStore jdbc() {
    return store;
  }

  @Test
  void reopen_fileDatabase_keepsDeposits() {
    store.store(record(1, ALICE, BOB));
    db.close();
    db = Database.open(Database.Settings.h2File(dir, "mailbox"), JdbcMailboxStore.SCHEMA, "test");
    store = new JdbcMailboxStore(db);
    assertThat(store.forRecipient(BOB)).hasSize(1);
  }
}
