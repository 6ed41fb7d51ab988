package org.ddsec.protocol.store;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ddsec.core.Bytes;

/** A {@link ReplayCache} in one process; expired entries are pruned on insertion. */
public final class InMemoryReplayCache implements ReplayCache {

  private final Map<Bytes, Instant> entries = new ConcurrentHashMap<>();

  @Override
  public boolean firstSeen(Bytes id, Instant expiresAt, Instant now) {
    entries.values().removeIf(exp -> exp.isBefore(now));
    return entries.putIfAbsent(id, expiresAt) == null;
  }

  /** Entries currently held (expired ones not yet pruned included). */
  public int size() {
    return entries.size();
  }
}
