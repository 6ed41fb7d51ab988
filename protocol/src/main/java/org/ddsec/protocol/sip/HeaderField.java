package org.ddsec.protocol.sip;

import java.util.Objects;

/**
 * One header field line: its name (canonical form for known headers, see {@link HeaderNames}) and
 * its unfolded value. Values contain no CR, LF or other control characters except HTAB (and,
 * inside a quoted string, after a backslash).
 */
public record HeaderField(String name, String value) {

  public HeaderField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    for (int i = 0; i < name.length(); i++) {
      if (!SipLexer.isTokenChar(name.charAt(i))) {
        throw new IllegalArgumentException("header name: '" + SipLexer.printable(name) + "' (expected: a token)");
      }
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("header name: empty");
    }
    name = HeaderNames.canonical(name);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n') {
        throw new IllegalArgumentException("header " + name + ": CR or LF in the value");
      }
    }
  }

  public boolean is(String headerName) {
    return name.equalsIgnoreCase(HeaderNames.canonical(headerName));
  }

  @Override
  public String toString() {
    return name + ": " + value;
  }
}
