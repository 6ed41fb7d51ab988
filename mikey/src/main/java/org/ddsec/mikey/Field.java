package org.ddsec.mikey;

import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;

/**
 * One decoded field of a payload, named as in its RFC, for protocol-analyser output (the CLI's
 * tree and JSON). {@code key} is the camelCase JSON key derived from the RFC name.
 *
 * <p>Values are {@link Long}, {@link Boolean}, {@link String}, {@link Bytes}, {@link Code} (a code
 * point with its RFC name), {@link Hidden} (key material: only its length is shown), a nested
 * {@code List<Field>} (a structure) or a {@link Many} (a list of structures).
 */
public record Field(String label, String key, Object value) {

  public Field {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /** A code point and its name ({@code name} is "unassigned"/"private use" where applicable). */
  public record Code(int code, String name) {}

  /** Key material: shown as its length only. */
  public record Hidden(int length) {}

  /** A list of structures, e.g. the crypto sessions of a CS ID map. */
  public record Many(List<List<Field>> items) {}

  public static Field num(String label, long v) {
    return new Field(label, camel(label), v);
  }

  public static Field flag(String label, boolean v) {
    return new Field(label, camel(label), v);
  }

  public static Field text(String label, String v) {
    return new Field(label, camel(label), v);
  }

  public static Field bytes(String label, Bytes v) {
    return new Field(label, camel(label), v);
  }

  public static Field code(String label, CodePoint c) {
    return new Field(label, camel(label), new Code(c.code(), c.rfcName()));
  }

  public static Field code(String label, int code, String name) {
    return new Field(label, camel(label), new Code(code, name));
  }

  public static Field hidden(String label, int length) {
    return new Field(label, camel(label), new Hidden(length));
  }

  public static Field struct(String label, List<Field> fields) {
    return new Field(label, camel(label), List.copyOf(fields));
  }

  public static Field many(String label, List<List<Field>> items) {
    return new Field(label, camel(label), new Many(List.copyOf(items)));
  }

  /** Same field under an explicit JSON key (for RFC names like "#CS"). */
  public Field withKey(String newKey) {
    return new Field(label, newKey, value);
  }

  /** "TS type" → "tsType", "CSB ID" → "csbId", "Encr data len" → "encrDataLen". */
  static String camel(String label) {
    String[] words = label.split("[^A-Za-z0-9]+");
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (w.isEmpty()) {
        continue;
      }
      String lower = w.toLowerCase(java.util.Locale.ROOT);
      sb.append(sb.length() == 0 ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
    }
    return sb.toString();
  }
}
