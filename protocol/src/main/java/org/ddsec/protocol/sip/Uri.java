package org.ddsec.protocol.sip;

/**
 * A URI in a SIP message: a {@link SipUri} ({@code sip:}/{@code sips:}, parsed into its parts) or
 * any other {@link AbsoluteUri} ({@code tel:}, {@code isbn:} …), which RFC 3261 allows in the
 * Request-URI and in To/From/Contact and which a parser must accept (RFC 4475 §3.3.2–3.3.4).
 */
public sealed interface Uri permits SipUri, AbsoluteUri {

  /** The scheme, lower case. */
  String scheme();

  /** Parses a URI (the whole of {@code text}); errors name {@code field}. */
  static Uri parse(String text, String field) throws SipParseException {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new SipParseException(field, "URI '" + SipLexer.abbreviate(SipLexer.printable(text)) + "' (expected: scheme ':' …)");
    }
    String scheme = text.substring(0, colon);
    if (!SipLexer.isAlpha(scheme.charAt(0))) {
      throw new SipParseException(field, "URI scheme '" + SipLexer.abbreviate(SipLexer.printable(scheme)) + "' (expected: a letter first)");
    }
    for (int i = 1; i < scheme.length(); i++) {
      char c = scheme.charAt(i);
      if (!SipLexer.isAlphanum(c) && c != '+' && c != '-' && c != '.') {
        throw new SipParseException(field, "URI scheme '" + SipLexer.abbreviate(SipLexer.printable(scheme)) + "' (expected: letters, digits, '+', '-', '.')");
      }
    }
    if (scheme.equalsIgnoreCase("sip") || scheme.equalsIgnoreCase("sips")) {
      return SipUri.parseAfterScheme(scheme.equalsIgnoreCase("sips"), text.substring(colon + 1), field);
    }
    return AbsoluteUri.parse(scheme, text.substring(colon + 1), field);
  }

  /** Parses a URI given by the application (a configuration value, a test): unchecked on error. */
  static Uri of(String text) {
    try {
      return parse(text, "URI");
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
