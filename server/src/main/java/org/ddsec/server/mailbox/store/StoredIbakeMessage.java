package org.ddsec.server.mailbox.store;

import java.util.Objects;
import java.util.Optional;
import org.ddsec.protocol.ibakedd.mailbox.MessageStore;

/** An IBAKE-DD message as the mailbox's database holds it: the stored message, when, and its media summary. */
public record StoredIbakeMessage(MessageStore.Deposit deposit, Optional<MediaSummary> media) {

  public StoredIbakeMessage {
    Objects.requireNonNull(deposit, "deposit");
    Objects.requireNonNull(media, "media");
  }
}
