package org.ddsec.media.srtp;

/**
 * The replay list of RFC 3711 §3.3.2 as a sliding bitmap: the highest index authenticated so far
 * and, for the {@code size} indices up to it, whether each was received. Checking never changes
 * it; {@link #accept} is called only after a packet authenticated.
 */
final class ReplayWindow {

  private final int size;
  private final long[] bits;
  private long highest = -1;

  ReplayWindow(int size) {
    this.size = size; // a multiple of 64, checked by SrtpOptions
    this.bits = new long[size / 64];
  }

  private ReplayWindow(ReplayWindow o) {
    this.size = o.size;
    this.bits = o.bits.clone();
    this.highest = o.highest;
  }

  ReplayWindow copy() {
    return new ReplayWindow(this);
  }

  /** The highest index accepted, or −1. */
  long highest() {
    return highest;
  }

  /** {@link SrtpStatus#OK}, {@link SrtpStatus#REPLAY_FAIL} (seen) or {@link SrtpStatus#REPLAY_OLD} (below the window). */
  SrtpStatus check(long index) {
    if (highest < 0 || index > highest) {
      return SrtpStatus.OK;
    }
    long delta = highest - index;
    if (delta >= size) {
      return SrtpStatus.REPLAY_OLD;
    }
    return isSet(index) ? SrtpStatus.REPLAY_FAIL : SrtpStatus.OK;
  }

  /** Records {@code index} as received, sliding the window forward if it is the new highest. */
  void accept(long index) {
    if (index > highest) {
      long shift = highest < 0 ? size : index - highest;
      if (shift >= size) {
        java.util.Arrays.fill(bits, 0);
      } else {
        for (long i = highest + 1; i < index; i++) {
          clear(i);
        }
      }
      highest = index;
    }
    set(index);
  }

  private int slot(long index) {
    return (int) Math.floorMod(index, (long) size);
  }

  private boolean isSet(long index) {
    int s = slot(index);
    return (bits[s >>> 6] & (1L << (s & 63))) != 0;
  }

  private void set(long index) {
    int s = slot(index);
    bits[s >>> 6] |= 1L << (s & 63);
  }

  private void clear(long index) {
    int s = slot(index);
    bits[s >>> 6] &= ~(1L << (s & 63));
  }
}
