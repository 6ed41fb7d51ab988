package org.ddsec.server.naf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.gba.NafKeyLookup;
import org.ddsec.protocol.gba.NafKeyLookupException;

/**
 * A NAF's cache of Zn answers: TS 33.220 §4.5.3 lets a NAF keep Ks_NAF until the key's expiry;
 * this cache keeps each answer for at most {@code ttl} (and never past the key's expiry), so a
 * KMS replica does not ask the BSF on every request yet learns within {@code ttl} that a
 * bootstrapping session was removed. Refusals are not cached. Bounded to {@code maxEntries}
 * (when full, expired entries go first, then arbitrary ones). A {@code ttl} of zero disables it.
 *
 * <p>Each caller gets its own copy of the key, so closing it does not affect the cache.
 */
public final class CachingNafKeyLookup implements NafKeyLookup {

  private record Entry(NafKey key, Instant until) {}

  private final NafKeyLookup upstream;
  private final Duration ttl;
  private final int maxEntries;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public CachingNafKeyLookup(NafKeyLookup upstream, Duration ttl, int maxEntries, Clock clock) {
    this.upstream = Objects.requireNonNull(upstream, "upstream");
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.maxEntries = maxEntries;
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: ≥ 1)");
    }
  }

  @Override
  public NafKey lookup(String bTid) throws NafKeyLookupException {
    if (ttl.isZero()) {
      return upstream.lookup(bTid);
    }
    Instant now = clock.instant();
    Entry e = entries.get(bTid);
    if (e == null || !now.isBefore(e.until)) {
      NafKey fresh = upstream.lookup(bTid);
      Instant until = now.plus(ttl);
      if (fresh.expiresAt().isBefore(until)) {
        until = fresh.expiresAt();
      }
      if (entries.size() >= maxEntries) {
        evict(now);
      }
      e = new Entry(copy(fresh), until);
      entries.put(bTid, e);
      return fresh;
    }
    return copy(e.key);
  }

  /** Entries held now. */
  public int size() {
    return entries.size();
  }

  private void evict(Instant now) {
    entries.values().removeIf(x -> !now.isBefore(x.until));
    Iterator<String> it = entries.keySet().iterator();
    while (entries.size() >= maxEntries && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private static NafKey copy(NafKey k) {
    byte[] b = k.ksNaf().unsafeBytes();
    return new NafKey(k.bTid(), k.impi(), k.impus(), SecretBytes.wrap(b), k.expiresAt());
  }

  @Override
  public String toString() {
    return "CachingNafKeyLookup[" + upstream + ", ttl " + ttl + "]";
  }
}
