package org.ddsec.server.mailbox.store;

import java.util.Objects;
import org.ddsec.media.capture.StoredMessageMetadata;

/**
 * What the mailbox's database keeps about a message's media (the capture and its metadata are
 * files, see {@code server.mailbox.media}): the media id, the packet count and the arrival times
 * of the first and last packet, for the inbox listing.
 */
public record MediaSummary(String mediaId, long packets, long firstArrivalMicros, long lastArrivalMicros) {

  public MediaSummary {
    Objects.requireNonNull(mediaId, "mediaId");
    StoredMessageMetadata.requireValidId(mediaId);
    if (packets < 1 || firstArrivalMicros < 0 || lastArrivalMicros < firstArrivalMicros) {
      throw new IllegalArgumentException("media summary: " + packets + " packets, " + firstArrivalMicros + " .. " + lastArrivalMicros
          + " µs (expected: ≥ 1 packet, 0 ≤ first ≤ last)");
    }
  }

  public static MediaSummary of(StoredMessageMetadata m) {
    return new MediaSummary(m.messageId(), m.packets(), m.firstArrivalMicros(), m.lastArrivalMicros());
  }

  /** From the first packet's arrival to the end of the last 20 ms frame. */
  public long durationMillis() {
    return (lastArrivalMicros - firstArrivalMicros) / 1000 + 20;
  }
}
