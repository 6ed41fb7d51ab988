package org.ddsec.mikey.wire;

import java.util.Arrays;
import org.ddsec.core.Bytes;

/**
 * Growable big-endian writer. Values are validated by the payload records' constructors, so a
 * value out of range here is our own bug and throws {@link IllegalArgumentException}.
 */
public final class WireWriter {

  private byte[] buf = new byte[128];
  private int len;

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }

  public int size() {
    return len;
  }

  public WireWriter u8(int v) {
    if (v < 0 || v > 0xFF) {
      throw new IllegalArgumentException("u8 out of range: " + v);
    }
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  public WireWriter u16(int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("u16 out of range: " + v);
    }
    ensure(2);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  public WireWriter u24(int v) {
    if (v < 0 || v > 0xFFFFFF) {
      throw new IllegalArgumentException("u24 out of range: " + v);
    }
    ensure(3);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  public WireWriter u32(long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("u32 out of range: " + v);
    }
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  public WireWriter bytes(Bytes b) {
    ensure(b.length());
    b.copyTo(buf, len);
    len += b.length();
    return this;
  }

  public WireWriter bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  /** Overwrites the byte at {@code at} (for next-payload fields written before their successor is known). */
  public void setU8(int at, int v) {
    if (at < 0 || at >= len || v < 0 || v > 0xFF) {
      throw new IllegalArgumentException("setU8(" + at + ", " + v + ")");
    }
    buf[at] = (byte) v;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Zero-fills the buffer (when it held key material). */
  public void wipe() {
    Arrays.fill(buf, (byte) 0);
    len = 0;
  }
}
