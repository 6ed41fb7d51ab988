package org.ddsec.protocol.gba;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The directives of a {@code Digest} challenge or credentials header (RFC 2617 §3.2.1, §3.2.2;
 * RFC 7235 §2.1): {@code Digest} followed by comma-separated {@code name=token} or
 * {@code name="quoted-string"} pairs.
 *
 * <p>Parsing is strict: the scheme must be {@code Digest}; names are tokens (compared
 * case-insensitively); a directive may appear only once; a quoted string must be closed and may
 * contain only visible characters, spaces, tabs and quoted pairs; nothing may follow the last
 * directive; the header is at most {@value #MAX_LENGTH} characters. Unknown directives are kept
 * (RFC 2617 says to ignore them) and reach no computation.
 */
public final class DigestParams {

  /** Longest header accepted; a real Digest AKA header is a few hundred characters. */
  public static final int MAX_LENGTH = 4096;

  private static final String SCHEME = "Digest";

  private final Map<String, String> params;

  private DigestParams(Map<String, String> params) {
    this.params = Collections.unmodifiableMap(params);
  }

  /** Parses a header value such as {@code Digest username="a", nonce="", qop=auth-int}. */
  public static DigestParams parse(String header) throws DigestException {
    if (header == null) {
      throw new DigestException("Authorization: missing (expected: Digest credentials)");
    }
    if (header.length() > MAX_LENGTH) {
      throw new DigestException("Authorization: " + header.length() + " characters (expected: ≤ " + MAX_LENGTH + ")");
    }
    int n = header.length();
    int i = skipWs(header, 0);
    int schemeEnd = i;
    while (schemeEnd < n && isTokenChar(header.charAt(schemeEnd))) {
      schemeEnd++;
    }
    String scheme = header.substring(i, schemeEnd);
    if (!scheme.equalsIgnoreCase(SCHEME)) {
      throw new DigestException("auth-scheme: " + printable(scheme) + " (expected: Digest)");
    }
    if (schemeEnd >= n || (header.charAt(schemeEnd) != ' ' && header.charAt(schemeEnd) != '\t')) {
      throw new DigestException("Digest: no directives (expected: a space, then name=value pairs)");
    }
    Map<String, String> out = new LinkedHashMap<>();
    i = skipWs(header, schemeEnd);
    while (true) {
      int nameStart = i;
      while (i < n && isTokenChar(header.charAt(i))) {
        i++;
      }
      if (i == nameStart) {
        throw new DigestException("directive name at offset " + i + ": missing (expected: a token)");
      }
      String name = header.substring(nameStart, i).toLowerCase(Locale.ROOT);
      i = skipWs(header, i);
      if (i >= n || header.charAt(i) != '=') {
        throw new DigestException("directive " + printable(name) + ": no '=' (expected: name=value)");
      }
      i = skipWs(header, i + 1);
      String value;
      if (i < n && header.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char c = header.charAt(i++);
          if (c == '"') {
            closed = true;
            break;
          }
          if (c == '\\') {
            if (i >= n) {
              break;
            }
            c = header.charAt(i++);
          }
          if (!(c == '\t' || (c >= 0x20 && c <= 0x7E))) {
            throw new DigestException("directive " + printable(name) + ": control or non-ASCII character in quoted string (expected: visible ASCII)");
          }
          sb.append(c);
        }
        if (!closed) {
          throw new DigestException("directive " + printable(name) + ": unterminated quoted string");
        }
        value = sb.toString();
      } else {
        int valueStart = i;
        while (i < n && isTokenChar(header.charAt(i))) {
          i++;
        }
        if (i == valueStart) {
          throw new DigestException("directive " + printable(name) + ": empty value (expected: a token or a quoted string)");
        }
        value = header.substring(valueStart, i);
      }
      if (out.putIfAbsent(name, value) != null) {
        throw new DigestException("directive " + printable(name) + ": appears twice (expected: once)");
      }
      i = skipWs(header, i);
      if (i >= n) {
        break;
      }
      if (header.charAt(i) != ',') {
        throw new DigestException("after directive " + printable(name) + ": unexpected character at offset " + i + " (expected: ',' or end)");
      }
      i = skipWs(header, i + 1);
      if (i >= n) {
        throw new DigestException("trailing ',' (expected: another directive)");
      }
    }
    return new DigestParams(out);
  }

  /** Builds a header value from directives in order; {@code unquoted} names those written as tokens, the rest are quoted strings. */
  public static String format(Map<String, String> directives, Set<String> unquoted) {
    StringBuilder sb = new StringBuilder(SCHEME);
    String sep = " ";
    for (Map.Entry<String, String> e : directives.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=');
      if (unquoted.contains(e.getKey())) {
        sb.append(e.getValue());
      } else {
        sb.append('"').append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      }
      sep = ", ";
    }
    return sb.toString();
  }

  /** The value of directive {@code name} (case-insensitive), if present. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The value of a directive that must be present. */
  public String require(String name) throws DigestException {
    String v = params.get(name.toLowerCase(Locale.ROOT));
    if (v == null) {
      throw new DigestException("directive " + name + ": missing");
    }
    return v;
  }

  /** All directives, names in lower case, in header order. */
  public Map<String, String> asMap() {
    return params;
  }

  private static int skipWs(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** RFC 7230 §3.2.6 tchar. */
  private static boolean isTokenChar(char c) {
    if (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** For error messages: at most 32 characters, non-printables escaped. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 32; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return (s.length() > 32 ? sb.append('…') : sb).toString();
  }
}
