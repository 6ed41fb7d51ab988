package org.ddsec.media.playback;

import java.util.Map;

/**
 * How playback went: packets in the message, decrypted, rejected (by SRTP status or as
 * unplayable), and the 20 ms frames concealed with silence because their packet was missing.
 *
 * @param packets datagrams in the stored message
 * @param decrypted packets that authenticated and decrypted
 * @param rejected packets refused, by reason (an SRTP status name, or {@code NOT_RTP},
 *     {@code FOREIGN_SSRC}, {@code WRONG_PAYLOAD_TYPE} (not PCMU/PCMA, or the codec changed),
 *     {@code FRAME_NOT_20MS}, {@code OUT_OF_SPAN}, {@code DUPLICATE})
 * @param concealed frames filled with silence
 * @param frames frames in the output (decrypted + concealed)
 */
public record PlaybackReport(int packets, int decrypted, Map<String, Integer> rejected, long concealed, long frames) {
  public PlaybackReport {
    rejected = Map.copyOf(rejected);
  }

  /** Sum of the rejections. */
  public int rejectedTotal() {
    return rejected.values().stream().mapToInt(Integer::intValue).sum();
  }
}
