package org.ddsec.protocol.store;

import java.time.Instant;
import org.ddsec.core.Bytes;

/**
 * Remembers which messages a live hop has already accepted, for as long as their timestamp could
 * still pass the clock-skew check (RFC 3830 §5.4: "the responder SHOULD store the timestamps (or
 * the messages) ... within the allowable clock skew"). Several replicas of a service share one.
 *
 * <p>Callers insert an entry only after the message authenticated, so an attacker cannot fill the
 * cache with messages of its own making. The cache holds no keys and no message contents: only a
 * digest of the authenticator and its expiry.
 */
public interface ReplayCache {

  /**
   * Records {@code id} until {@code expiresAt} and answers whether it was new. Atomic: of two
   * concurrent calls with the same id, exactly one sees {@code true}. Entries whose expiry is
   * before {@code now} may be dropped.
   *
   * @return true if {@code id} was not present (the message is fresh), false if it is a replay
   */
  boolean firstSeen(Bytes id, Instant expiresAt, Instant now);
}
