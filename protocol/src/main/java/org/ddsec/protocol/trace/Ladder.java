package org.ddsec.protocol.trace;

import java.util.List;
import java.util.Objects;

/**
 * Renders events as a text ladder diagram: one column per party, an arrow per message with the
 * step number and message name above it and the summary below, local processing as a note in the
 * party's column. Pure text; the caller prints it.
 */
public final class Ladder {

  private static final int COL = 22;

  private Ladder() {}

  /**
   * @param parties the columns, left to right
   * @throws IllegalArgumentException if an event names a party not in {@code parties}
   */
  public static String render(List<String> parties, List<TraceEvent> events) {
    Objects.requireNonNull(parties, "parties");
    StringBuilder out = new StringBuilder();
    StringBuilder head = new StringBuilder();
    for (String p : parties) {
      head.append(center(p, COL));
    }
    out.append(head.toString().stripTrailing()).append('\n');
    out.append(lifelines(parties.size())).append('\n');
    for (TraceEvent e : events) {
      int a = index(parties, e.from());
      int b = index(parties, e.to());
      out.append(label(parties.size(), Math.min(a, b), e.step() + " " + e.message())).append('\n');
      if (a == b) {
        out.append(note(parties.size(), a)).append('\n');
      } else {
        out.append(arrow(parties.size(), a, b)).append('\n');
      }
      if (!e.summary().isEmpty()) {
        for (String line : e.summary().split("\n")) {
          out.append(label(parties.size(), Math.min(a, b), "    " + line)).append('\n');
        }
      }
      out.append(lifelines(parties.size())).append('\n');
    }
    return out.toString();
  }

  private static int index(List<String> parties, String p) {
    int i = parties.indexOf(p);
    if (i < 0) {
      throw new IllegalArgumentException("party: " + p + " (expected: one of " + parties + ")");
    }
    return i;
  }

  private static int mid(int i) {
    return i * COL + COL / 2;
  }

  private static char[] blank(int n) {
    char[] row = new char[n * COL];
    java.util.Arrays.fill(row, ' ');
    for (int i = 0; i < n; i++) {
      row[mid(i)] = '|';
    }
    return row;
  }

  private static String lifelines(int n) {
    return new String(blank(n)).stripTrailing();
  }

  private static String arrow(int n, int from, int to) {
    char[] row = blank(n);
    int lo = Math.min(mid(from), mid(to));
    int hi = Math.max(mid(from), mid(to));
    for (int i = lo + 1; i < hi; i++) {
      row[i] = '-';
    }
    if (to > from) {
      row[hi - 1] = '>';
    } else {
      row[lo + 1] = '<';
    }
    return new String(row).stripTrailing();
  }

  private static String note(int n, int at) {
    char[] row = blank(n);
    String mark = "[*]";
    int start = mid(at) - 1;
    for (int i = 0; i < mark.length() && start + i < row.length; i++) {
      row[start + i] = mark.charAt(i);
    }
    return new String(row).stripTrailing();
  }

  /** Text starting just right of column {@code at}'s lifeline, overwriting the lifelines it crosses. */
  private static String label(int n, int at, String text) {
    char[] row = blank(n);
    StringBuilder sb = new StringBuilder(new String(row));
    int start = mid(at) + 2;
    while (sb.length() < start + text.length()) {
      sb.append(' ');
    }
    sb.replace(start, start + text.length(), text);
    return sb.toString().stripTrailing();
  }

  private static String center(String s, int width) {
    if (s.length() >= width) {
      return s.substring(0, width - 1) + " ";
    }
    int left = (width - s.length()) / 2;
    return " ".repeat(left) + s + " ".repeat(width - s.length() - left);
  }
}
