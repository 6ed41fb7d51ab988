package org.ddsec.protocol.sip.sdp;

import java.util.Objects;

/**
 * {@code c=<nettype> <addrtype> <connection-address>} (RFC 4566 §5.7). For multicast the address
 * may carry {@code /ttl[/count]}; {@link #host()} is the address without it.
 */
public record Connection(String netType, String addrType, String address) {

  public Connection {
    Objects.requireNonNull(netType, "netType");
    Objects.requireNonNull(addrType, "addrType");
    Objects.requireNonNull(address, "address");
  }

  /** {@code IN IP4 <address>} or {@code IN IP6 <address>}, by the address's form. */
  public static Connection of(String address) {
    return new Connection("IN", address.indexOf(':') >= 0 ? "IP6" : "IP4", address);
  }

  public String host() {
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }

  @Override
  public String toString() {
    return netType + " " + addrType + " " + address;
  }
}
