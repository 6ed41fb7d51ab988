package org.ddsec.media.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;

/**
 * Reads the UDP/IPv4 datagrams of a classic libpcap capture: either byte order, microsecond or
 * nanosecond timestamps (magic 0xa1b2c3d4 / 0xa1b23c4d), link types Ethernet (1, also with one
 * 802.1Q tag), raw IPv4 (101, 228) and Linux cooked (113). Frames that are not unfragmented
 * IPv4/UDP (ARP, IPv6, TCP, fragments) are skipped and counted.
 *
 * <p>Strict about structure: a truncated record, a record longer than the snapshot length or
 * 256 KiB, a datagram cut short by the capture, or inconsistent IPv4/UDP lengths throw {@link
 * PcapFormatException} naming the record and the field. Reads from a stream the caller owns.
 */
public final class PcapReader {

  private static final int MAX_RECORD = 256 * 1024;

  private final InputStream in;
  private final boolean littleEndian;
  private final boolean nanos;
  private final long snaplen;
  private final long linkType;
  private long record;
  private long skipped;

  /** Reads and checks the 24-byte global header. */
  public PcapReader(InputStream in) throws IOException, PcapFormatException {
    this.in = Objects.requireNonNull(in, "in");
    byte[] h = in.readNBytes(24);
    if (h.length < 24) {
      throw new PcapFormatException("pcap global header: " + h.length + " bytes (expected: 24)");
    }
    long magicLe = u32(h, 0, true);
    if (magicLe == 0xa1b2c3d4L || magicLe == 0xa1b23c4dL) {
      littleEndian = true;
    } else {
      long magicBe = u32(h, 0, false);
      if (magicBe != 0xa1b2c3d4L && magicBe != 0xa1b23c4dL) {
        throw new PcapFormatException(String.format("pcap magic: 0x%08x (expected: 0xa1b2c3d4 or 0xa1b23c4d, either byte order;"
            + " pcapng is not read)", u32(h, 0, false)));
      }
      littleEndian = false;
    }
    nanos = u32(h, 0, littleEndian) == 0xa1b23c4dL;
    int major = littleEndian ? (h[4] & 0xFF) | (h[5] & 0xFF) << 8 : u16(h, 4);
    if (major != 2) {
      throw new PcapFormatException("pcap version major: " + major + " (expected: 2)");
    }
    snaplen = u32(h, 16, littleEndian);
    linkType = u32(h, 20, littleEndian) & 0x0FFF_FFFFL; // the top bits may carry FCS information
    if (linkType != 1 && linkType != 101 && linkType != 228 && linkType != 113) {
      throw new PcapFormatException("pcap link type: " + linkType + " (expected: 1 Ethernet, 101/228 raw IPv4 or 113 Linux cooked)");
    }
  }

  /** The next UDP datagram, or empty at the end of the capture. */
  public Optional<CapturedPacket> next() throws IOException, PcapFormatException {
    while (true) {
      byte[] rh = in.readNBytes(16);
      if (rh.length == 0) {
        return Optional.empty();
      }
      record++;
      if (rh.length < 16) {
        throw new PcapFormatException("pcap record " + record + " header: " + rh.length + " bytes (expected: 16)");
      }
      long sec = u32(rh, 0, littleEndian);
      long frac = u32(rh, 4, littleEndian);
      long incl = u32(rh, 8, littleEndian);
      long orig = u32(rh, 12, littleEndian);
      long max = Math.min(MAX_RECORD, snaplen == 0 ? MAX_RECORD : Math.max(snaplen, 65535));
      if (incl > max) {
        throw new PcapFormatException("pcap record " + record + " incl_len: " + incl + " (expected: ≤ " + max + ")");
      }
      if (frac >= (nanos ? 1_000_000_000L : 1_000_000L)) {
        throw new PcapFormatException("pcap record " + record + " ts_" + (nanos ? "nsec" : "usec") + ": " + frac + " (expected: below one second)");
      }
      byte[] frame = in.readNBytes((int) incl);
      if (frame.length < incl) {
        throw new PcapFormatException("pcap record " + record + ": " + frame.length + " of " + incl + " bytes (expected: the whole record)");
      }
      long micros = sec * 1_000_000L + (nanos ? frac / 1000 : frac);
      Optional<CapturedPacket> p = decode(frame, incl < orig, micros);
      if (p.isPresent()) {
        return p;
      }
      skipped++;
    }
  }

  /** Every remaining datagram. */
  public List<CapturedPacket> readAll() throws IOException, PcapFormatException {
    List<CapturedPacket> all = new ArrayList<>();
    for (Optional<CapturedPacket> p = next(); p.isPresent(); p = next()) {
      all.add(p.get());
    }
    return all;
  }

  /** Records skipped as not IPv4/UDP. */
  public long skipped() {
    return skipped;
  }

  private Optional<CapturedPacket> decode(byte[] f, boolean cut, long micros) throws PcapFormatException {
    int ip;
    if (linkType == 1) {
      if (f.length < 14) {
        return Optional.empty();
      }
      int type = u16(f, 12);
      ip = 14;
      if (type == 0x8100 && f.length >= 18) { // one 802.1Q VLAN tag
        type = u16(f, 16);
        ip = 18;
      }
      if (type != 0x0800) {
        return Optional.empty();
      }
    } else if (linkType == 113) {
      if (f.length < 16 || u16(f, 14) != 0x0800) {
        return Optional.empty();
      }
      ip = 16;
    } else {
      ip = 0;
    }
    if (f.length - ip < 20 || (f[ip] & 0xF0) != 0x40) {
      return Optional.empty();
    }
    int ihl = 4 * (f[ip] & 0x0F);
    int total = u16(f, ip + 2);
    int fragment = u16(f, ip + 6);
    if (f[ip + 9] != 17 || (fragment & 0x3FFF) != 0) {
      return Optional.empty(); // not UDP, or a fragment
    }
    if (ihl < 20 || total < ihl + 8) {
      throw new PcapFormatException("pcap record " + record + " IPv4 header: IHL " + ihl + ", total length " + total
          + " (expected: IHL ≥ 20 and room for a UDP header)");
    }
    if (total > f.length - ip) {
      throw new PcapFormatException("pcap record " + record + " IPv4 total length: " + total + " (expected: ≤ " + (f.length - ip)
          + " captured" + (cut ? "; the capture cut the datagram short" : "") + ")");
    }
    int udp = ip + ihl;
    int udpLen = u16(f, udp + 4);
    if (udpLen < 8 || udpLen > total - ihl) {
      throw new PcapFormatException("pcap record " + record + " UDP length: " + udpLen + " (expected: 8.." + (total - ihl) + ")");
    }
    UdpEndpoint src = new UdpEndpoint(u32(f, ip + 12, false), u16(f, udp));
    UdpEndpoint dst = new UdpEndpoint(u32(f, ip + 16, false), u16(f, udp + 2));
    return Optional.of(new CapturedPacket(micros, src, dst, Bytes.of(f, udp + 8, udpLen - 8)));
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
  }

  private static long u32(byte[] b, int at, boolean le) {
    if (le) {
      return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
    return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
  }
}
