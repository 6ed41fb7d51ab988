package org.ddsec.server.mailbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.mailbox.DepositRecord;
import org.ddsec.protocol.kmsdd.mailbox.MailboxStore;
import org.ddsec.server.store.Database;
import org.ddsec.server.store.StoreException;

/**
 * The mailbox's {@link MailboxStore} on H2 (embedded file, the default) or PostgreSQL: table
 * {@code mailbox_message}, Flyway schema {@link #SCHEMA}. Each insert is one statement, so a
 * deposit's row is wholly there or absent; the primary key on msg-id refuses a second deposit
 * of the same message on any number of mailbox processes sharing the database.
 */
public final class JdbcMailboxStore implements MailboxStore {

  /** The Flyway schema of the mailbox (its own history table). */
  public static final Database.Schema SCHEMA = new Database.Schema("org/ddsec/server/mailbox/store/migration", "ddsec_mailbox_schema_history");

  private static final String COLUMNS = "msg_id, id_a, id_b, transfer_init, token, deposited_at, media_id, packets, first_arrival_us, last_arrival_us";

  private final Database db;

  public JdbcMailboxStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** {@inheritDoc} Stores the record without media. */
  @Override
  public void store(DepositRecord record) {
    store(record, Optional.empty());
  }

  /**
   * Stores a deposit and its media summary in one statement.
   *
   * @throws IllegalStateException if a deposit with that msg-id exists
   * @throws StoreException if the database fails
   */
  public void store(DepositRecord record, Optional<MediaSummary> media) {
    DepositParameters p = record.parameters();
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement i = c.prepareStatement("INSERT INTO mailbox_message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      i.setBytes(1, p.msgId().toByteArray());
      i.setString(2, p.idA());
      i.setString(3, p.idB());
      i.setBytes(4, p.transferInit().toByteArray());
      i.setBytes(5, p.token().toByteArray());
      i.setLong(6, record.depositedAt().toEpochMilli());
      MediaSummary.bind(i, 7, media);
      i.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new IllegalStateException("deposit " + p.msgId().hex() + " exists");
      }
      throw new StoreException("store deposit", e);
    }
  }

  @Override
  public List<DepositRecord> forRecipient(String idB) {
    List<DepositRecord> out = new ArrayList<>();
    for (StoredDeposit d : deposits(List.of(idB))) {
      out.add(d.record());
    }
    return out;
  }

  @Override
  public Optional<DepositRecord> get(Bytes msgId) {
    return find(msgId).map(StoredDeposit::record);
  }

  /** The deposit with {@code msgId}, with its media summary. */
  public Optional<StoredDeposit> find(Bytes msgId) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM mailbox_message WHERE msg_id = ?")) {
      q.setBytes(1, msgId.toByteArray());
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("find deposit", e);
    }
  }

  /** The deposits for any of {@code recipients} (a subscriber's IMPUs), oldest first. */
  public List<StoredDeposit> deposits(Collection<String> recipients) {
    if (recipients.isEmpty()) {
      return List.of();
    }
    String in = String.join(", ", java.util.Collections.nCopies(recipients.size(), "?"));
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM mailbox_message WHERE id_b IN (" + in + ") ORDER BY seq")) {
      int k = 1;
      for (String b : recipients) {
        q.setString(k++, b);
      }
      List<StoredDeposit> out = new ArrayList<>();
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("list deposits", e);
    }
  }

  /** The media ids of every stored deposit (for recovery: media without a row are orphans). */
  public List<String> mediaIds() {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT media_id FROM mailbox_message WHERE media_id IS NOT NULL ORDER BY seq");
        ResultSet r = q.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("list media ids", e);
    }
  }

  /** Removes a deposit; returns whether it existed. */
  public boolean delete(Bytes msgId) {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement d = c.prepareStatement("DELETE FROM mailbox_message WHERE msg_id = ?")) {
      d.setBytes(1, msgId.toByteArray());
      return d.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("delete deposit", e);
    }
  }

  /** Number of stored deposits. */
  public int count() {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM mailbox_message");
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new StoreException("count deposits", e);
    }
  }

  private static StoredDeposit row(ResultSet r) throws SQLException {
    DepositParameters p = new DepositParameters(Bytes.of(r.getBytes(1)), r.getString(2), r.getString(3), Bytes.of(r.getBytes(4)),
        Bytes.of(r.getBytes(5)));
    DepositRecord rec = new DepositRecord(p, Instant.ofEpochMilli(r.getLong(6)));
    return new StoredDeposit(rec, MediaSummary.read(r, 7));
  }

  @Override
  public String toString() {
    return "JdbcMailboxStore[" + db + "]";
  }
}
