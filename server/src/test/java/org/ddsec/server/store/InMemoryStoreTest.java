package org.ddsec.server.store;

import org.ddsec.protocol.gba.BootstrappingStore;
import org.ddsec.protocol.gba.InMemoryBootstrappingStore;
import org.ddsec.protocol.gba.InMemorySubscriberStore;
import org.ddsec.protocol.gba.SubscriberStore;
import org.junit.jupiter.api.BeforeEach;

/** The store contract on the in-memory implementations of {@code protocol}. */
class InMemoryStoreTest extends StoreContract {

  private InMemoryBootstrappingStore sessions;
  private InMemorySubscriberStore subscribers;

  @BeforeEach
  void setUp() {
    sessions = new InMemoryBootstrappingStore();
    subscribers = new InMemorySubscriberStore(sessions);
  }

  @Override
  SubscriberStore subscribers() {
    return subscribers;
  }

  @Override
  BootstrappingStore sessions() {
    return sessions;
  }
}
