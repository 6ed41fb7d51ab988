package org.ddsec.server.mailbox;

import org.ddsec.core.Bytes;
import org.ddsec.server.mailbox.store.MediaSummary;

/**
 * The database row of a deposit in progress, staged (its msg-id reserved) while the media arrive:
 * on BYE the service commits the media files first and then {@link #commit}s the row — the
 * commit point — and in every case {@link #release}s the staging. One per solution: KMS-DD's
 * {@code mailbox_message}, IBAKE-DD's {@code ibake_message}.
 */
interface PendingRow {

  Bytes msgId();

  /**
   * Inserts the row with its media summary, in one statement.
   *
   * @throws IllegalStateException if a row with this msg-id exists
   * @throws org.ddsec.server.store.StoreException if the database fails
   */
  void commit(MediaSummary media);

  /** Ends the staging (after the commit, or when the deposit is discarded). */
  void release();
}
