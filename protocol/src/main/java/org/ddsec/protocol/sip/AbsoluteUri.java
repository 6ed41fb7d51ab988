package org.ddsec.protocol.sip;

import java.util.Locale;
import java.util.Objects;

/**
 * A URI of a scheme other than sip/sips, kept as scheme and scheme-specific part (RFC 3261
 * §25.1 absoluteURI: hier-part / opaque-part made of uric characters).
 */
public record AbsoluteUri(String scheme, String schemeSpecificPart) implements Uri {

  public AbsoluteUri {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(schemeSpecificPart, "schemeSpecificPart");
    scheme = scheme.toLowerCase(Locale.ROOT);
  }

  static AbsoluteUri parse(String scheme, String rest, String field) throws SipParseException {
    if (rest.isEmpty()) {
      throw new SipParseException(field, scheme + ": URI without content (expected: hier-part or opaque-part)");
    }
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '%') {
        if (i + 2 >= rest.length() || Character.digit(rest.charAt(i + 1), 16) < 0 || Character.digit(rest.charAt(i + 2), 16) < 0) {
          throw new SipParseException(field, scheme + " URI: bad escape at " + i + " (expected: % HEX HEX)");
        }
        i += 2;
      } else if (!SipLexer.isUnreserved(c) && ";/?:@&=+$,".indexOf(c) < 0) {
        throw new SipParseException(field, scheme + " URI: " + SipLexer.describe(c) + " (expected: uric characters)");
      }
    }
    return new AbsoluteUri(scheme, rest);
  }

  @Override
  public String toString() {
    return scheme + ":" + schemeSpecificPart;
  }
}
