package org.ddsec.crypto.ibe;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.ddsec.core.Bytes;

/**
 * An identifier for identity-based keys in the form of RFC 6509 §3.2: a key period followed by
 * a URI, each US-ASCII and terminated by a null byte — {@code "2011-02\0tel:+447700900123\0"}.
 * The same identifier names a user's SAKKE receiver key (RFC 6508) and ECCSI signing key (RFC
 * 6507) for that month.
 *
 * <p>The URI is printable US-ASCII without spaces. A {@code tel} URI must follow the RFC 6509 §3.2
 * constraints: global notation ({@code tel:+} then digits), no visual separators, no parameters.
 * Other schemes (e.g. the {@code sip:} URIs of IMS public identities, as 3GPP TS 33.180 uses them)
 * are accepted as given; they must be normalised by whoever forms them, since the identifier is
 * compared byte for byte.
 *
 * <p>The encoding is at most {@link #MAX_ENCODED_BYTES} bytes so that, read as an integer, it is
 * below the SAKKE parameter set 1 order q (RFC 6508 §2.2: "an integer in the range 2 to q-1").
 */
public final class Identity {

  /** Longest encoding accepted: 127 bytes keep the integer below 2^1016 &lt; q of RFC 6509 Appendix A. */
  public static final int MAX_ENCODED_BYTES = 127;

  private final KeyPeriod period;
  private final String uri;
  private final Bytes encoded;

  private Identity(KeyPeriod period, String uri) {
    this.period = period;
    this.uri = uri;
    byte[] p = period.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] u = uri.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[p.length + 1 + u.length + 1];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(u, 0, out, p.length + 1, u.length);
    this.encoded = Bytes.of(out);
  }

  /**
   * The identifier of {@code uri} for {@code period}.
   *
   * @throws IllegalArgumentException if the URI is empty, not printable US-ASCII, has no scheme, is
   *     a {@code tel} URI that breaks RFC 6509 §3.2, or makes the encoding longer than {@link
   *     #MAX_ENCODED_BYTES}
   */
  public static Identity of(KeyPeriod period, String uri) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(uri, "uri");
    checkUri(uri);
    return new Identity(period, uri);
  }

  /** The identifier of the global-number {@code tel} URI {@code tel:+<digits>} for {@code period}. */
  public static Identity tel(KeyPeriod period, String globalNumber) {
    return of(period, "tel:" + globalNumber);
  }

  /**
   * Parses an encoded identifier ({@code "YYYY-MM\0" + URI + "\0"}).
   *
   * @throws IllegalArgumentException naming what is wrong: a missing terminator, bytes after the
   *     second null byte, a bad period or URI
   */
  public static Identity parse(Bytes encoded) {
    Objects.requireNonNull(encoded, "encoded");
    int n = encoded.length();
    if (n < 10 || encoded.get(7) != 0 || encoded.get(n - 1) != 0) {
      throw new IllegalArgumentException(
          "identifier: " + n + " bytes without the \"YYYY-MM\\0\" + URI + \"\\0\" layout (RFC 6509 §3.2)");
    }
    String period = new String(encoded.slice(0, 7).toByteArray(), StandardCharsets.US_ASCII);
    byte[] u = encoded.slice(8, n - 9).toByteArray();
    for (byte b : u) {
      if (b == 0) {
        throw new IllegalArgumentException("identifier: a null byte inside the URI (expected: exactly two terminators)");
      }
    }
    return of(KeyPeriod.parse(period), new String(u, StandardCharsets.US_ASCII));
  }

  public KeyPeriod period() {
    return period;
  }

  public String uri() {
    return uri;
  }

  /** The same URI in another key period (e.g. next month's key). */
  public Identity inPeriod(KeyPeriod other) {
    return new Identity(Objects.requireNonNull(other, "other"), uri);
  }

  /** The identifier's bytes, {@code "YYYY-MM\0" + URI + "\0"}: what SAKKE reads as the integer b and ECCSI hashes as ID. */
  public Bytes bytes() {
    return encoded;
  }

  /** The identifier with the null bytes shown as {@code \0}. */
  @Override
  public String toString() {
    return period + "\\0" + uri + "\\0";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identity i && i.encoded.equals(encoded);
  }

  @Override
  public int hashCode() {
    return encoded.hashCode();
  }

  private static void checkUri(String uri) {
    if (uri.isEmpty()) {
      throw new IllegalArgumentException("identity URI: empty");
    }
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        throw new IllegalArgumentException("identity URI: character " + String.format("U+%04X", (int) c)
            + " at " + i + " (expected: printable US-ASCII without spaces, RFC 6509 §3.2)");
      }
    }
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("identity URI: \"" + KeyPeriod.printable(uri) + "\" has no scheme");
    }
    if (uri.regionMatches(true, 0, "tel:", 0, 4)) {
      checkTel(uri);
    }
    if (7 + 1 + uri.length() + 1 > MAX_ENCODED_BYTES) {
      throw new IllegalArgumentException("identity URI: " + uri.length() + " characters (expected: ≤ "
          + (MAX_ENCODED_BYTES - 9) + ", so the identifier stays below the SAKKE order q)");
    }
  }

  /** RFC 6509 §3.2: global notation, no visual separators, no parameters, lowercase scheme. */
  private static void checkTel(String uri) {
    boolean ok = uri.startsWith("tel:+") && uri.length() > 5;
    for (int i = 5; ok && i < uri.length(); i++) {
      ok = uri.charAt(i) >= '0' && uri.charAt(i) <= '9';
    }
    if (!ok) {
      throw new IllegalArgumentException("identity tel URI: \"" + KeyPeriod.printable(uri)
          + "\" (expected: tel:+<digits>: global notation, no visual separators, no parameters, RFC 6509 §3.2)");
    }
  }
}
