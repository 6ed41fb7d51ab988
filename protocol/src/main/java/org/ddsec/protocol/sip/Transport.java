package org.ddsec.protocol.sip;

/** The SIP transports ddsec speaks (RFC 3261 §18). */
public enum Transport {
  /** Unreliable: the transaction layer retransmits (RFC 3261 §17, timers A, E, G). */
  UDP(false),
  /** Reliable stream over TLS, framed by Content-Length (RFC 3261 §18.3, §26.2.1). */
  TLS(true);

  private final boolean reliable;

  Transport(boolean reliable) {
    this.reliable = reliable;
  }

  public boolean reliable() {
    return reliable;
  }

  /** The Via transport token ({@code UDP}, {@code TLS}). */
  public String viaToken() {
    return name();
  }

  /** The transport of a Via token or URI {@code transport} parameter (case-insensitive). */
  public static Transport fromToken(String token) throws SipParseException {
    for (Transport t : values()) {
      if (t.name().equalsIgnoreCase(token)) {
        return t;
      }
    }
    throw new SipParseException("transport", token + " (expected: UDP or TLS)");
  }
}
