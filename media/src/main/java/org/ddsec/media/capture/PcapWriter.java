package org.ddsec.media.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes UDP datagrams as a classic libpcap capture (the {@code .pcap} format of tcpdump and
 * Wireshark: magic 0xa1b2c3d4 little-endian, version 2.4, microsecond timestamps, link type 1
 * Ethernet). Each datagram is framed as Ethernet II / IPv4 (20-byte header, DF, TTL 64, DSCP EF,
 * header checksum) / UDP (checksum over the RFC 768 pseudo-header), so {@code tshark -r} and
 * Wireshark decode it as the network would have shown it, and "Decode As RTP" shows the stream.
 * The MAC addresses are fixed locally administered ones; they carry no information.
 *
 * <p>Writes to a stream the caller owns (and closes). Not thread-safe.
 */
public final class PcapWriter {

  /** Link type 1: Ethernet (tcpdump.org LINKTYPE_ETHERNET). */
  public static final int LINKTYPE_ETHERNET = 1;

  /** Snapshot length written in the header: whole datagrams are always captured. */
  public static final int SNAPLEN = 65535;

  /** Largest UDP payload an IPv4 datagram can carry: 65535 − 20 − 8. */
  public static final int MAX_UDP_PAYLOAD = 65507;

  static final int ETHERNET_HEADER = 14;
  static final int IPV4_HEADER = 20;
  static final int UDP_HEADER = 8;

  private static final byte[] DST_MAC = {0x02, 0, 0, 0, 0, 0x02};
  private static final byte[] SRC_MAC = {0x02, 0, 0, 0, 0, 0x01};

  private final OutputStream out;
  private int ipId;
  private long packets;

  /** Writes the 24-byte global header to {@code out}. */
  public PcapWriter(OutputStream out) throws IOException {
    this.out = Objects.requireNonNull(out, "out");
    byte[] h = new byte[24];
    le32(h, 0, 0xa1b2c3d4L);
    le16(h, 4, 2);
    le16(h, 6, 4);
    // thiszone 0, sigfigs 0
    le32(h, 16, SNAPLEN);
    le32(h, 20, LINKTYPE_ETHERNET);
    out.write(h);
  }

  /**
   * Appends one datagram.
   *
   * @param timestampMicros capture time, µs since the epoch
   * @throws IllegalArgumentException if the payload exceeds {@link #MAX_UDP_PAYLOAD} or the time
   *     is negative
   */
  public void writeUdp(long timestampMicros, UdpEndpoint source, UdpEndpoint destination, byte[] payload) throws IOException {
    out.write(frame(timestampMicros, source, destination, payload, ipId));
    ipId = (ipId + 1) & 0xFFFF;
    packets++;
  }

  /** Datagrams written so far. */
  public long packetsWritten() {
    return packets;
  }

  /** The record (16-byte record header and frame) for one datagram. */
  static byte[] frame(long timestampMicros, UdpEndpoint src, UdpEndpoint dst, byte[] payload, int ipId) {
    Objects.requireNonNull(payload, "payload");
    if (payload.length > MAX_UDP_PAYLOAD) {
      throw new IllegalArgumentException("UDP payload: " + payload.length + " bytes (expected: ≤ " + MAX_UDP_PAYLOAD + ")");
    }
    if (timestampMicros < 0 || timestampMicros / 1_000_000 > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("timestamp: " + timestampMicros + " µs (expected: 0 .. 2^32 s)");
    }
    int udpLen = UDP_HEADER + payload.length;
    int ipLen = IPV4_HEADER + udpLen;
    int frameLen = ETHERNET_HEADER + ipLen;
    byte[] r = new byte[16 + frameLen];
    le32(r, 0, timestampMicros / 1_000_000);
    le32(r, 4, timestampMicros % 1_000_000);
    le32(r, 8, frameLen);
    le32(r, 12, frameLen);
    int e = 16;
    System.arraycopy(DST_MAC, 0, r, e, 6);
    System.arraycopy(SRC_MAC, 0, r, e + 6, 6);
    be16(r, e + 12, 0x0800);
    int ip = e + ETHERNET_HEADER;
    r[ip] = 0x45; // IPv4, 5 words
    r[ip + 1] = (byte) 0xB8; // DSCP EF (46): voice
    be16(r, ip + 2, ipLen);
    be16(r, ip + 4, ipId);
    be16(r, ip + 6, 0x4000); // DF, no fragments
    r[ip + 8] = 64;
    r[ip + 9] = 17; // UDP
    be32(r, ip + 12, src.address());
    be32(r, ip + 16, dst.address());
    be16(r, ip + 10, checksum(r, ip, IPV4_HEADER, 0));
    int udp = ip + IPV4_HEADER;
    be16(r, udp, src.port());
    be16(r, udp + 2, dst.port());
    be16(r, udp + 4, udpLen);
    System.arraycopy(payload, 0, r, udp + UDP_HEADER, payload.length);
    // RFC 768 pseudo-header: source, destination, zero, protocol, UDP length
    long pseudo = (src.address() >>> 16) + (src.address() & 0xFFFF) + (dst.address() >>> 16) + (dst.address() & 0xFFFF) + 17 + udpLen;
    int c = checksum(r, udp, udpLen, pseudo);
    be16(r, udp + 6, c == 0 ? 0xFFFF : c); // 0 means "no checksum" in IPv4
    return r;
  }

  /** The Internet checksum (RFC 1071) of {@code b[off, off+len)} plus {@code initial}. */
  static int checksum(byte[] b, int off, int len, long initial) {
    long sum = initial;
    for (int i = 0; i + 1 < len; i += 2) {
      sum += (b[off + i] & 0xFF) << 8 | (b[off + i + 1] & 0xFF);
    }
    if ((len & 1) != 0) {
      sum += (b[off + len - 1] & 0xFF) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }

  private static void le16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  private static void le32(byte[] b, int at, long v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  private static void be16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  private static void be32(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
