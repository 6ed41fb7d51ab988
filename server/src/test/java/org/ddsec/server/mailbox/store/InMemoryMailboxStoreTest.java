package org.ddsec.server.mailbox.store;

import org.ddsec.protocol.kmsdd.mailbox.InMemoryMailboxStore;
import org.ddsec.protocol.kmsdd.mailbox.MailboxStore;
import org.junit.jupiter.api.BeforeEach;

/** The contract on protocol's in-memory store: the reference the JDBC store must match. */
class InMemoryMailboxStoreTest extends MailboxStoreContract {

  private MailboxStore store;

  @BeforeEach
  void open() {
    store = new InMemoryMailboxStore();
  }

  @Override
  MailboxStore store() {
    return store;
  }
}
