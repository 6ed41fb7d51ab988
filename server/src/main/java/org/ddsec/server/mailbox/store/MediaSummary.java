package org.ddsec.server.mailbox.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import java.util.Optional;
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

  /** Binds {@code media} (or four NULLs) to parameters {@code at} .. {@code at + 3}: media_id, packets, first_arrival_us, last_arrival_us. */
  static void bind(PreparedStatement s, int at, Optional<MediaSummary> media) throws SQLException {
    if (media.isPresent()) {
      MediaSummary m = media.get();
      s.setString(at, m.mediaId());
      s.setLong(at + 1, m.packets());
      s.setLong(at + 2, m.firstArrivalMicros());
      s.setLong(at + 3, m.lastArrivalMicros());
    } else {
      s.setNull(at, Types.VARCHAR);
      s.setNull(at + 1, Types.BIGINT);
      s.setNull(at + 2, Types.BIGINT);
      s.setNull(at + 3, Types.BIGINT);
    }
  }

  /** Reads the four columns {@link #bind} writes, starting at column {@code at}. */
  static Optional<MediaSummary> read(ResultSet r, int at) throws SQLException {
    String media = r.getString(at);
    return media == null ? Optional.empty() : Optional.of(new MediaSummary(media, r.getLong(at + 1), r.getLong(at + 2), r.getLong(at + 3)));
  }

  /** From the first packet's arrival to the end of the last 20 ms frame. */
  public long durationMillis() {
    return (lastArrivalMicros - firstArrivalMicros) / 1000 + 20;
  }
}
