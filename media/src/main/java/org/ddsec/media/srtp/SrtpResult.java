package org.ddsec.media.srtp;

import java.util.Objects;

/**
 * What {@link SrtpSession} made of one packet: a status, and for {@link SrtpStatus#OK} the output
 * packet and its index (the 48-bit SRTP index ROC || SEQ, or the 31-bit SRTCP index).
 */
public final class SrtpResult {

  private final SrtpStatus status;
  private final byte[] packet;
  private final long index;

  private SrtpResult(SrtpStatus status, byte[] packet, long index) {
    this.status = status;
    this.packet = packet;
    this.index = index;
  }

  static SrtpResult ok(byte[] packet, long index) {
    return new SrtpResult(SrtpStatus.OK, Objects.requireNonNull(packet), index);
  }

  static SrtpResult failed(SrtpStatus status) {
    if (status == SrtpStatus.OK) {
      throw new IllegalArgumentException("status: OK (expected: a failure)");
    }
    return new SrtpResult(status, null, -1);
  }

  public SrtpStatus status() {
    return status;
  }

  public boolean isOk() {
    return status == SrtpStatus.OK;
  }

  /**
   * A copy of the output packet.
   *
   * @throws IllegalStateException if the status is not {@link SrtpStatus#OK}
   */
  public byte[] packet() {
    if (packet == null) {
      throw new IllegalStateException("no packet: status " + status);
    }
    return packet.clone();
  }

  /** The packet's index, or −1 if the status is not {@link SrtpStatus#OK}. */
  public long index() {
    return index;
  }

  @Override
  public String toString() {
    return status == SrtpStatus.OK ? "SrtpResult[OK, index " + index + ", " + packet.length + " bytes]" : "SrtpResult[" + status + "]";
  }
}
