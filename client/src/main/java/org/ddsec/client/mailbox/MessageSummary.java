package org.ddsec.client.mailbox;

import java.time.Instant;
import java.util.Objects;
import org.ddsec.core.Bytes;

/**
 * One entry of the mailbox's listing: the msg-id, the originator ID-A as the KMS vouched for it
 * at deposit time, the recipient IMPU, when the deposit arrived, and its length.
 */
public record MessageSummary(Bytes msgId, String from, String to, Instant depositedAt, long packets, long durationMillis) {
  public MessageSummary {
    Objects.requireNonNull(msgId, "msgId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(depositedAt, "depositedAt");
  }
}
