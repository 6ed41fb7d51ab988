package org.ddsec.protocol.sip.sdp;

import java.util.Objects;

/** One {@code <type>=<value>} line of a session description (RFC 4566 §5) kept as it was. */
public record SdpLine(char type, String value) {

  public SdpLine {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return type + "=" + value;
  }
}
