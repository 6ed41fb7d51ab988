package org.ddsec.media.srtp;

import java.util.Arrays;
import org.jitsi.utils.ByteArrayBuffer;

/** The {@link ByteArrayBuffer} jitsi-srtp transforms in place (it ships no implementation). */
final class JitsiByteArrayBuffer implements ByteArrayBuffer {

  private byte[] buffer;
  private int offset;
  private int length;

  /** Room after the packet: jitsi-srtp's GCM writes the tag into the buffer without calling grow(). */
  private static final int TAIL_ROOM = 64;

  JitsiByteArrayBuffer(byte[] packet) {
    this.buffer = Arrays.copyOf(packet, packet.length + TAIL_ROOM);
    this.length = packet.length;
  }

  byte[] bytes() {
    return Arrays.copyOfRange(buffer, offset, offset + length);
  }

  @Override
  public byte[] getBuffer() {
    return buffer;
  }

  @Override
  public int getOffset() {
    return offset;
  }

  @Override
  public int getLength() {
    return length;
  }

  @Override
  public void setLength(int len) {
    this.length = len;
  }

  @Override
  public void setOffset(int off) {
    this.offset = off;
  }

  @Override
  public boolean isInvalid() {
    return false;
  }

  @Override
  public void readRegionToBuff(int off, int len, byte[] out) {
    System.arraycopy(buffer, offset + off, out, 0, len);
  }

  @Override
  public void grow(int howMuch) {
    if (offset + length + howMuch > buffer.length) {
      buffer = Arrays.copyOf(buffer, offset + length + howMuch);
    }
  }

  @Override
  public void append(byte[] data, int len) {
    grow(len);
    System.arraycopy(data, 0, buffer, offset + length, len);
    length += len;
  }

  @Override
  public void shrink(int len) {
    length = Math.max(0, length - len);
  }
}
