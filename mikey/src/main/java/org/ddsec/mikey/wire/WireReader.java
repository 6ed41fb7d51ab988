package org.ddsec.mikey.wire;

import java.util.function.IntFunction;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;

/**
 * Strict big-endian reader over a region of a MIKEY message. Every read checks the length
 * against what remains and names the field; offsets in errors are absolute (from the start of
 * the outermost message) so nested payloads report where the fault really is.
 */
public final class WireReader {

  private final byte[] buf;
  private final int base;
  private final int end;
  private int pos;

  /** Reads {@code buf[from, to)}; {@code base} is the absolute offset of {@code buf[0]}. */
  private WireReader(byte[] buf, int from, int to, int base) {
    this.buf = buf;
    this.pos = from;
    this.end = to;
    this.base = base;
  }

  /** A reader over all of {@code buf} (which it does not copy or modify). */
  public static WireReader of(byte[] buf) {
    return new WireReader(buf, 0, buf.length, 0);
  }

  /** A reader over {@code buf}, reporting offsets as if {@code buf[0]} were at {@code base}. */
  public static WireReader of(byte[] buf, int base) {
    return new WireReader(buf, 0, buf.length, base);
  }

  /** Absolute offset of the next byte. */
  public int offset() {
    return base + pos;
  }

  /** Position in the underlying array. */
  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  public boolean hasRemaining() {
    return pos < end;
  }

  /** The underlying array (not a copy). */
  public byte[] array() {
    return buf;
  }

  private void need(int n, String field) throws MikeyException {
    if (n > end - pos) {
      throw new MikeyException(
          Reason.TRUNCATED, field, offset(), n + " bytes needed (expected: ≤ " + (end - pos) + " remaining)");
    }
  }

  public int u8(String field) throws MikeyException {
    need(1, field);
    return buf[pos++] & 0xFF;
  }

  public int u16(String field) throws MikeyException {
    need(2, field);
    int v = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
    pos += 2;
    return v;
  }

  public int u24(String field) throws MikeyException {
    need(3, field);
    int v = (buf[pos] & 0xFF) << 16 | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF);
    pos += 3;
    return v;
  }

  public long u32(String field) throws MikeyException {
    need(4, field);
    long v =
        ((long) (buf[pos] & 0xFF) << 24)
            | ((buf[pos + 1] & 0xFF) << 16)
            | ((buf[pos + 2] & 0xFF) << 8)
            | (buf[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  public Bytes bytes(int n, String field) throws MikeyException {
    need(n, field);
    Bytes b = Bytes.of(buf, pos, n);
    pos += n;
    return b;
  }

  /** Copies {@code n} bytes into a fresh array (for key material, which must not become {@link Bytes}). */
  public byte[] rawBytes(int n, String field) throws MikeyException {
    need(n, field);
    byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
    pos += n;
    return out;
  }

  /**
   * A reader over the next {@code n} bytes (a length-delimited field); this reader moves past them.
   * The sub-reader's {@link #expectEnd} rejects anything it leaves unread.
   */
  public WireReader sub(int n, String field) throws MikeyException {
    need(n, field);
    WireReader r = new WireReader(buf, pos, pos + n, base);
    pos += n;
    return r;
  }

  /** Reads a code point and maps it, failing with {@code reason} when {@code lookup} returns null. */
  public <E> E code8(IntFunction<E> lookup, String field, Reason reason) throws MikeyException {
    int at = offset();
    int v = u8(field);
    E e = lookup.apply(v);
    if (e == null) {
      throw new MikeyException(reason, field, at, "unknown value " + v);
    }
    return e;
  }

  /** Fails unless every byte has been read. */
  public void expectEnd(String what) throws MikeyException {
    if (pos != end) {
      throw new MikeyException(
          Reason.TRAILING_BYTES, what, offset(), (end - pos) + " bytes left over (expected: 0)");
    }
  }
}
