package org.ddsec.protocol.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One Via value (RFC 3261 §20.42, §25.1): {@code SIP/2.0/<transport> host[:port];params}.
 * Whitespace is allowed around the slashes and the colon (RFC 4475 §3.1.1.1); unknown transports
 * are kept (RFC 4475 §3.1.1.10).
 *
 * @param transport upper case
 * @param port the port, or {@code -1} when absent
 */
public record Via(String protocolName, String protocolVersion, String transport, String host, int port, Parameters params) {

  /** The RFC 3261 branch prefix (§8.1.1.7). */
  public static final String MAGIC_COOKIE = "z9hG4bK";

  public Via {
    Objects.requireNonNull(protocolName, "protocolName");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(params, "params");
    transport = transport.toUpperCase(Locale.ROOT);
  }

  /** {@code SIP/2.0/<transport> host:port;branch=<branch>}. */
  public static Via of(Transport transport, String host, int port, String branch) {
    return new Via("SIP", "2.0", transport.viaToken(), host, port, Parameters.NONE.with("branch", branch));
  }

  public Optional<String> branch() {
    return params.get("branch");
  }

  /** Whether the branch starts with the RFC 3261 magic cookie and has more after it. */
  public boolean hasRfc3261Branch() {
    return branch().map(b -> b.startsWith(MAGIC_COOKIE) && b.length() > MAGIC_COOKIE.length()).orElse(false);
  }

  public Optional<String> received() {
    return params.get("received");
  }

  /** The rport value (RFC 3581), if present with a value. */
  public Optional<Integer> rport() {
    return params.get("rport").flatMap(v -> {
      try {
        int p = Integer.parseInt(v);
        return p >= 1 && p <= 65535 ? Optional.of(p) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  /** {@code host[:port]} as written. */
  public String sentBy() {
    return port >= 0 ? host + ":" + port : host;
  }

  public Via withParam(String name, String value) {
    return new Via(protocolName, protocolVersion, transport, host, port, params.with(name, value));
  }

  static List<Via> parseList(String value) throws SipParseException {
    SipLexer lx = new SipLexer(value, "Via");
    List<Via> l = new ArrayList<>();
    do {
      l.add(parse(lx));
    } while (lx.trySeparator(','));
    lx.expectEnd("Via");
    return l;
  }

  private static Via parse(SipLexer lx) throws SipParseException {
    lx.skipWs();
    String name = lx.token("Via protocol name");
    lx.expectSeparator('/', "Via sent-protocol");
    String version = lx.token("Via protocol version");
    lx.expectSeparator('/', "Via sent-protocol");
    String transport = lx.token("Via transport");
    if (!lx.skipWs()) {
      throw lx.error("Via: " + lx.describeNext() + " after the transport (expected: LWS, then sent-by)");
    }
    if (!name.equalsIgnoreCase("SIP")) {
      throw lx.error("Via protocol name: " + name + " (expected: SIP)");
    }
    if (!version.equals("2.0")) {
      throw new SipParseException(SipParseException.Reason.VERSION_NOT_SUPPORTED, "Via", "protocol version: " + version + " (expected: 2.0)");
    }
    String host = Hosts.parseHost(lx, "Via sent-by host");
    int port = -1;
    if (lx.trySeparator(':')) {
      port = (int) lx.number("Via sent-by port", 65535);
    }
    Parameters p = Parameters.parseHeaderParams(lx);
    Optional<String> branch = p.get("branch");
    if (p.has("branch") && branch.isEmpty()) {
      throw lx.error("Via branch: no value (expected: branch=token)");
    }
    return new Via(name.toUpperCase(Locale.ROOT), version, transport, host, port, p);
  }

  @Override
  public String toString() {
    return protocolName + "/" + protocolVersion + "/" + transport + " " + sentBy() + params;
  }
}
