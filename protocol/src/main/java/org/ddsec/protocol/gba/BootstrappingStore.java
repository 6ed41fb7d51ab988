package org.ddsec.protocol.gba;

import java.time.Instant;
import java.util.Optional;

/**
 * The BSF's bootstrapping sessions by B-TID (TS 33.220 §4.5.2, §4.4.3). Implementations:
 * {@link InMemoryBootstrappingStore} here, JDBC in {@code server}. Thread-safe. Sessions handed
 * out carry a fresh copy of Ks that the caller may close.
 */
public interface BootstrappingStore {

  /**
   * Stores {@code s}, replacing an older session with the same B-TID (TS 33.220 §4.5.2: a new
   * bootstrapping replaces the old key material).
   */
  void put(BootstrappingSession s);

  /** The session with {@code bTid}, expired or not. */
  Optional<BootstrappingSession> find(String bTid);

  /** Removes the session; false if there was none. */
  boolean remove(String bTid);

  /** Deletes every session expired at {@code now}; returns how many. */
  int purgeExpired(Instant now);

  /** Number of stored sessions (expired ones included until purged). */
  int count();
}
