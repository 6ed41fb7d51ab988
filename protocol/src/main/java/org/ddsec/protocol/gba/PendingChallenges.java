package org.ddsec.protocol.gba;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;

/**
 * The BSF's outstanding Digest AKA challenges by nonce (RFC 3310 §5.2, "limited use of nonce
 * values"): each nonce is answered at most once ({@link #take} removes it), expires after the
 * challenge lifetime, and at most {@code capacity} are outstanding. Thread-safe.
 */
final class PendingChallenges {

  /** What the BSF remembers of one challenge; CK and IK are wiped when it is dropped. */
  record Challenge(String nonce, String impi, Bytes rand, Bytes xres, SecretBytes ck, SecretBytes ik, Instant expiresAt) {
    void wipe() {
      ck.close();
      ik.close();
    }

    @Override
    public String toString() {
      return "Challenge[impi=" + impi + ", expiresAt=" + expiresAt + "]";
    }
  }

  private final int capacity;
  private final Map<String, Challenge> byNonce = new ConcurrentHashMap<>();

  PendingChallenges(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("challenge capacity: " + capacity + " (expected: ≥ 1)");
    }
    this.capacity = capacity;
  }

  /** Adds {@code c}; false if {@code capacity} live challenges are outstanding (nothing added). */
  boolean add(Challenge c, Instant now) {
    if (byNonce.size() >= capacity) {
      purge(now);
      if (byNonce.size() >= capacity) {
        return false;
      }
    }
    return byNonce.putIfAbsent(c.nonce(), c) == null;
  }

  /** Removes and returns the challenge of {@code nonce}: a second take of the same nonce is empty. */
  Optional<Challenge> take(String nonce) {
    return Optional.ofNullable(byNonce.remove(nonce));
  }

  /** Whether {@code nonce} is outstanding (for tests and metrics; does not consume it). */
  boolean contains(String nonce) {
    return byNonce.containsKey(nonce);
  }

  int size() {
    return byNonce.size();
  }

  /** Drops every expired challenge. */
  int purge(Instant now) {
    int n = 0;
    for (Iterator<Challenge> it = byNonce.values().iterator(); it.hasNext(); ) {
      Challenge c = it.next();
      if (!now.isBefore(c.expiresAt())) {
        it.remove();
        c.wipe();
        n++;
      }
    }
    return n;
  }
}
