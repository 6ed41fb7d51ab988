package org.ddsec.server.mailbox.store;

import org.ddsec.protocol.ibakedd.mailbox.InMemoryMessageStore;
import org.ddsec.protocol.ibakedd.mailbox.MessageStore;
import org.junit.jupiter.api.BeforeEach;

/** The IBAKE-DD store contract on the protocol layer's in-memory store (what the JDBC ones must equal). */
class InMemoryIbakeMessageStoreTest extends IbakeMessageStoreContract {

  private InMemoryMessageStore store;

  @BeforeEach
  void open() {
    store = new InMemoryMessageStore();
  }

  @Override
  MessageStore store() {
    return store;
  }
}
