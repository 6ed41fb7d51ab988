package org.ddsec.protocol.sip.sdp;

import java.util.Objects;

/** {@code o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>} (RFC 4566 §5.2). */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType, String address) {

  public Origin {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(sessionVersion, "sessionVersion");
    Objects.requireNonNull(netType, "netType");
    Objects.requireNonNull(addrType, "addrType");
    Objects.requireNonNull(address, "address");
  }

  @Override
  public String toString() {
    return String.join(" ", username, sessionId, sessionVersion, netType, addrType, address);
  }
}
