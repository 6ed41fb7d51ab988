package org.ddsec.server.mailbox.store;

import java.util.Objects;
import java.util.Optional;
import org.ddsec.protocol.kmsdd.mailbox.DepositRecord;

/** A deposit as the mailbox's database holds it: the record and, for a message with media, its summary. */
public record StoredDeposit(DepositRecord record, Optional<MediaSummary> media) {

  public StoredDeposit {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(media, "media");
  }
}
