package org.ddsec.media.playback;

import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.capture.CapturedPacket;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.rtp.RtpDepacketiser;
import org.ddsec.media.rtp.RtpFormatException;
import org.ddsec.media.rtp.RtpPacket;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpOptions;
import org.ddsec.media.srtp.SrtpResult;
import org.ddsec.media.srtp.SrtpSession;

/**
 * The recipient's side of a deferred message: decrypt the stored SRTP packets in the order they
 * arrived (so that the ROC estimation of RFC 3711 §3.3.1 sees what a live receiver would have
 * seen, starting from the stored ROC), put them in SRTP-index order, conceal every missing packet
 * with 20 ms of silence, and decode G.711 to 8 kHz mono PCM.
 *
 * <p>Packets that fail SRTP (forged, replayed, damaged) or are not the message's codec are
 * dropped and counted in the {@link PlaybackReport}; they never stop playback. The silence any
 * stream can request is bounded by {@code maxFrames}.
 */
public final class MessagePlayer {

  /** The default bound on output length: one hour of 20 ms frames. */
  public static final long DEFAULT_MAX_FRAMES = 180_000;

  /** Decoded audio and the report. */
  public record Playback(PcmAudio audio, PlaybackReport report) {}

  private MessagePlayer() {}

  /** Plays {@code message} with the default bound of {@link #DEFAULT_MAX_FRAMES}. */
  public static Playback play(StoredMessage message, SrtpMasterKey key) {
    return play(message, key, DEFAULT_MAX_FRAMES);
  }

  /**
   * Decrypts and decodes a stored message.
   *
   * @param key the master key and salt for the message's suite (the recipient obtained it from
   *     the key management, never from the mailbox)
   * @throws IllegalArgumentException if the key is for another suite than the message
   */
  public static Playback play(StoredMessage message, SrtpMasterKey key, long maxFrames) {
    Objects.requireNonNull(message, "message");
    var meta = message.metadata();
    if (key.suite() != meta.suite()) {
      throw new IllegalArgumentException("master key suite: " + key.suite() + " (expected: " + meta.suite() + ", the message's)");
    }
    return play(message.packets(), meta.ssrc(), meta.initialRoc(), meta.keyDerivationRate(), key, maxFrames);
  }

  /**
   * Decrypts and decodes the packets of stream {@code ssrc} in a capture that has no
   * stored-message metadata (e.g. one made by {@code ./ddsec media encode}); datagrams of other
   * SSRCs are counted as {@code FOREIGN_SSRC}.
   *
   * @param initialRoc the ROC of the first packet of the stream in the capture
   */
  public static Playback play(List<CapturedPacket> packets, long ssrc, long initialRoc, KeyDerivationRate kdr, SrtpMasterKey key,
      long maxFrames) {
    Objects.requireNonNull(packets, "packets");
    TreeMap<String, Integer> rejected = new TreeMap<>();
    RtpDepacketiser order = new RtpDepacketiser(maxFrames);
    int decrypted = 0;
    G711 codec = null;
    try (SrtpSession rx = SrtpSession.receiver(key, SrtpOptions.DEFAULT.withKeyDerivationRate(kdr))) {
      rx.setInitialRolloverCounter(ssrc, initialRoc);
      for (CapturedPacket cp : packets) {
        byte[] b = cp.payload().toByteArray();
        if (b.length < 12 || ((b[8] & 0xFFL) << 24 | (b[9] & 0xFFL) << 16 | (b[10] & 0xFFL) << 8 | (b[11] & 0xFFL)) != ssrc) {
          rejected.merge("FOREIGN_SSRC", 1, Integer::sum);
          continue;
        }
        SrtpResult r = rx.unprotect(b);
        if (!r.isOk()) {
          rejected.merge(r.status().name(), 1, Integer::sum);
          continue;
        }
        RtpPacket p;
        try {
          p = RtpPacket.parse(r.packet());
        } catch (RtpFormatException e) {
          rejected.merge("NOT_RTP", 1, Integer::sum);
          continue;
        }
        G711 c = codecOf(p.payloadType());
        if (c == null || (codec != null && c != codec)) {
          rejected.merge("WRONG_PAYLOAD_TYPE", 1, Integer::sum);
          continue;
        }
        if (p.payload().length() != G711.FRAME_SAMPLES) {
          rejected.merge("FRAME_NOT_20MS", 1, Integer::sum); // concealment counts 160 samples per index
          continue;
        }
        codec = c;
        int before = order.outOfSpan();
        order.add(r.index(), p);
        if (order.outOfSpan() > before) {
          rejected.merge("OUT_OF_SPAN", 1, Integer::sum);
          continue;
        }
        decrypted++;
      }
    }
    List<RtpDepacketiser.Slot> slots = order.playout();
    short[] pcm = new short[Math.multiplyExact(slots.size(), G711.FRAME_SAMPLES)];
    long concealed = 0;
    int at = 0;
    for (RtpDepacketiser.Slot s : slots) {
      if (s.packet().isPresent()) {
        short[] f = codec.decode(s.packet().get().payload().toByteArray());
        System.arraycopy(f, 0, pcm, at, f.length);
      } else {
        concealed++; // silence: the array is already zero
      }
      at += G711.FRAME_SAMPLES;
    }
    // a duplicate that decrypted (only possible if the replay window let it through) is not "decrypted" twice
    int dups = order.duplicates();
    if (dups > 0) {
      rejected.merge("DUPLICATE", dups, Integer::sum);
      decrypted -= dups;
    }
    return new Playback(PcmAudio.mono(PcmAudio.NARROWBAND_RATE, pcm),
        new PlaybackReport(packets.size(), decrypted, rejected, concealed, slots.size()));
  }

  private static G711 codecOf(int pt) {
    for (G711 g : G711.values()) {
      if (g.payloadType() == pt) {
        return g;
      }
    }
    return null;
  }
}
