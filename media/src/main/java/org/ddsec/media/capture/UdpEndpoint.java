package org.ddsec.media.capture;

import java.util.Objects;

/**
 * An IPv4 address and UDP port, as they appear in a capture file. (The media layer opens no
 * socket, so this is a value, not a {@code java.net} address.)
 *
 * @param address the 32-bit IPv4 address, unsigned
 * @param port 0..65535
 */
public record UdpEndpoint(long address, int port) {

  public UdpEndpoint {
    if (address < 0 || address > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("IPv4 address: " + address + " (expected: 32 bits unsigned)");
    }
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("UDP port: " + port + " (expected: 0..65535)");
    }
  }

  /**
   * Parses {@code a.b.c.d:port}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static UdpEndpoint parse(String s) {
    Objects.requireNonNull(s, "s");
    int colon = s.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("UDP endpoint: '" + s + "' (expected: a.b.c.d:port)");
    }
    String[] parts = s.substring(0, colon).split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("IPv4 address: '" + s.substring(0, colon) + "' (expected: four decimal octets)");
    }
    long a = 0;
    for (String p : parts) {
      a = a << 8 | decimal(p, 255, "IPv4 octet");
    }
    return new UdpEndpoint(a, (int) decimal(s.substring(colon + 1), 65535, "UDP port"));
  }

  private static long decimal(String p, long max, String what) {
    if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(what + ": '" + p + "' (expected: decimal 0.." + max + ")");
    }
    long v = Long.parseLong(p);
    if (v > max) {
      throw new IllegalArgumentException(what + ": " + v + " (expected: 0.." + max + ")");
    }
    return v;
  }

  /** {@code a.b.c.d:port}. */
  @Override
  public String toString() {
    return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF) + ":" + port;
  }
}
