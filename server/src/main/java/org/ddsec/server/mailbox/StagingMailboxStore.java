package org.ddsec.server.mailbox;

import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.kmsdd.mailbox.DepositRecord;
import org.ddsec.protocol.kmsdd.mailbox.MailboxStore;
import org.ddsec.server.mailbox.store.JdbcMailboxStore;

/**
 * The store the mailbox <em>role</em> writes to: it accepts a deposit the moment the KMS's
 * answer verified, but in the service a message is stored only when its media is complete. So
 * the role's {@link #store} only stages the record; the service reads it ({@link #staged}) and
 * commits it with the media on BYE, or drops it. Reads go to the committed store. A msg-id
 * staged or committed already is refused, as the role expects of a replayed deposit.
 */
final class StagingMailboxStore implements MailboxStore {

  private final JdbcMailboxStore committed;
  private final StagingArea<DepositRecord> staged = new StagingArea<>();

  StagingMailboxStore(JdbcMailboxStore committed) {
    this.committed = committed;
  }

  @Override
  public void store(DepositRecord record) {
    Bytes id = record.parameters().msgId();
    if (committed.get(id).isPresent() || !staged.reserve(id, record)) {
      throw new IllegalStateException("deposit " + id.hex() + " exists");
    }
  }

  /** The staged record of {@code msgId}; it stays staged (its msg-id reserved) until {@link #release}. */
  Optional<DepositRecord> staged(Bytes msgId) {
    return staged.get(msgId);
  }

  /** Ends the staging of {@code msgId}: after its row was committed, or when the deposit is discarded. */
  void release(Bytes msgId) {
    staged.release(msgId);
  }

  int staged() {
    return staged.size();
  }

  @Override
  public List<DepositRecord> forRecipient(String idB) {
    return committed.forRecipient(idB);
  }

  @Override
  public Optional<DepositRecord> get(Bytes msgId) {
    return committed.get(msgId);
  }
}
