package org.ddsec.protocol.kmsdd.mailbox;

import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;

/**
 * The mailbox's storage of deposits (the media travel beside them, see the media layer). Writes
 * are atomic: a deposit is either wholly stored and listed, or absent.
 */
public interface MailboxStore {

  /**
   * Stores {@code record} under its msg-id.
   *
   * @throws IllegalStateException if a deposit with that msg-id exists (a replayed deposit)
   */
  void store(DepositRecord record);

  /** The deposits for recipient {@code idB}, oldest first. */
  List<DepositRecord> forRecipient(String idB);

  Optional<DepositRecord> get(Bytes msgId);
}
