package org.ddsec.media.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Puts the packets of one RTP stream back in order and shows where packets are missing.
 *
 * <p>Packets are keyed by their extended sequence number: the 48-bit SRTP index (ROC || SEQ,
 * RFC 3711 §3.3.1) when SRTP supplies it, or else an extension of the 16-bit sequence number
 * estimated the same way (RFC 3711 Appendix A, as RFC 3550 Appendix A.1 does for RTCP
 * statistics). Duplicates are dropped. {@link #playout()} lists every index from the lowest to
 * the highest received, with an empty slot for each lost packet. Not thread-safe.
 */
public final class RtpDepacketiser {

  /** One playout position: the packet, or empty when it was lost. */
  public record Slot(long index, Optional<RtpPacket> packet) {}

  private final TreeMap<Long, RtpPacket> packets = new TreeMap<>();
  private final long maxSpan;
  private long highest = -1;
  private int duplicates;
  private int outOfSpan;

  /**
   * @param maxSpan the largest playout span (highest − lowest index + 1) accepted; a packet that
   *     would stretch it further is dropped and counted, which bounds the silence a hostile or
   *     corrupt stream can make the player generate
   */
  public RtpDepacketiser(long maxSpan) {
    if (maxSpan < 1) {
      throw new IllegalArgumentException("maxSpan: " + maxSpan + " (expected: ≥ 1)");
    }
    this.maxSpan = maxSpan;
  }

  /** Adds a packet whose sequence number is extended by estimation (plain RTP). */
  public void add(RtpPacket p) {
    add(estimateIndex(p.sequenceNumber()), p);
  }

  /** Adds a packet at a known extended index, e.g. the SRTP packet index. */
  public void add(long index, RtpPacket p) {
    if (index < 0) {
      outOfSpan++;
      return;
    }
    if (!packets.isEmpty()) {
      long lo = Math.min(packets.firstKey(), index);
      long hi = Math.max(packets.lastKey(), index);
      if (hi - lo + 1 > maxSpan) {
        outOfSpan++;
        return;
      }
    }
    if (packets.putIfAbsent(index, p) != null) {
      duplicates++;
      return;
    }
    highest = Math.max(highest, index);
  }

  /** Every index from the lowest to the highest received, in order, lost packets as empty slots. */
  public List<Slot> playout() {
    List<Slot> out = new ArrayList<>();
    if (packets.isEmpty()) {
      return out;
    }
    long expected = packets.firstKey();
    for (Map.Entry<Long, RtpPacket> e : packets.entrySet()) {
      for (; expected < e.getKey(); expected++) {
        out.add(new Slot(expected, Optional.empty()));
      }
      out.add(new Slot(e.getKey(), Optional.of(e.getValue())));
      expected = e.getKey() + 1;
    }
    return out;
  }

  /** Distinct packets held. */
  public int received() {
    return packets.size();
  }

  /** Packets dropped as duplicates of one already held. */
  public int duplicates() {
    return duplicates;
  }

  /** Packets dropped because they fell outside the playout span. */
  public int outOfSpan() {
    return outOfSpan;
  }

  /** Empty slots in {@link #playout()}. */
  public long lost() {
    return packets.isEmpty() ? 0 : packets.lastKey() - packets.firstKey() + 1 - packets.size();
  }

  /**
   * RFC 3711 Appendix A estimate of the extended index of {@code seq}, relative to the highest
   * index seen so far; −1 if it would precede index 0.
   */
  private long estimateIndex(int seq) {
    if (highest < 0) {
      return seq;
    }
    return SequenceNumbers.estimateIndex(highest, seq);
  }
}
