package org.ddsec.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.gba.BootstrappingSession;
import org.ddsec.protocol.gba.BootstrappingStore;

/** {@link BootstrappingStore} on the {@code gba_bootstrap} table. */
final class JdbcBootstrappingStore implements BootstrappingStore {

  private final DataSource ds;

  JdbcBootstrappingStore(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public void put(BootstrappingSession s) {
    byte[] ks = s.ks().unsafeBytes();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM gba_bootstrap WHERE btid = ?")) {
          d.setString(1, s.bTid());
          d.executeUpdate();
        }
        try (PreparedStatement i = c.prepareStatement(
            "INSERT INTO gba_bootstrap (btid, impi, rand, ks, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
          i.setString(1, s.bTid());
          i.setString(2, s.impi());
          i.setBytes(3, s.rand().toByteArray());
          i.setBytes(4, ks);
          i.setLong(5, s.createdAt().toEpochMilli());
          i.setLong(6, s.expiresAt().toEpochMilli());
          i.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("store bootstrapping session", e);
    } finally {
      SecretBytes.wipe(ks);
    }
  }

  @Override
  public Optional<BootstrappingSession> find(String bTid) {
    try (Connection c = ds.getConnection();
        PreparedStatement q = c.prepareStatement("SELECT btid, impi, rand, ks, created_at, expires_at FROM gba_bootstrap WHERE btid = ?")) {
      q.setString(1, bTid);
      try (ResultSet r = q.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new BootstrappingSession(r.getString(1), r.getString(2), Bytes.of(r.getBytes(3)), SecretBytes.wrap(r.getBytes(4)),
            Instant.ofEpochMilli(r.getLong(5)), Instant.ofEpochMilli(r.getLong(6))));
      }
    } catch (SQLException e) {
      throw new StoreException("find bootstrapping session", e);
    }
  }

  @Override
  public boolean remove(String bTid) {
    try (Connection c = ds.getConnection(); PreparedStatement d = c.prepareStatement("DELETE FROM gba_bootstrap WHERE btid = ?")) {
      d.setString(1, bTid);
      return d.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("remove bootstrapping session", e);
    }
  }

  @Override
  public int purgeExpired(Instant now) {
    try (Connection c = ds.getConnection(); PreparedStatement d = c.prepareStatement("DELETE FROM gba_bootstrap WHERE expires_at <= ?")) {
      d.setLong(1, now.toEpochMilli());
      return d.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("purge bootstrapping sessions", e);
    }
  }

  @Override
  public int count() {
    try (Connection c = ds.getConnection(); PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM gba_bootstrap");
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new StoreException("count bootstrapping sessions", e);
    }
  }
}
