package org.ddsec.server.mailbox.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
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
  private final MessageTable<StoredIbakeMessage> table;

  public JdbcIbakeMessageStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    this.table = new MessageTable<>(db, "ibake_message", COLUMNS, JdbcIbakeMessageStore::row, "IBAKE message");
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
    table.insert(message.msgId(), i -> {
      i.setBytes(1, message.msgId().toByteArray());
      i.setString(2, message.idA());
      i.setString(3, message.idB());
      i.setBytes(4, message.iMessage2().toByteArray());
      i.setLong(5, depositedAt.toEpochMilli());
      MediaSummary.bind(i, 6, media);
    });
  }

  @Override
  public List<Deposit> forRecipient(String idB) {
    return messages(List.of(idB)).stream().map(StoredIbakeMessage::deposit).toList();
  }

  @Override
  public Optional<Deposit> get(Bytes msgId) {
    return find(msgId).map(StoredIbakeMessage::deposit);
  }

  /** The message with {@code msgId}, with its media summary. */
  public Optional<StoredIbakeMessage> find(Bytes msgId) {
    return table.find(msgId);
  }

  /** The messages for any of {@code recipients} (a subscriber's IMPUs), oldest first. */
  public List<StoredIbakeMessage> messages(Collection<String> recipients) {
    return table.forRecipients(recipients);
  }

  /** The media ids of every stored message (for recovery: media without a row are orphans). */
  public List<String> mediaIds() {
    return table.mediaIds();
  }

  /** Number of stored messages. */
  public int count() {
    return table.count();
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
