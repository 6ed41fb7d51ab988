package org.ddsec.mikey;

/** A value of a MIKEY registry: its wire code and the name the RFC gives it. */
public interface CodePoint {
  int code();

  String rfcName();

  /**
   * An array indexed by code, for O(1) lookups that allocate nothing (the registries' codes are
   * small: 0–255). Each registry enum keeps one, built from its {@code values()}.
   */
  static <E extends CodePoint> E[] byCode(E[] values) {
    int max = 0;
    for (E v : values) {
      max = Math.max(max, v.code());
    }
    E[] table = java.util.Arrays.copyOf(values, max + 1);
    java.util.Arrays.fill(table, null);
    for (E v : values) {
      if (table[v.code()] != null) {
        throw new AssertionError("duplicate code " + v.code() + " in " + v.getClass().getSimpleName());
      }
      table[v.code()] = v;
    }
    return table;
  }

  /** {@code table[code]}, or null when {@code code} is outside the table or unassigned. */
  static <E> E lookup(E[] table, int code) {
    return code >= 0 && code < table.length ? table[code] : null;
  }
}
