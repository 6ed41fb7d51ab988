package org.ddsec.protocol.ibakedd.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.ibakedd.StoredMessage;

/**
 * The IBAKE-DD mailbox's storage of deferred messages (the media travel beside them, see the
 * media layer). Writes are atomic: a message is either wholly stored and listed, or absent.
 */
public interface MessageStore {

  /** A stored message and when it arrived. */
  record Deposit(StoredMessage message, Instant depositedAt) {}

  /**
   * Stores {@code message} under its msg-id.
   *
   * @throws IllegalStateException if a message with that msg-id exists (a replayed deposit)
   */
  void store(StoredMessage message, Instant depositedAt);

  /** The messages for recipient {@code idB}, oldest first. */
  List<Deposit> forRecipient(String idB);

  Optional<Deposit> get(Bytes msgId);
}
