package org.ddsec.media.rtp;

import org.ddsec.core.Bytes;

/**
 * Turns consecutive audio frames of one source into RTP packets (RFC 3550 §5.1): the sequence
 * number grows by one per packet (mod 2^16), the timestamp by the frame's sample count (mod
 * 2^32), and the first packet carries the marker bit, the start of a talkspurt (RFC 3551 §4.1).
 * The initial sequence number and timestamp should be random (RFC 3550 §5.1); the caller supplies
 * them, so the packetiser itself is deterministic. Not thread-safe.
 */
public final class RtpPacketiser {

  private final int payloadType;
  private final long ssrc;
  private int nextSeq;
  private long nextTimestamp;
  private boolean first = true;

  /**
   * @param payloadType the RTP payload type, 0..127
   * @param ssrc 32-bit SSRC
   * @param firstSequenceNumber 16 bits
   * @param firstTimestamp 32 bits
   */
  public RtpPacketiser(int payloadType, long ssrc, int firstSequenceNumber, long firstTimestamp) {
    // validate through a throw-away packet, so the rules live in RtpPacket only
    RtpPacket.of(false, payloadType, firstSequenceNumber, firstTimestamp, ssrc, Bytes.EMPTY);
    this.payloadType = payloadType;
    this.ssrc = ssrc;
    this.nextSeq = firstSequenceNumber;
    this.nextTimestamp = firstTimestamp;
  }

  /** The packet carrying {@code payload}, a frame of {@code samples} samples. */
  public RtpPacket next(Bytes payload, int samples) {
    if (samples < 0) {
      throw new IllegalArgumentException("samples: " + samples + " (expected: ≥ 0)");
    }
    RtpPacket p = RtpPacket.of(first, payloadType, nextSeq, nextTimestamp, ssrc, payload);
    first = false;
    nextSeq = (nextSeq + 1) & 0xFFFF;
    nextTimestamp = (nextTimestamp + samples) & 0xFFFF_FFFFL;
    return p;
  }

  /** The sequence number the next packet will carry. */
  public int nextSequenceNumber() {
    return nextSeq;
  }

  /** The timestamp the next packet will carry. */
  public long nextTimestamp() {
    return nextTimestamp;
  }
}
