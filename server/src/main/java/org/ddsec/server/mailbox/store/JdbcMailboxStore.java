package org.ddsec.server.mailbox.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
  private final MessageTable<StoredDeposit> table;

  public JdbcMailboxStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    this.table = new MessageTable<>(db, "mailbox_message", COLUMNS, JdbcMailboxStore::row, "deposit");
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
    table.insert(p.msgId(), i -> {
      i.setBytes(1, p.msgId().toByteArray());
      i.setString(2, p.idA());
      i.setString(3, p.idB());
      i.setBytes(4, p.transferInit().toByteArray());
      i.setBytes(5, p.token().toByteArray());
      i.setLong(6, record.depositedAt().toEpochMilli());
      MediaSummary.bind(i, 7, media);
    });
  }

  @Override
  public List<DepositRecord> forRecipient(String idB) {
    return deposits(List.of(idB)).stream().map(StoredDeposit::record).toList();
  }

  @Override
  public Optional<DepositRecord> get(Bytes msgId) {
    return find(msgId).map(StoredDeposit::record);
  }

  /** The deposit with {@code msgId}, with its media summary. */
  public Optional<StoredDeposit> find(Bytes msgId) {
    return table.find(msgId);
  }

  /** The deposits for any of {@code recipients} (a subscriber's IMPUs), oldest first. */
  public List<StoredDeposit> deposits(Collection<String> recipients) {
    return table.forRecipients(recipients);
  }

  /** The media ids of every stored deposit (for recovery: media without a row are orphans). */
  public List<String> mediaIds() {
    return table.mediaIds();
  }

  /** Removes a deposit; returns whether it existed. */
  public boolean delete(Bytes msgId) {
    return table.delete(msgId);
  }

  /** Number of stored deposits. */
  public int count() {
    return table.count();
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
