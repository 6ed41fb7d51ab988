package org.ddsec.cli.media;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.ddsec.media.audio.WavFormatException;
import org.ddsec.media.capture.PcapWriter;
import org.ddsec.media.stream.VoiceStream;
import org.ddsec.media.capture.UdpEndpoint;
import org.ddsec.media.srtp.SrtpMasterKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec media encode}: WAV → 8 kHz mono → G.711 → RTP (one packet per 20 ms) → SRTP →
 * pcap, as a mailbox would store it.
 */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
      "Encode a WAV file as an SRTP stream in a pcap capture (one RTP packet per 20 ms frame).",
      "Any PCM WAV is converted to 8 kHz mono first. Prints packets, duration_ms, ssrc, first_seq, "
          + "first_timestamp and roc as name=value lines."
    })
public final class EncodeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin MediaOptions media;

  @Option(names = "--in", required = true, paramLabel = "WAV", description = "The WAV file to encode.")
  Path in;

  @Option(names = "--codec", required = true, paramLabel = "pcmu|pcma", description = "G.711 µ-law (PT 0) or A-law (PT 8).")
  String codec;

  @Option(names = "--ssrc", required = true, paramLabel = "N", description = "The RTP SSRC, decimal or 0x-hex (32 bits).")
  String ssrc;

  @Option(names = "--out", required = true, paramLabel = "PCAP", description = "The capture to write.")
  Path out;

  @Option(names = "--seq", paramLabel = "N", description = "First RTP sequence number (default: random, RFC 3550 §5.1).")
  Integer seq;

  @Option(names = "--timestamp", paramLabel = "N", description = "First RTP timestamp (default: random).")
  String timestamp;

  @Option(names = "--roc", paramLabel = "N", defaultValue = "0", description = "ROC of the first packet (default: ${DEFAULT-VALUE}).")
  String roc;

  @Option(names = "--src", paramLabel = "IP:PORT", defaultValue = "192.0.2.1:40000",
      description = "Source address in the capture (default: ${DEFAULT-VALUE}).")
  String src;

  @Option(names = "--dst", paramLabel = "IP:PORT", defaultValue = "192.0.2.2:5004",
      description = "Destination address in the capture (default: ${DEFAULT-VALUE}).")
  String dst;

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SecureRandom random = new SecureRandom();
    try {
      G711 g = MediaOptions.codec(codec);
      long ssrcValue = MediaOptions.u32("--ssrc", ssrc);
      long rocValue = MediaOptions.u32("--roc", roc);
      if (seq != null && (seq < 0 || seq > 0xFFFF)) {
        throw new IllegalArgumentException("--seq: " + seq + " (expected: 0..65535)");
      }
      int firstSeq = seq != null ? seq : random.nextInt(1 << 16);
      long firstTs = timestamp != null ? MediaOptions.u32("--timestamp", timestamp) : random.nextLong() & 0xFFFF_FFFFL;
      UdpEndpoint source = endpoint("--src", src);
      UdpEndpoint destination = endpoint("--dst", dst);
      PcmAudio audio;
      try (InputStream is = new BufferedInputStream(Files.newInputStream(in))) {
        audio = Wav.read(is);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("--in: no such file: " + in, e);
      }
      try (SrtpMasterKey key = media.key()) {
        List<byte[]> packets;
        try {
          packets = VoiceStream.srtpPackets(audio, g, key, new VoiceStream.Start(ssrcValue, firstSeq, firstTs, rocValue));
        } catch (IllegalStateException e) {
          err.println("ddsec media encode: refused: " + e.getMessage() + " (the SRTP index space is used up)");
          return 1;
        }
        if (packets.isEmpty()) {
          err.println("ddsec media encode: refused: " + in + " holds no audio samples");
          return 1;
        }
        ByteArrayOutputStream pcap = new ByteArrayOutputStream();
        PcapWriter w = new PcapWriter(pcap);
        long t = System.currentTimeMillis() * 1000;
        for (byte[] packet : packets) {
          w.writeUdp(t, source, destination, packet);
          t += 20_000;
        }
        List<byte[]> frames = packets;
        Files.write(out, pcap.toByteArray());
        o.println("packets=" + frames.size());
        o.println("duration_ms=" + frames.size() * 20L);
        o.println("ssrc=" + ssrcValue);
        o.println("first_seq=" + firstSeq);
        o.println("first_timestamp=" + firstTs);
        o.println("roc=" + rocValue);
      }
    } catch (WavFormatException e) {
      err.println("ddsec media encode: refused: " + in + ": " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("ddsec media encode: " + e.getMessage());
      return 2;
    }
    o.flush();
    return 0;
  }

  static UdpEndpoint endpoint(String option, String v) {
    try {
      return UdpEndpoint.parse(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }
}
