package org.ddsec.media.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.media.audio.AudioConversion;
import org.ddsec.media.audio.Frames;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.rtp.RtpPacketiser;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpOptions;
import org.ddsec.media.srtp.SrtpResult;
import org.ddsec.media.srtp.SrtpSession;

/**
 * A voice message as the caller sends it: audio converted to 8 kHz mono, cut into 20 ms frames,
 * G.711-encoded, packetised as RTP (RFC 3550) and protected as SRTP (RFC 3711 / RFC 7714) — one
 * packet per frame, in sending order. Pure: the adapter that paces them onto a socket is the
 * client's.
 */
public final class VoiceStream {

  /** Where the stream starts (RFC 3550 §5.1: random initial sequence number and timestamp). */
  public record Start(long ssrc, int firstSequenceNumber, long firstTimestamp, long rolloverCounter) {
    public Start {
      if (ssrc < 0 || ssrc > 0xFFFF_FFFFL || firstSequenceNumber < 0 || firstSequenceNumber > 0xFFFF
          || firstTimestamp < 0 || firstTimestamp > 0xFFFF_FFFFL || rolloverCounter < 0 || rolloverCounter > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("RTP stream start out of range: SSRC, SEQ, TS and ROC are 32/16/32/32 bits");
      }
    }
  }

  private VoiceStream() {}

  /**
   * The SRTP packets of {@code audio}.
   *
   * @throws IllegalStateException if the SRTP index space runs out (2^48 packets: never for a voice message)
   */
  public static List<byte[]> srtpPackets(PcmAudio audio, G711 codec, SrtpMasterKey key, Start start) {
    Objects.requireNonNull(audio, "audio");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(key, "key");
    List<short[]> frames = Frames.of20ms(AudioConversion.toNarrowbandMono(audio));
    List<byte[]> out = new ArrayList<>(frames.size());
    RtpPacketiser p = new RtpPacketiser(codec.payloadType(), start.ssrc(), start.firstSequenceNumber(), start.firstTimestamp());
    try (SrtpSession tx = SrtpSession.sender(key, SrtpOptions.DEFAULT)) {
      tx.setInitialRolloverCounter(start.ssrc(), start.rolloverCounter());
      for (short[] f : frames) {
        SrtpResult r = tx.protect(p.next(Bytes.of(codec.encode(f)), G711.FRAME_SAMPLES).encode());
        if (!r.isOk()) {
          throw new IllegalStateException("SRTP protect: " + r.status());
        }
        out.add(r.packet());
      }
    }
    return out;
  }
}
