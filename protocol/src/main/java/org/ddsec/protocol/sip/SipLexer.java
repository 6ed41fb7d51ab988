package org.ddsec.protocol.sip;

/**
 * A cursor over one unfolded header value (or start-line element) with the RFC 3261 §25.1
 * lexical rules: tokens, quoted strings with quoted-pairs, and the separators that allow
 * whitespace around them (SEMI, EQUAL, COMMA, SLASH, COLON, LAQUOT, RAQUOT). After unfolding,
 * LWS is a run of SP / HTAB. Every error names {@link #field}.
 */
final class SipLexer {

  private final String s;
  private final String field;
  private int pos;

  SipLexer(String s, String field) {
    this.s = s;
    this.field = field;
  }

  String field() {
    return field;
  }

  int pos() {
    return pos;
  }

  void reset(int p) {
    pos = p;
  }

  boolean atEnd() {
    return pos >= s.length();
  }

  /** The next char, or {@code 0} at the end. */
  char peek() {
    return pos < s.length() ? s.charAt(pos) : 0;
  }

  String rest() {
    return s.substring(pos);
  }

  String substring(int from, int to) {
    return s.substring(from, to);
  }

  /** Skips SP / HTAB; returns whether any were skipped. */
  boolean skipWs() {
    int p = pos;
    while (pos < s.length() && isWsp(s.charAt(pos))) {
      pos++;
    }
    return pos > p;
  }

  /** Skips whitespace, then consumes {@code c} (and whitespace after it) if it is next. */
  boolean trySeparator(char c) {
    int p = pos;
    skipWs();
    if (peek() == c) {
      pos++;
      skipWs();
      return true;
    }
    pos = p;
    return false;
  }

  void expectSeparator(char c, String what) throws SipParseException {
    if (!trySeparator(c)) {
      throw error(what + ": " + describeNext() + " (expected: '" + c + "')");
    }
  }

  void expectEnd(String what) throws SipParseException {
    skipWs();
    if (!atEnd()) {
      throw error(what + ": unexpected " + describeNext() + " (expected: end of value)");
    }
  }

  /** 1*token-char (RFC 3261 §25.1), or an error naming {@code what}. */
  String token(String what) throws SipParseException {
    int p = pos;
    while (pos < s.length() && isTokenChar(s.charAt(pos))) {
      pos++;
    }
    if (pos == p) {
      throw error(what + ": " + describeNext() + " (expected: a token)");
    }
    return s.substring(p, pos);
  }

  /** 1*word-char (RFC 3261 §25.1, used by Call-ID). */
  String word(String what) throws SipParseException {
    int p = pos;
    while (pos < s.length() && isWordChar(s.charAt(pos))) {
      pos++;
    }
    if (pos == p) {
      throw error(what + ": " + describeNext() + " (expected: a word)");
    }
    return s.substring(p, pos);
  }

  /** 1*DIGIT as a long, at most {@code max}; leading zeros allowed (RFC 4475 §3.1.1.1). */
  long number(String what, long max) throws SipParseException {
    int p = pos;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == p) {
      throw error(what + ": " + describeNext() + " (expected: digits)");
    }
    String digits = s.substring(p, pos);
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    if (trimmed.length() > 18 || Long.parseLong(trimmed) > max) {
      throw error(what + ": " + abbreviate(digits) + " (expected: at most " + max + ")");
    }
    return Long.parseLong(trimmed);
  }

  /**
   * A quoted-string (RFC 3261 §25.1): returns its raw form including the quotes. qdtext is LWS,
   * %x21 / %x23-5B / %x5D-7E or non-ASCII; quoted-pair is a backslash and any char except CR/LF.
   */
  String quotedString(String what) throws SipParseException {
    int start = pos;
    if (peek() != '"') {
      throw error(what + ": " + describeNext() + " (expected: '\"')");
    }
    pos++;
    while (true) {
      if (pos >= s.length()) {
        throw error(what + ": unterminated quoted string (expected: closing '\"')");
      }
      char c = s.charAt(pos);
      if (c == '"') {
        pos++;
        return s.substring(start, pos);
      }
      if (c == '\\') {
        if (pos + 1 >= s.length()) {
          throw error(what + ": unterminated quoted string (expected: closing '\"')");
        }
        char q = s.charAt(pos + 1);
        if (q == '\r' || q == '\n' || q > 0x7F) {
          throw error(what + ": quoted-pair with " + describe(q) + " (expected: %x00-09 / %x0B-0C / %x0E-7F)");
        }
        pos += 2;
        continue;
      }
      if (c < 0x20 && c != '\t' || c == 0x7F) {
        throw error(what + ": control character " + describe(c) + " in quoted string");
      }
      pos++;
    }
  }

  /** The content of a raw quoted string with quoted-pairs resolved. */
  static String unquote(String quoted) {
    StringBuilder b = new StringBuilder(quoted.length());
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c == '\\' && i + 1 < quoted.length() - 1) {
        c = quoted.charAt(++i);
      }
      b.append(c);
    }
    return b.toString();
  }

  /** {@code text} as a quoted-string, escaping {@code "} and {@code \}. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20 && c != '\t' || c == 0x7F) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  /** Consumes chars while {@code pred} holds (at least one), returning them. */
  String span(String what, CharPredicate pred) throws SipParseException {
    int p = pos;
    while (pos < s.length() && pred.test(s.charAt(pos))) {
      pos++;
    }
    if (pos == p) {
      throw error(what + ": " + describeNext() + " (expected: at least one character)");
    }
    return s.substring(p, pos);
  }

  /** Consumes chars while {@code pred} holds (possibly none). */
  String spanOpt(CharPredicate pred) {
    int p = pos;
    while (pos < s.length() && pred.test(s.charAt(pos))) {
      pos++;
    }
    return s.substring(p, pos);
  }

  void advance() {
    pos++;
  }

  SipParseException error(String message) {
    return new SipParseException(field, message);
  }

  String describeNext() {
    return atEnd() ? "end of value" : "'" + printable(s.substring(pos, Math.min(s.length(), pos + 12))) + "'";
  }

  static String describe(char c) {
    return c >= 0x21 && c < 0x7F ? "'" + c + "'" : String.format("0x%02X", (int) c);
  }

  static String abbreviate(String x) {
    return x.length() > 24 ? x.substring(0, 20) + "…(" + x.length() + " chars)" : x;
  }

  /** {@code x} with control characters shown as {@code \xNN}, for error messages. */
  static String printable(String x) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < x.length(); i++) {
      char c = x.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        b.append(String.format("\\x%02X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static boolean isWsp(char c) {
    return c == ' ' || c == '\t';
  }

  static boolean isAlpha(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlphanum(char c) {
    return isAlpha(c) || isDigit(c);
  }

  /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
  static boolean isTokenChar(char c) {
    return isAlphanum(c) || "-.!%*_+`'~".indexOf(c) >= 0;
  }

  /** word adds "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}". */
  static boolean isWordChar(char c) {
    return isTokenChar(c) || "()<>:\\\"/[]?{}".indexOf(c) >= 0;
  }

  /** mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"; unreserved = alphanum / mark. */
  static boolean isUnreserved(char c) {
    return isAlphanum(c) || "-_.!~*'()".indexOf(c) >= 0;
  }

  /** A char test (no boxing). */
  @FunctionalInterface
  interface CharPredicate {
    boolean test(char c);
  }
}
