package org.ddsec.cli.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.audio.Wav;
import org.ddsec.media.capture.CapturedPacket;
import org.ddsec.media.capture.PcapFormatException;
import org.ddsec.media.capture.PcapReader;
import org.ddsec.media.playback.MessagePlayer;
import org.ddsec.media.playback.PlaybackReport;
import org.ddsec.media.srtp.SrtpMasterKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec media decode}: pcap → SRTP → G.711 → WAV (8 kHz mono 16-bit), lost packets
 * concealed with silence, as the recipient plays a stored message.
 */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Decrypt the SRTP stream in a pcap capture and write it as a WAV file (8 kHz mono, 16-bit).",
      "Lost packets become 20 ms of silence. Prints packets, decrypted, rejected, concealed and duration_ms "
          + "as name=value lines; exits 1 if no packet authenticates."
    })
public final class DecodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin MediaOptions media;

  @Option(names = "--in", required = true, paramLabel = "PCAP", description = "The capture to decode.")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "WAV", description = "The WAV file to write.")
  Path out;

  @Option(names = "--ssrc", paramLabel = "N", description = "The stream to decode (default: the SSRC of the first RTP packet).")
  String ssrc;

  @Option(names = "--roc", paramLabel = "N", defaultValue = "0", description = "ROC of the first packet (default: ${DEFAULT-VALUE}).")
  String roc;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      long rocValue = MediaOptions.u32("--roc", roc);
      Long ssrcValue = ssrc == null ? null : MediaOptions.u32("--ssrc", ssrc);
      try (SrtpMasterKey key = media.key()) {
        List<CapturedPacket> packets;
        try (InputStream is = new BufferedInputStream(Files.newInputStream(in))) {
          packets = new PcapReader(is).readAll();
        } catch (NoSuchFileException e) {
          throw new IllegalArgumentException("--in: no such file: " + in, e);
        }
        long stream = ssrcValue != null ? ssrcValue : firstSsrc(packets);
        if (stream < 0) {
          err.println("ddsec media decode: refused: " + in + " holds no RTP packet");
          return 1;
        }
        MessagePlayer.Playback pb = MessagePlayer.play(packets, stream, rocValue, KeyDerivationRate.ZERO, key,
            MessagePlayer.DEFAULT_MAX_FRAMES);
        PlaybackReport r = pb.report();
        if (r.decrypted() == 0) {
          err.println("ddsec media decode: refused: no packet of SSRC " + stream + " authenticated (" + summary(r.rejected())
              + "); wrong key, salt, suite or --roc?");
          return 1;
        }
        Files.write(out, Wav.toBytes(pb.audio()));
        o.println("packets=" + r.packets());
        o.println("decrypted=" + r.decrypted());
        o.println("rejected=" + r.rejectedTotal() + (r.rejected().isEmpty() ? "" : " (" + summary(r.rejected()) + ")"));
        o.println("concealed=" + r.concealed());
        o.println("duration_ms=" + pb.audio().durationMillis());
      }
    } catch (PcapFormatException e) {
      err.println("ddsec media decode: refused: " + in + ": " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("ddsec media decode: " + e.getMessage());
      return 2;
    }
    o.flush();
    return 0;
  }

  private static long firstSsrc(List<CapturedPacket> packets) {
    for (CapturedPacket p : packets) {
      var b = p.payload();
      if (b.length() >= 12 && (b.get(0) & 0xC0) == 0x80) {
        return (long) b.get(8) << 24 | b.get(9) << 16 | b.get(10) << 8 | b.get(11);
      }
    }
    return -1;
  }

  private static String summary(Map<String, Integer> rejected) {
    StringBuilder sb = new StringBuilder();
    new java.util.TreeMap<>(rejected).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
    return sb.length() == 0 ? "no packets" : sb.toString();
  }
}
