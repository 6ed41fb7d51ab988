package org.ddsec.server.mailbox.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.ibakedd.StoredMessage;
import org.ddsec.protocol.ibakedd.mailbox.MessageStore;
import org.ddsec.server.store.Database;
import org.ddsec.server.store.StoreException;

/**
 * The IBAKE-DD mailbox's {@link MessageStore} on H2 or PostgreSQL: table {@code ibake_message}
 * of the mailbox's Flyway schema ({@link JdbcMailboxStore#SCHEMA}, migration V2), beside the
 * KMS-DD deposits. As there, each insert is one statement (a message's row is wholly there or
 * absent) and the primary key on msg-id refuses a second deposit of one message, however many
 * mailbox processes share the database.
 */
public final class JdbcIbakeMessageStore implements MessageStore {

  private static final String COLUMNS = "msg_id, id_a, id_b, i_message_2, deposited_at, media_id, packets, first_arrival_us, last_arrival_us";

  private final Database db;

  public JdbcIbakeMessageStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** {@inheritDoc} Stores the message without media. */
  @Override
  public void store(StoredMessage message, Instant depositedAt) {
    store(message, depositedAt, Optional.empty());
  }

  /**
   * Stores a message and its media summary in one statement.
   *
   * @throws IllegalStateException if a message with that msg-id exists
   * @throws StoreException if the database fails
   */
  public void store(StoredMessage message, Instant depositedAt, Optional<MediaSummary> media) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement i = c.prepareStatement("INSERT INTO ibake_message (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      i.setBytes(1, message.msgId().toByteArray());
      i.setString(2, message.idA());
      i.setString(3, message.idB());
      i.setBytes(4, message.iMessage2().toByteArray());
      i.setLong(5, depositedAt.toEpochMilli());
      MediaSummary.bind(i, 6, media);
      i.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new IllegalStateException("message " + message.msgId().hex() + " exists");
      }
      throw new StoreException("store IBAKE message", e);
    }
  }

  @Override
  public List<Deposit> forRecipient(String idB) {
    List<Deposit> out = new ArrayList<>();
    for (StoredIbakeMessage m : messages(List.of(idB))) {
      out.add(m.deposit());
    }
    return out;
  }

  @Override
  public Optional<Deposit> get(Bytes msgId) {
    return find(msgId).map(StoredIbakeMessage::deposit);
  }

  /** The message with {@code msgId}, with its media summary. */
  public Optional<StoredIbakeMessage> find(Bytes msgId) {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM ibake_message WHERE msg_id = ?")) {
      q.setBytes(1, msgId.toByteArray());
      try (ResultSet r = q.executeQuery()) {
        return r.next() ? Optional.of(row(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("find IBAKE message", e);
    }
  }

  /** The messages for any of {@code recipients} (a subscriber's IMPUs), oldest first. */
  public List<StoredIbakeMessage> messages(Collection<String> recipients) {
    if (recipients.isEmpty()) {
      return List.of();
    }
    String in = String.join(", ", Collections.nCopies(recipients.size(), "?"));
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM ibake_message WHERE id_b IN (" + in + ") ORDER BY seq")) {
      int k = 1;
      for (String b : recipients) {
        q.setString(k++, b);
      }
      List<StoredIbakeMessage> out = new ArrayList<>();
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          out.add(row(r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("list IBAKE messages", e);
    }
  }

  /** The media ids of every stored message (for recovery: media without a row are orphans). */
  public List<String> mediaIds() {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement q = c.prepareStatement("SELECT media_id FROM ibake_message WHERE media_id IS NOT NULL ORDER BY seq");
        ResultSet r = q.executeQuery()) {
      List<String> out = new ArrayList<>();
      while (r.next()) {
        out.add(r.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("list IBAKE media ids", e);
    }
  }

  /** Number of stored messages. */
  public int count() {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM ibake_message");
        ResultSet r = q.executeQuery()) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new StoreException("count IBAKE messages", e);
    }
  }

  private static StoredIbakeMessage row(ResultSet r) throws SQLException {
    StoredMessage m = new StoredMessage(Bytes.of(r.getBytes(1)), r.getString(2), r.getString(3), Bytes.of(r.getBytes(4)));
    return new StoredIbakeMessage(new Deposit(m, Instant.ofEpochMilli(r.getLong(5))), MediaSummary.read(r, 6));
  }

  @Override
  public String toString() {
    return "JdbcIbakeMessageStore[" + db + "]";
  }
}
