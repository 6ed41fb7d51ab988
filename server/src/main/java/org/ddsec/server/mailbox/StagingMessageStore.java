package org.ddsec.server.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.ibakedd.StoredMessage;
import org.ddsec.protocol.ibakedd.mailbox.MessageStore;
import org.ddsec.server.mailbox.store.JdbcIbakeMessageStore;

/**
 * The store the IBAKE-DD mailbox <em>role</em> writes to, as {@link StagingMailboxStore} is for
 * KMS-DD: the role stores a message the moment A's I_MESSAGE_2 checked (seed Fig. 27 step 6), but
 * the service commits it only with its media on BYE. {@link #store} stages it; {@link #get} sees
 * staged and committed messages (so the role refuses a replayed deposit of either as a replay);
 * the recipient's list sees only committed ones.
 */
final class StagingMessageStore implements MessageStore {

  private final JdbcIbakeMessageStore committed;
  private final StagingArea<Deposit> staged = new StagingArea<>();

  StagingMessageStore(JdbcIbakeMessageStore committed) {
    this.committed = committed;
  }

  @Override
  public void store(StoredMessage message, Instant depositedAt) {
    Bytes id = message.msgId();
    if (committed.get(id).isPresent() || !staged.reserve(id, new Deposit(message, depositedAt))) {
      throw new IllegalStateException("message " + id.hex() + " exists");
    }
  }

  /** The staged message of {@code msgId}; it stays staged (its msg-id reserved) until {@link #release}. */
  Optional<Deposit> staged(Bytes msgId) {
    return staged.get(msgId);
  }

  void release(Bytes msgId) {
    staged.release(msgId);
  }

  @Override
  public List<Deposit> forRecipient(String idB) {
    return committed.forRecipient(idB);
  }

  @Override
  public Optional<Deposit> get(Bytes msgId) {
    Optional<Deposit> s = staged.get(msgId);
    return s.isPresent() ? s : committed.get(msgId);
  }
}
