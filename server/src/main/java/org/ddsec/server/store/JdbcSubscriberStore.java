package org.ddsec.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.Subscriber;
import org.ddsec.protocol.gba.SubscriberStore;

/** {@link SubscriberStore} on the {@code gba_subscriber} tables; SQN updates use SELECT … FOR UPDATE. */
final class JdbcSubscriberStore implements SubscriberStore {

  private final DataSource ds;

  JdbcSubscriberStore(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public boolean add(Subscriber s) {
    byte[] k = s.k().unsafeBytes();
    byte[] opc = s.opc().unsafeBytes();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM gba_subscriber WHERE impi = ?")) {
          q.setString(1, s.impi());
          try (ResultSet r = q.executeQuery()) {
            if (r.next()) {
              c.rollback();
              return false;
            }
          }
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO gba_subscriber (impi, k, opc, amf, sqn) VALUES (?, ?, ?, ?, ?)")) {
          i.setString(1, s.impi());
          i.setBytes(2, k);
          i.setBytes(3, opc);
          i.setBytes(4, s.amf().toByteArray());
          i.setLong(5, s.sqn().value());
          i.executeUpdate();
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO gba_subscriber_impu (impi, impu) VALUES (?, ?)")) {
          for (String u : s.impus()) {
            i.setString(1, s.impi());
            i.setString(2, u);
            i.addBatch();
          }
          i.executeBatch();
        }
        c.commit();
        return true;
      } catch (SQLException e) {
        c.rollback();
        if (isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("add subscriber", e);
    } finally {
      SecretBytes.wipe(k);
      SecretBytes.wipe(opc);
    }
  }

  @Override
  public Optional<Subscriber> find(String impi) {
    try (Connection c = ds.getConnection()) {
      List<Subscriber> l = query(c, "WHERE s.impi = ?", impi);
      return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    } catch (SQLException e) {
      throw new StoreException("find subscriber", e);
    }
  }

  @Override
  public List<Subscriber> list() {
    try (Connection c = ds.getConnection()) {
      return query(c, "", null);
    } catch (SQLException e) {
      throw new StoreException("list subscribers", e);
    }
  }

  @Override
  public boolean remove(String impi) {
    try (Connection c = ds.getConnection(); PreparedStatement d = c.prepareStatement("DELETE FROM gba_subscriber WHERE impi = ?")) {
      d.setString(1, impi);
      return d.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("remove subscriber", e);
    }
  }

  @Override
  public Optional<Sqn> updateSqn(String impi, UnaryOperator<Sqn> f) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        Sqn current;
        try (PreparedStatement q = c.prepareStatement("SELECT sqn FROM gba_subscriber WHERE impi = ? FOR UPDATE")) {
          q.setString(1, impi);
          try (ResultSet r = q.executeQuery()) {
            if (!r.next()) {
              c.rollback();
              return Optional.empty();
            }
            current = new Sqn(r.getLong(1));
          }
        }
        Sqn next = f.apply(current);
        try (PreparedStatement u = c.prepareStatement("UPDATE gba_subscriber SET sqn = ? WHERE impi = ?")) {
          u.setLong(1, next.value());
          u.setString(2, impi);
          u.executeUpdate();
        }
        c.commit();
        return Optional.of(next);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("update SQN", e);
    }
  }

  private static List<Subscriber> query(Connection c, String where, String impi) throws SQLException {
    Map<String, Set<String>> impus = new LinkedHashMap<>();
    try (PreparedStatement q = c.prepareStatement("SELECT s.impi, u.impu FROM gba_subscriber s JOIN gba_subscriber_impu u ON u.impi = s.impi "
        + where)) {
      if (impi != null) {
        q.setString(1, impi);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          impus.computeIfAbsent(r.getString(1), x -> new HashSet<>()).add(r.getString(2));
        }
      }
    }
    List<Subscriber> out = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement("SELECT s.impi, s.k, s.opc, s.amf, s.sqn FROM gba_subscriber s " + where + " ORDER BY s.impi")) {
      if (impi != null) {
        q.setString(1, impi);
      }
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          String id = r.getString(1);
          out.add(new Subscriber(id, impus.getOrDefault(id, Set.of()), SecretBytes.wrap(r.getBytes(2)), SecretBytes.wrap(r.getBytes(3)),
              Bytes.of(r.getBytes(4)), new Sqn(r.getLong(5))));
        }
      }
    }
    return out;
  }

  /** SQLSTATE 23505 (unique violation) on both H2 and PostgreSQL. */
  static boolean isDuplicateKey(SQLException e) {
    return "23505".equals(e.getSQLState());
  }
}
