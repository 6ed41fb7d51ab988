package org.ddsec.mikey;

/** Where a payload lies in an encoded message: {@code [offset, offset + length)}. */
public record Span(int offset, int length) {
  public Span {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("span " + offset + "+" + length);
    }
  }

  public int end() {
    return offset + length;
  }
}
