package org.ddsec.protocol.gba;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link BootstrappingStore} in a map (tests, in-memory flows). */
public final class InMemoryBootstrappingStore implements BootstrappingStore {

  private final ConcurrentMap<String, BootstrappingSession> sessions = new ConcurrentHashMap<>();

  @Override
  public void put(BootstrappingSession s) {
    BootstrappingSession old = sessions.put(s.bTid(), s.copy());
    if (old != null) {
      old.ks().close();
    }
  }

  @Override
  public Optional<BootstrappingSession> find(String bTid) {
    BootstrappingSession s = sessions.get(bTid);
    return s == null ? Optional.empty() : Optional.of(s.copy());
  }

  @Override
  public boolean remove(String bTid) {
    BootstrappingSession s = sessions.remove(bTid);
    if (s != null) {
      s.ks().close();
    }
    return s != null;
  }

  @Override
  public int purgeExpired(Instant now) {
    int[] n = {0};
    sessions.values().removeIf(s -> {
      boolean expired = !s.isValidAt(now);
      if (expired) {
        n[0]++;
      }
      return expired;
    });
    return n[0];
  }

  @Override
  public int count() {
    return sessions.size();
  }

  /** Drops every session of {@code impi} (its subscription was removed). */
  void removeAllOf(String impi) {
    sessions.values().removeIf(s -> s.impi().equals(impi));
  }
}
