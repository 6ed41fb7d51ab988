package org.ddsec.media.capture;

import java.util.Objects;
import org.ddsec.core.Bytes;

/**
 * One UDP datagram of a capture: when it arrived, from where to where, and its payload exactly as
 * it was on the wire (for a stored message, an SRTP packet).
 *
 * @param timestampMicros arrival time, microseconds since 1970-01-01T00:00Z
 */
public record CapturedPacket(long timestampMicros, UdpEndpoint source, UdpEndpoint destination, Bytes payload) {
  public CapturedPacket {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(payload, "payload");
    if (timestampMicros < 0) {
      throw new IllegalArgumentException("timestamp: " + timestampMicros + " µs (expected: ≥ 0)");
    }
  }
}
