package org.ddsec.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable string of <em>public</em> bytes (identities, nonces, ciphertexts, MACs, wire
 * encodings): equality by content, hex in {@code toString()}. Never use it for key material —
 * that is {@link SecretBytes}.
 */
public final class Bytes {

  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] b;

  private Bytes(byte[] owned) {
    this.b = owned;
  }

  /** Copies {@code bytes}. */
  public static Bytes of(byte... bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /** Copies {@code length} bytes of {@code bytes} from {@code offset}. */
  public static Bytes of(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** UTF-8 encoding of {@code s}. */
  public static Bytes utf8(String s) {
    return of(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Parses hex (upper or lower case); throws {@link IllegalArgumentException} naming the position. */
  public static Bytes fromHex(String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("hex: " + hex.length() + " digits (expected: even)");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("hex: non-hex digit at position " + (hi < 0 ? 2 * i : 2 * i + 1));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return new Bytes(out);
  }

  public int length() {
    return b.length;
  }

  public boolean isEmpty() {
    return b.length == 0;
  }

  /** Unsigned byte at {@code i}. */
  public int get(int i) {
    return b[i] & 0xFF;
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return b.clone();
  }

  /** Bytes {@code [from, from+length)}. */
  public Bytes slice(int from, int length) {
    return of(b, from, length);
  }

  /** Copies the bytes into {@code dst} at {@code offset}. */
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(b, 0, dst, offset, b.length);
  }

  /** This followed by {@code other}. */
  public Bytes concat(Bytes other) {
    byte[] out = Arrays.copyOf(b, b.length + other.b.length);
    System.arraycopy(other.b, 0, out, b.length, other.b.length);
    return new Bytes(out);
  }

  /** Decodes as UTF-8 (malformed sequences become U+FFFD). */
  public String utf8() {
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** True when every byte is printable US-ASCII (0x20..0x7E). */
  public boolean isPrintableAscii() {
    for (byte x : b) {
      if (x < 0x20 || x > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /** Lowercase hex. */
  public String hex() {
    StringBuilder sb = new StringBuilder(b.length * 2);
    for (byte x : b) {
      sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(b, other.b);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(b);
  }

  @Override
  public String toString() {
    return b.length <= 64 ? hex() : hex().substring(0, 128) + "…(" + b.length + " bytes)";
  }
}
