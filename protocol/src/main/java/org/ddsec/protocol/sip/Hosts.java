package org.ddsec.protocol.sip;

/** The {@code host} production of RFC 3261 §25.1: hostname, IPv4address or IPv6reference. */
final class Hosts {

  private Hosts() {}

  /** Reads a host at the lexer's position and validates it. */
  static String parseHost(SipLexer lx, String what) throws SipParseException {
    if (lx.peek() == '[') {
      int start = lx.pos();
      lx.advance();
      lx.spanOpt(c -> SipLexer.isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.');
      if (lx.peek() != ']') {
        throw lx.error(what + ": IPv6 reference " + lx.describeNext() + " (expected: hex digits, ':' and ']')");
      }
      lx.advance();
      String ref = lx.substring(start, lx.pos());
      if (ref.length() < 4 || ref.indexOf(':') < 0) {
        throw lx.error(what + ": " + ref + " (expected: an IPv6 reference such as [::1])");
      }
      return ref;
    }
    String h = lx.span(what, c -> SipLexer.isAlphanum(c) || c == '-' || c == '.');
    validate(h, lx, what);
    return h;
  }

  /** Checks a hostname or IPv4address. */
  static void validate(String h, SipLexer lx, String what) throws SipParseException {
    String body = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    if (body.isEmpty()) {
      throw lx.error(what + ": '" + h + "' (expected: a host name or IP address)");
    }
    String[] labels = body.split("\\.", -1);
    boolean numeric = true;
    for (String l : labels) {
      if (l.isEmpty() || l.startsWith("-") || l.endsWith("-")) {
        throw lx.error(what + ": '" + SipLexer.abbreviate(h) + "' (expected: labels of letters, digits and inner '-')");
      }
      for (int i = 0; i < l.length(); i++) {
        if (!SipLexer.isDigit(l.charAt(i))) {
          numeric = false;
        }
      }
    }
    if (numeric) {
      if (labels.length != 4 || h.endsWith(".")) {
        throw lx.error(what + ": '" + h + "' (expected: an IPv4 address of four octets)");
      }
      for (String l : labels) {
        if (l.length() > 3 || Integer.parseInt(l) > 255) {
          throw lx.error(what + ": '" + h + "' (expected: IPv4 octets 0..255)");
        }
      }
      return;
    }
    String top = labels[labels.length - 1];
    if (!SipLexer.isAlpha(top.charAt(0))) {
      throw lx.error(what + ": '" + SipLexer.abbreviate(h) + "' (expected: the top label to start with a letter)");
    }
  }
}
