package org.ddsec.server.mailbox;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ddsec.core.Bytes;

/**
 * Records a mailbox role has "stored" but the service has not committed yet, by msg-id: a deposit
 * is committed only with its complete media (on BYE), so the role's store call only stages it
 * here and reserves its msg-id. Shared by the KMS-DD ({@link StagingMailboxStore}) and the IBAKE-DD
 * ({@link StagingMessageStore}) staging stores.
 */
final class StagingArea<R> {

  private final Map<Bytes, R> staged = new ConcurrentHashMap<>();

  /** Reserves {@code id} for {@code record}; false if it is staged already. */
  boolean reserve(Bytes id, R record) {
    return staged.putIfAbsent(id, record) == null;
  }

  Optional<R> get(Bytes id) {
    return Optional.ofNullable(staged.get(id));
  }

  /** Ends the staging of {@code id}: after its row was committed, or when the deposit is discarded. */
  void release(Bytes id) {
    staged.remove(id);
  }

  int size() {
    return staged.size();
  }
}
