package org.ddsec.server.mailbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.ddsec.media.capture.StoredMessageRecorder.Ingest;
import org.ddsec.server.mailbox.media.FileStoredMessageStore;

/**
 * One deposit in progress, of either solution: its staged row (not yet stored), the RTP socket,
 * the media being written, and what arrived. Datagrams are accepted only from the caller's offered
 * IP address and only for the SSRC of the key-management message's crypto session (TRANSFER_INIT,
 * I_MESSAGE_2) (so a stray or forged stream cannot
 * take the capture over). Thread-safe: the receiver thread and the SIP front's thread meet on
 * this object's lock; once {@link #close()}d it takes no more packets.
 */
final class DepositSession {

  /** Why a datagram was not stored. */
  enum Drop {
    FOREIGN_SOURCE,
    FOREIGN_SSRC,
    NOT_RTP,
    TOO_LARGE,
    LIMIT_REACHED,
    WRITE_FAILED,
    /** Arrived after the call ended. */
    CLOSED
  }

  final String callId;
  final PendingRow row;
  final String mediaId;
  final long ssrc;
  final InetAddress remoteIp;
  final DatagramChannel channel;
  final Instant createdAt;
  final long createdNanos = System.nanoTime();
  private final FileStoredMessageStore.Deposit deposit;
  private final Map<Drop, Long> drops = new EnumMap<>(Drop.class);
  private boolean closed;
  private long stored;
  private long firstExt = -1;
  private long maxExt = -1;
  private long minExt = -1;

  DepositSession(String callId, PendingRow row, String mediaId, long ssrc, InetAddress remoteIp, DatagramChannel channel,
      FileStoredMessageStore.Deposit deposit, Instant createdAt) {
    this.callId = callId;
    this.row = row;
    this.mediaId = mediaId;
    this.ssrc = ssrc;
    this.remoteIp = remoteIp;
    this.channel = channel;
    this.deposit = deposit;
    this.createdAt = createdAt;
  }

  /** Offers one datagram; returns null if stored, else why not. */
  synchronized Drop offer(InetSocketAddress from, byte[] packet, long arrivalMicros) {
    if (closed) {
      return Drop.CLOSED;
    }
    Drop d = check(from, packet);
    if (d == null) {
      try {
        Ingest i = deposit.accept(arrivalMicros, packet);
        d = switch (i) {
          case STORED -> null;
          case NOT_RTP -> Drop.NOT_RTP;
          case TOO_LARGE -> Drop.TOO_LARGE;
          case FOREIGN_SSRC -> Drop.FOREIGN_SSRC;
          case LIMIT_REACHED -> Drop.LIMIT_REACHED;
        };
      } catch (IOException | RuntimeException e) {
        d = Drop.WRITE_FAILED;
      }
    }
    if (d == null) {
      stored++;
      track((packet[2] & 0xFF) << 8 | (packet[3] & 0xFF));
    } else {
      drops.merge(d, 1L, Long::sum);
    }
    return d;
  }

  private Drop check(InetSocketAddress from, byte[] p) {
    if (remoteIp != null && !remoteIp.isAnyLocalAddress() && !remoteIp.equals(from.getAddress())) {
      return Drop.FOREIGN_SOURCE;
    }
    if (p.length < 12 || (p[0] & 0xC0) != 0x80) {
      return Drop.NOT_RTP;
    }
    long s = (p[8] & 0xFFL) << 24 | (p[9] & 0xFFL) << 16 | (p[10] & 0xFFL) << 8 | (p[11] & 0xFFL);
    return s == ssrc ? null : Drop.FOREIGN_SSRC;
  }

  /** Extended sequence numbers (RFC 3550 A.1 style), for the loss count. */
  private void track(int seq) {
    long ext;
    if (maxExt < 0) {
      ext = seq + (1L << 16); // room below for packets that arrive late
      firstExt = ext;
      minExt = ext;
    } else {
      int delta = (short) (seq - (int) (maxExt & 0xFFFF));
      ext = maxExt + delta;
    }
    maxExt = Math.max(maxExt, ext);
    minExt = Math.min(minExt, ext);
  }

  synchronized long stored() {
    return stored;
  }

  /** Packets missing between the lowest and highest sequence number received. */
  synchronized long lost() {
    return maxExt < 0 ? 0 : Math.max(0, (maxExt - minExt + 1) - stored);
  }

  synchronized Map<Drop, Long> drops() {
    Map<Drop, Long> out = new EnumMap<>(Drop.class);
    out.putAll(drops);
    return out;
  }

  /** Stops taking packets (the receiver may still hold the channel for a moment). */
  synchronized void close() {
    closed = true;
  }

  /** Commits the media (after {@link #close()}); see {@link FileStoredMessageStore.Deposit#commit()}. */
  synchronized org.ddsec.media.capture.StoredMessageMetadata commit() throws IOException {
    closed = true;
    return deposit.commit();
  }

  /** Discards the media. */
  synchronized void discard() throws IOException {
    closed = true;
    deposit.close();
  }
}
