package org.ddsec.media.rtp;

/**
 * Extension of 16-bit RTP sequence numbers to the 48-bit packet index {@code i = 2^16 × ROC +
 * SEQ} (RFC 3711 §3.3.1).
 */
public final class SequenceNumbers {

  private SequenceNumbers() {}

  /**
   * The index of a packet with sequence number {@code seq}, given the highest index {@code
   * highest} received so far: the guess v of RFC 3711 Appendix A for its ROC, from {@code ROC =
   * highest >>> 16} and {@code s_l = highest & 0xFFFF}. Returns −1 when the guess is ROC − 1 with
   * ROC = 0 (the packet would precede index 0).
   *
   * @param highest the highest index so far, 0 ≤ highest < 2^48
   * @param seq a 16-bit sequence number
   */
  public static long estimateIndex(long highest, int seq) {
    long roc = highest >>> 16;
    int sl = (int) (highest & 0xFFFF);
    long v;
    if (sl < 32768) {
      v = seq - sl > 32768 ? roc - 1 : roc;
    } else {
      v = sl - 32768 > seq ? roc + 1 : roc;
    }
    if (v < 0) {
      return -1;
    }
    return (v << 16) | seq;
  }
}
