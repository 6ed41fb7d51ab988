package org.ddsec.server.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.store.ReplayCache;

/**
 * A {@link ReplayCache} in a shared H2 or PostgreSQL database, so that several replicas of a
 * service (the KMS) refuse each other's replays. Atomic through the primary key: of two
 * concurrent {@link #firstSeen} calls with one id, on any replicas, exactly one inserts the row.
 * An expired row is taken over by a conditional UPDATE (again atomic), and every
 * {@value #PURGE_EVERY}th call deletes expired rows. Entries are SHA-256 digests of the ids: a
 * fixed size, and no message bytes in the database.
 *
 * <p>Fails closed: if the database fails, {@link #firstSeen} throws {@link StoreException} and
 * the caller refuses the request rather than risk accepting a replay.
 */
public final class JdbcReplayCache implements ReplayCache {

  /** The Flyway schema of the cache (its own history table). */
  public static final Database.Schema SCHEMA = new Database.Schema("org/ddsec/server/store/replay", "ddsec_replay_schema_history");

  static final int PURGE_EVERY = 512;

  private final Database db;
  private final AtomicLong calls = new AtomicLong();

  public JdbcReplayCache(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  @Override
  public boolean firstSeen(Bytes id, Instant expiresAt, Instant now) {
    byte[] key = digest(id);
    long exp = expiresAt.toEpochMilli();
    long t = now.toEpochMilli();
    if (calls.incrementAndGet() % PURGE_EVERY == 0) {
      purgeExpired(now);
    }
    try (Connection c = db.dataSource().getConnection()) {
      try (PreparedStatement i = c.prepareStatement("INSERT INTO ddsec_replay (id, expires_at) VALUES (?, ?)")) {
        i.setBytes(1, key);
        i.setLong(2, exp);
        i.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
      }
      // Present: a replay, unless the old entry has expired (then this message takes it over).
      try (PreparedStatement u = c.prepareStatement("UPDATE ddsec_replay SET expires_at = ? WHERE id = ? AND expires_at < ?")) {
        u.setLong(1, exp);
        u.setBytes(2, key);
        u.setLong(3, t);
        return u.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw new StoreException("replay cache", e);
    }
  }

  /** Deletes entries that expired before {@code now}; returns how many. */
  public int purgeExpired(Instant now) {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement d = c.prepareStatement("DELETE FROM ddsec_replay WHERE expires_at < ?")) {
      d.setLong(1, now.toEpochMilli());
      return d.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("replay cache purge", e);
    }
  }

  /** Entries currently held (expired ones not yet purged included). */
  public int size() {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM ddsec_replay");
        var r = q.executeQuery()) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new StoreException("replay cache size", e);
    }
  }

  private static byte[] digest(Bytes id) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(id.toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is mandatory in the JCE", e);
    }
  }

  @Override
  public String toString() {
    return "JdbcReplayCache[" + db + "]";
  }
}
