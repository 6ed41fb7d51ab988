package org.ddsec.testkit;

/** Hex for test vectors: whitespace inside a constant is ignored so vectors can be laid out like the RFCs. */
public final class Hex {
  private Hex() {}

  public static byte[] decode(String hex) {
    String h = hex.replaceAll("\\s+", "");
    if (h.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits: " + h.length());
    }
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(h.charAt(2 * i), 16);
      int lo = Character.digit(h.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not hex at " + (2 * i) + ": " + h.substring(2 * i, 2 * i + 2));
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  public static String encode(byte[] b) {
    StringBuilder sb = new StringBuilder(b.length * 2);
    for (byte x : b) {
      sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
    }
    return sb.toString();
  }
}
