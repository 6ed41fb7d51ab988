package org.ddsec.crypto.ibe;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The key period of an identity: one calendar month in UTC, as in RFC 6509 §3.2 ("YYYY-MM", a
 * four-digit year, a hyphen, a two-digit month). Every MIKEY-SAKKE identity carries one, so keys
 * expire by themselves each month (RFC 6509 §3.3).
 */
public final class KeyPeriod implements Comparable<KeyPeriod> {

  private final YearMonth month;

  private KeyPeriod(YearMonth month) {
    this.month = month;
  }

  /**
   * The period of {@code year}-{@code month}.
   *
   * @throws IllegalArgumentException unless the year has four digits (0000..9999) and the month is 1..12
   */
  public static KeyPeriod of(int year, int month) {
    if (year < 0 || year > 9999) {
      throw new IllegalArgumentException("key period year: " + year + " (expected: 0000..9999, RFC 6509 §3.2)");
    }
    if (month < 1 || month > 12) {
      throw new IllegalArgumentException("key period month: " + month + " (expected: 1..12)");
    }
    return new KeyPeriod(YearMonth.of(year, month));
  }

  /** The period that contains {@code instant}, the month counted in UTC (RFC 6509 §2.2.1 recommends UTC). */
  public static KeyPeriod containing(Instant instant) {
    YearMonth ym = YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    return of(ym.getYear(), ym.getMonthValue());
  }

  /**
   * Parses exactly {@code "YYYY-MM"}.
   *
   * @throws IllegalArgumentException naming the text when it has another form
   */
  public static KeyPeriod parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() != 7 || text.charAt(4) != '-' || !digits(text, 0, 4) || !digits(text, 5, 7)) {
      throw new IllegalArgumentException("key period: \"" + printable(text) + "\" (expected: YYYY-MM, RFC 6509 §3.2)");
    }
    return of(Integer.parseInt(text.substring(0, 4)), Integer.parseInt(text.substring(5, 7)));
  }

  public int year() {
    return month.getYear();
  }

  public int month() {
    return month.getMonthValue();
  }

  /** The following month. */
  public KeyPeriod next() {
    YearMonth n = month.plusMonths(1);
    return of(n.getYear(), n.getMonthValue());
  }

  /** The preceding month. */
  public KeyPeriod previous() {
    YearMonth n = month.minusMonths(1);
    return of(n.getYear(), n.getMonthValue());
  }

  /** True when {@code instant} (in UTC) falls in this month. */
  public boolean contains(Instant instant) {
    return equals(containing(instant));
  }

  /** {@code "YYYY-MM"}, the form that goes into an identifier. */
  @Override
  public String toString() {
    return String.format("%04d-%02d", month.getYear(), month.getMonthValue());
  }

  @Override
  public int compareTo(KeyPeriod o) {
    return month.compareTo(o.month);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyPeriod k && k.month.equals(month);
  }

  @Override
  public int hashCode() {
    return month.hashCode();
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c & 0xFF));
    }
    return s.length() > 80 ? b + "…" : b.toString();
  }
}
