package org.ddsec.server.store;

import org.ddsec.protocol.store.InMemoryReplayCache;
import org.ddsec.protocol.store.ReplayCache;
import org.junit.jupiter.api.BeforeEach;

/** The replay-cache contract on protocol's in-memory cache (one process: the replica is the same object). */
class InMemoryReplayCacheTest extends ReplayCacheContract {

  private InMemoryReplayCache cache;

  @BeforeEach
  void open() {
    cache = new InMemoryReplayCache();
  }

  @Override
  ReplayCache cache() {
    return cache;
  }

  @Override
  ReplayCache replica() {
    return cache;
  }
}
