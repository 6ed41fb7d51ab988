package org.ddsec.media.rtp;

import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;

/**
 * An RTP data packet (RFC 3550 §5.1), immutable. {@link #parse} is strict: version 2, every
 * length checked against what remains, padding count within the payload; {@link #encode} writes
 * the same layout back, so {@code parse(p.encode())} equals {@code p}.
 *
 * @param marker the M bit
 * @param payloadType 7 bits
 * @param sequenceNumber 16 bits
 * @param timestamp 32 bits, unsigned
 * @param ssrc 32 bits, unsigned
 * @param csrcs up to 15 contributing sources, each 32 bits unsigned
 * @param extension the header extension (RFC 3550 §5.3.1), or {@code null}
 * @param payload the payload, without padding
 * @param paddingLength 0 for no padding (P bit clear), else 1..255 octets including the count octet
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
    List<Long> csrcs, HeaderExtension extension, Bytes payload, int paddingLength) {

  /** RTP version 2 (RFC 3550 §5.1). */
  public static final int VERSION = 2;

  /** Length of the fixed header. */
  public static final int FIXED_HEADER_BYTES = 12;

  /**
   * A header extension: 16 bits defined by profile, then a whole number of 32-bit words
   * (RFC 3550 §5.3.1).
   */
  public record HeaderExtension(int profile, Bytes data) {
    public HeaderExtension {
      Objects.requireNonNull(data, "data");
      if (profile < 0 || profile > 0xFFFF) {
        throw new IllegalArgumentException("extension profile: " + profile + " (expected: 16 bits)");
      }
      if (data.length() % 4 != 0 || data.length() > 4 * 0xFFFF) {
        throw new IllegalArgumentException("extension data: " + data.length() + " bytes (expected: a multiple of 4, ≤ 262140)");
      }
    }
  }

  public RtpPacket {
    Objects.requireNonNull(payload, "payload");
    csrcs = List.copyOf(Objects.requireNonNull(csrcs, "csrcs"));
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type: " + payloadType + " (expected: 0..127)");
    }
    if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
      throw new IllegalArgumentException("sequence number: " + sequenceNumber + " (expected: 0..65535)");
    }
    checkU32("timestamp", timestamp);
    checkU32("SSRC", ssrc);
    if (csrcs.size() > 15) {
      throw new IllegalArgumentException("CSRC count: " + csrcs.size() + " (expected: ≤ 15)");
    }
    for (long c : csrcs) {
      checkU32("CSRC", c);
    }
    if (paddingLength < 0 || paddingLength > 255) {
      throw new IllegalArgumentException("padding: " + paddingLength + " bytes (expected: 0..255)");
    }
  }

  /** A packet with no CSRC, no extension and no padding. */
  public static RtpPacket of(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc, Bytes payload) {
    return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, List.of(), null, payload, 0);
  }

  /** Length of the header: fixed part, CSRCs and extension. */
  public int headerLength() {
    return FIXED_HEADER_BYTES + 4 * csrcs.size() + (extension == null ? 0 : 4 + extension.data().length());
  }

  /** The wire encoding. */
  public byte[] encode() {
    int hl = headerLength();
    byte[] b = new byte[hl + payload.length() + paddingLength];
    b[0] = (byte) (VERSION << 6 | (paddingLength > 0 ? 0x20 : 0) | (extension != null ? 0x10 : 0) | csrcs.size());
    b[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    b[2] = (byte) (sequenceNumber >>> 8);
    b[3] = (byte) sequenceNumber;
    putU32(b, 4, timestamp);
    putU32(b, 8, ssrc);
    int at = FIXED_HEADER_BYTES;
    for (long c : csrcs) {
      putU32(b, at, c);
      at += 4;
    }
    if (extension != null) {
      b[at] = (byte) (extension.profile() >>> 8);
      b[at + 1] = (byte) extension.profile();
      int words = extension.data().length() / 4;
      b[at + 2] = (byte) (words >>> 8);
      b[at + 3] = (byte) words;
      extension.data().copyTo(b, at + 4);
      at += 4 + extension.data().length();
    }
    payload.copyTo(b, at);
    if (paddingLength > 0) {
      b[b.length - 1] = (byte) paddingLength; // RFC 3550 §5.1: the last octet counts the padding
    }
    return b;
  }

  /**
   * Parses one RTP packet that fills {@code b} exactly.
   *
   * @throws RtpFormatException naming the field that is wrong
   */
  public static RtpPacket parse(byte[] b) throws RtpFormatException {
    return parse(b, 0, b.length);
  }

  /** Parses the RTP packet in {@code b[offset, offset+length)}. */
  public static RtpPacket parse(byte[] b, int offset, int length) throws RtpFormatException {
    Objects.checkFromIndexSize(offset, length, b.length);
    if (length < FIXED_HEADER_BYTES) {
      throw new RtpFormatException("RTP packet: " + length + " bytes (expected: ≥ 12, the fixed header)");
    }
    int v = (b[offset] & 0xFF) >>> 6;
    if (v != VERSION) {
      throw new RtpFormatException("RTP version: " + v + " (expected: 2)");
    }
    boolean p = (b[offset] & 0x20) != 0;
    boolean x = (b[offset] & 0x10) != 0;
    int cc = b[offset] & 0x0F;
    boolean m = (b[offset + 1] & 0x80) != 0;
    int pt = b[offset + 1] & 0x7F;
    int seq = (b[offset + 2] & 0xFF) << 8 | (b[offset + 3] & 0xFF);
    long ts = u32(b, offset + 4);
    long ssrc = u32(b, offset + 8);
    int at = FIXED_HEADER_BYTES;
    if (length - at < 4 * cc) {
      throw new RtpFormatException("RTP CSRC list: " + 4 * cc + " bytes for CC " + cc + " (expected: ≤ " + (length - at) + " remaining)");
    }
    Long[] csrc = new Long[cc];
    for (int i = 0; i < cc; i++) {
      csrc[i] = u32(b, offset + at);
      at += 4;
    }
    HeaderExtension ext = null;
    if (x) {
      if (length - at < 4) {
        throw new RtpFormatException("RTP header extension: " + (length - at) + " bytes (expected: ≥ 4 for X = 1)");
      }
      int profile = (b[offset + at] & 0xFF) << 8 | (b[offset + at + 1] & 0xFF);
      int words = (b[offset + at + 2] & 0xFF) << 8 | (b[offset + at + 3] & 0xFF);
      at += 4;
      if (length - at < 4 * words) {
        throw new RtpFormatException("RTP header extension length: " + words + " words (expected: ≤ " + (length - at) / 4 + " remaining)");
      }
      ext = new HeaderExtension(profile, Bytes.of(b, offset + at, 4 * words));
      at += 4 * words;
    }
    int payloadEnd = length;
    int pad = 0;
    if (p) {
      if (length == at) {
        throw new RtpFormatException("RTP padding: P = 1 with no payload octets (expected: a padding count octet)");
      }
      pad = b[offset + length - 1] & 0xFF;
      if (pad == 0 || pad > length - at) {
        throw new RtpFormatException("RTP padding count: " + pad + " (expected: 1.." + (length - at) + ")");
      }
      payloadEnd = length - pad;
    }
    return new RtpPacket(m, pt, seq, ts, ssrc, List.of(csrc), ext, Bytes.of(b, offset + at, payloadEnd - at), pad);
  }

  private static void checkU32(String what, long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(what + ": " + v + " (expected: 32 bits unsigned)");
    }
  }

  static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
  }

  private static void putU32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
