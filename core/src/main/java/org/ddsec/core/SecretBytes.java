package org.ddsec.core;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Key material: the only type in ddsec that holds a secret key, salt or derived key.
 *
 * <ul>
 *   <li>No {@code equals}/{@code hashCode}: compare with {@link #constantTimeEquals}, which runs
 *       in time independent of where the inputs differ ({@link MessageDigest#isEqual}).
 *   <li>{@link #toString()} shows only the length, so a secret cannot reach a log line or an
 *       exception message by accident.
 *   <li>{@link #close()} overwrites the bytes with zeros; any use after that throws
 *       {@link IllegalStateException}.
 *   <li>The one accessor that exposes the bytes is {@link #unsafeBytes()}: it is greppable and
 *       returns a copy that the caller must wipe ({@link #wipe(byte[])}) when done.
 * </ul>
 *
 * <p>Zeroization on the JVM is best-effort: the garbage collector may have copied the array
 * before {@link #close()} ran, and JCE providers keep their own copies of keys. Closing still
 * shortens the time a secret lives in the heap.
 */
public final class SecretBytes implements AutoCloseable {

  private final byte[] bytes;
  private volatile boolean closed;

  private SecretBytes(byte[] owned) {
    this.bytes = owned;
  }

  /** Copies {@code material}; the caller keeps ownership of (and should wipe) its array. */
  public static SecretBytes copyOf(byte[] material) {
    Objects.requireNonNull(material, "material");
    return new SecretBytes(material.clone());
  }

  /** Copies {@code length} bytes of {@code material} starting at {@code offset}. */
  public static SecretBytes copyOf(byte[] material, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, material.length);
    return new SecretBytes(Arrays.copyOfRange(material, offset, offset + length));
  }

  /** Takes ownership of {@code material} without copying; the caller must not use it again. */
  public static SecretBytes wrap(byte[] material) {
    Objects.requireNonNull(material, "material");
    return new SecretBytes(material);
  }

  /** Parses lowercase or uppercase hex; for tests and the command line only. */
  public static SecretBytes fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("hex key: " + hex.length() + " digits (expected: even)");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        wipe(out);
        throw new IllegalArgumentException("hex key: non-hex digit at position " + (hi < 0 ? 2 * i : 2 * i + 1));
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return new SecretBytes(out);
  }

  /** Length in bytes. */
  public int length() {
    checkOpen();
    return bytes.length;
  }

  /** Length in bits. */
  public int bitLength() {
    return length() * 8;
  }

  /**
   * Returns a copy of the secret. Named so every place that handles raw key bytes can be
   * found with one search; wipe the copy with {@link #wipe(byte[])} when done.
   */
  public byte[] unsafeBytes() {
    checkOpen();
    return bytes.clone();
  }

  /** Returns a new secret holding bytes {@code [from, from+length)} of this one. */
  public SecretBytes slice(int from, int length) {
    checkOpen();
    return copyOf(bytes, from, length);
  }

  /** Constant-time comparison of two secrets' contents (lengths are not secret). */
  public boolean constantTimeEquals(SecretBytes other) {
    checkOpen();
    other.checkOpen();
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Constant-time comparison with a plain array, e.g. an expected value in a test. */
  public boolean constantTimeEquals(byte[] other) {
    checkOpen();
    return MessageDigest.isEqual(bytes, other);
  }

  /** Lowercase hex of the secret, for the cross-check commands of the CLI only. */
  public String unsafeHex() {
    checkOpen();
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return sb.toString();
  }

  /** True once {@link #close()} has run. */
  public boolean isClosed() {
    return closed;
  }

  /** Overwrites the secret with zeros. Idempotent. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  /** Shows the length only, never the bytes. */
  @Override
  public String toString() {
    return closed ? "SecretBytes[closed]" : "SecretBytes[" + bytes.length + " bytes]";
  }

  /** Overwrites {@code a} with zeros (null-tolerant). */
  public static void wipe(byte[] a) {
    if (a != null) {
      Arrays.fill(a, (byte) 0);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("SecretBytes used after close()");
    }
  }
}
