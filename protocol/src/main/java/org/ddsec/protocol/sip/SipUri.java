package org.ddsec.protocol.sip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A SIP or SIPS URI (RFC 3261 §19.1, grammar §25.1): user and password (with {@code %HH}
 * escapes resolved, RFC 4475 §3.1.1.3–3.1.1.4), host, optional port, URI parameters and headers
 * (names and values unescaped). {@link #toString()} re-escapes. Comparisons that RFC 3261
 * §19.1.4 makes case-insensitive (scheme, host, parameter names) are done so by {@link #aor()}.
 *
 * @param port the port, or {@code -1} when absent
 */
public record SipUri(boolean secure, String user, String password, String host, int port, Parameters params, Parameters headers)
    implements Uri {

  private static final String USER_UNRESERVED = "&=+$,;?/";
  private static final String PASSWORD_EXTRA = "&=+$,";
  private static final String PARAM_UNRESERVED = "[]/:&+$";
  private static final String HNV_UNRESERVED = "[]/?:+$";

  public SipUri {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(headers, "headers");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("SIP URI host: empty");
    }
    if (port != -1 && (port < 0 || port > 65535)) {
      throw new IllegalArgumentException("SIP URI port: " + port + " (expected: 0..65535 or -1)");
    }
    if (password != null && user == null) {
      throw new IllegalArgumentException("SIP URI: password without user");
    }
  }

  /** {@code sip:user@host[:port]} without parameters. */
  public static SipUri of(String user, String host, int port) {
    return new SipUri(false, user, null, host, port, Parameters.NONE, Parameters.NONE);
  }

  /** Parses {@code text} as a SIP/SIPS URI; unchecked on error (for configuration and tests). */
  public static SipUri parse(String text) {
    Uri u = Uri.of(text);
    if (u instanceof SipUri s) {
      return s;
    }
    throw new IllegalArgumentException("URI: " + text + " (expected: a sip: or sips: URI)");
  }

  @Override
  public String scheme() {
    return secure ? "sips" : "sip";
  }

  public Optional<String> param(String name) {
    return params.get(name);
  }

  /** The {@code transport} parameter, if any, lower case. */
  public Optional<String> transport() {
    return params.get("transport").map(t -> t.toLowerCase(Locale.ROOT));
  }

  /** Whether the URI has the {@code lr} parameter (loose routing, RFC 3261 §16.4). */
  public boolean looseRouting() {
    return params.has("lr");
  }

  public SipUri withParams(Parameters p) {
    return new SipUri(secure, user, password, host, port, p, headers);
  }

  public SipUri withParam(String name, String value) {
    return withParams(params.with(name, value));
  }

  public SipUri withoutHeaders() {
    return new SipUri(secure, user, password, host, port, params, Parameters.NONE);
  }

  public SipUri withHeaders(Parameters h) {
    return new SipUri(secure, user, password, host, port, params, h);
  }

  /**
   * The address-of-record form used as a registrar key (RFC 3261 §10.3 step 5): scheme, user,
   * host in lower case and port, without parameters, headers or password — e.g. {@code
   * sip:bob@ims.example.org}.
   */
  public String aor() {
    StringBuilder b = new StringBuilder(scheme()).append(':');
    if (user != null) {
      b.append(escape(user, USER_UNRESERVED)).append('@');
    }
    b.append(host.toLowerCase(Locale.ROOT));
    if (port >= 0) {
      b.append(':').append(port);
    }
    return b.toString();
  }

  /** This URI without parameters and headers (the AOR as a URI). */
  public SipUri aorUri() {
    return new SipUri(secure, user, null, host.toLowerCase(Locale.ROOT), port, Parameters.NONE, Parameters.NONE);
  }

  static SipUri parseAfterScheme(boolean secure, String rest, String field) throws SipParseException {
    String user = null;
    String password = null;
    String hostPart = rest;
    int at = rest.indexOf('@');
    if (at >= 0) {
      if (rest.indexOf('@', at + 1) >= 0) {
        throw new SipParseException(field, "SIP URI: more than one '@' (expected: '@' in the user part escaped as %40)");
      }
      String userinfo = rest.substring(0, at);
      hostPart = rest.substring(at + 1);
      int colon = userinfo.indexOf(':');
      String rawUser = colon >= 0 ? userinfo.substring(0, colon) : userinfo;
      if (rawUser.isEmpty()) {
        throw new SipParseException(field, "SIP URI user: empty before '@' (expected: 1*(unreserved / escaped / user-unreserved))");
      }
      user = unescape(rawUser, USER_UNRESERVED, field, "SIP URI user");
      if (colon >= 0) {
        password = unescape(userinfo.substring(colon + 1), PASSWORD_EXTRA, field, "SIP URI password");
      }
    }
    SipLexer lx = new SipLexer(hostPart, field);
    String host = Hosts.parseHost(lx, "SIP URI host");
    int port = -1;
    if (lx.peek() == ':') {
      lx.advance();
      port = (int) lx.number("SIP URI port", 65535);
    }
    List<Parameters.Param> params = new ArrayList<>();
    while (lx.peek() == ';') {
      lx.advance();
      String raw = lx.spanOpt(c -> c != ';' && c != '?');
      int eq = raw.indexOf('=');
      String name = unescape(eq >= 0 ? raw.substring(0, eq) : raw, PARAM_UNRESERVED, field, "SIP URI parameter name");
      if (name.isEmpty()) {
        throw new SipParseException(field, "SIP URI parameter: empty name (expected: pname [= pvalue])");
      }
      String value = eq >= 0 ? unescape(raw.substring(eq + 1), PARAM_UNRESERVED, field, "SIP URI parameter " + name) : null;
      if (value != null && value.isEmpty()) {
        throw new SipParseException(field, "SIP URI parameter " + name + ": empty value after '='");
      }
      params.add(new Parameters.Param(name, value));
    }
    List<Parameters.Param> headers = new ArrayList<>();
    if (lx.peek() == '?') {
      lx.advance();
      String all = lx.rest();
      lx.reset(lx.pos() + all.length());
      for (String h : all.split("&", -1)) {
        int eq = h.indexOf('=');
        if (eq <= 0) {
          throw new SipParseException(field, "SIP URI header '" + SipLexer.abbreviate(SipLexer.printable(h)) + "' (expected: hname=hvalue)");
        }
        headers.add(new Parameters.Param(unescape(h.substring(0, eq), HNV_UNRESERVED, field, "SIP URI header name"),
            unescape(h.substring(eq + 1), HNV_UNRESERVED, field, "SIP URI header value")));
      }
    }
    if (!lx.atEnd()) {
      throw new SipParseException(field, "SIP URI: unexpected " + lx.describeNext() + " after the host (expected: ':' port, ';' parameters or '?' headers)");
    }
    return new SipUri(secure, user, password, host, port, Parameters.of(params), Parameters.of(headers));
  }

  /** Resolves %HH escapes; every other char must be unreserved or in {@code extra}. */
  static String unescape(String raw, String extra, String field, String what) throws SipParseException {
    if (raw.indexOf('%') < 0) {
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (!SipLexer.isUnreserved(c) && extra.indexOf(c) < 0) {
          throw new SipParseException(field, what + ": " + SipLexer.describe(c) + " (expected: unreserved, escaped or one of " + extra + ")");
        }
      }
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new SipParseException(field, what + ": bad escape at " + i + " (expected: % HEX HEX)");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else if (SipLexer.isUnreserved(c) || extra.indexOf(c) >= 0) {
        out.write(c);
      } else {
        throw new SipParseException(field, what + ": " + SipLexer.describe(c) + " (expected: unreserved, escaped or one of " + extra + ")");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new SipParseException(field, what + ": escaped bytes are not UTF-8");
    }
  }

  /** Escapes every char that is neither unreserved nor in {@code extra} as UTF-8 %HH. */
  static String escape(String s, String extra) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c < 0x80 && (SipLexer.isUnreserved(c) || extra.indexOf(c) >= 0);
      if (ok) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(s.length() + 8).append(s, 0, i);
      }
      int cp = s.codePointAt(i);
      if (Character.charCount(cp) == 2) {
        i++;
      }
      for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        b.append('%').append(Character.toUpperCase(Character.forDigit(x >> 4 & 0xF, 16))).append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
      }
    }
    return b == null ? s : b.toString();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(scheme()).append(':');
    if (user != null) {
      b.append(escape(user, USER_UNRESERVED));
      if (password != null) {
        b.append(':').append(escape(password, PASSWORD_EXTRA));
      }
      b.append('@');
    }
    b.append(host);
    if (port >= 0) {
      b.append(':').append(port);
    }
    for (Parameters.Param p : params.list()) {
      b.append(';').append(escape(p.name(), PARAM_UNRESERVED));
      if (p.value() != null) {
        b.append('=').append(escape(p.value(), PARAM_UNRESERVED));
      }
    }
    String sep = "?";
    for (Parameters.Param h : headers.list()) {
      b.append(sep).append(escape(h.name(), HNV_UNRESERVED)).append('=').append(escape(h.value(), HNV_UNRESERVED));
      sep = "&";
    }
    return b.toString();
  }
}
