package org.ddsec.cli.gba;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.client.ue.UserEquipment.UeException;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.ddsec.media.audio.WavFormatException;
import org.ddsec.protocol.sip.SipUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ddsec ue call}: the caller of seed Fig. 17 (or 19 with {@code ue.e2m}): GBA bootstrap,
 * REGISTER (the core asserts the caller's identity only on a registered flow), INVITE with the
 * TRANSFER_INIT; when the callee's mailbox answers, the WAV streams as SRTP in real time with a
 * progress bar, then BYE.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = {"Leave a voice message: bootstrap GBA, REGISTER, INVITE (KMS-DD TRANSFER_INIT; with ue.solution = ibake-dd: I_MESSAGE_1,",
        "then R_MESSAGE_1 in a reliable 183, I_MESSAGE_2 with the ESK in the PRACK), stream the WAV as SRTP, BYE.",
        "Prints btid=, answered_by=, msg_id=, packets=, duration_ms=. Each ue command bootstraps GBA itself (a new process)."})
final class UeCallCommand extends UeSubcommand {

  @Option(names = "--to", required = true, paramLabel = "URI", description = "The callee, e.g. sip:bob@ims.example (offline: the call lands at the mailbox).")
  String to;

  @Option(names = "--wav", required = true, paramLabel = "FILE", description = "The message: a PCM WAV (converted to 8 kHz mono).")
  Path wav;

  @Option(names = "--codec", defaultValue = "pcmu", paramLabel = "NAME", description = "pcmu or pcma (default: ${DEFAULT-VALUE}).")
  String codec;

  @Option(names = "--pace-ms", defaultValue = "20", paramLabel = "MS",
      description = "Milliseconds between SRTP packets (20 = real time) (default: ${DEFAULT-VALUE}).")
  int paceMs;

  @Option(names = "--no-progress", description = "No progress bar while the message streams.")
  boolean noProgress;

  private PcmAudio audio;
  private G711 g711;

  @Override
  String name() {
    return "call";
  }

  @Override
  String bootstrapStep(UserEquipment.Config c) {
    return c.ibake() ? "K.0a" : (c.e2m() ? "19" : "17") + ".1a";
  }

  @Override
  void check() throws GbaCli.UsageException, IOException {
    try {
      SipUri.parse(to);
    } catch (IllegalArgumentException e) {
      throw new GbaCli.UsageException("--to: " + to + " (expected: a sip: URI such as sip:bob@ims.example)");
    }
    g711 = switch (codec.toLowerCase(Locale.ROOT)) {
      case "pcmu" -> G711.PCMU;
      case "pcma" -> G711.PCMA;
      default -> throw new GbaCli.UsageException("--codec: " + codec + " (expected: pcmu or pcma)");
    };
    if (paceMs < 0 || paceMs > 1000) {
      throw new GbaCli.UsageException("--pace-ms: " + paceMs + " (expected: 0..1000)");
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(wav))) {
      audio = Wav.read(in);
    } catch (NoSuchFileException e) {
      throw new GbaCli.UsageException("--wav: no such file: " + wav);
    } catch (WavFormatException e) {
      throw new GbaCli.UsageException("--wav: " + wav + ": " + e.getMessage());
    }
    if (UserEquipment.packetsOf(audio) == 0) {
      throw new GbaCli.UsageException("--wav: " + wav + " holds no audio samples");
    }
  }

  @Override
  void run(UserEquipment ue, UserEquipment.Config c, PrintWriter out) throws UeException {
    ue.register();
    UserEquipment.Deposit d;
    try (UserEquipment.OutgoingDeposit call = c.ibake() ? ue.callMailboxIbake(to, g711) : ue.callMailbox(to, g711)) {
      out.println("answered_by=" + call.answeredBy());
      out.println("msg_id=" + call.msgId().hex());
      out.flush();
      if (noProgress) {
        call.stream(audio, Duration.ofMillis(paceMs), n -> {});
      } else {
        String media = call.mediaTo().getAddress().getHostAddress() + ":" + call.mediaTo().getPort();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("SRTP to " + media).setInitialMax(UserEquipment.packetsOf(audio))
            .setStyle(ProgressBarStyle.ASCII).setUnit(" pkt", 1).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
          call.stream(audio, Duration.ofMillis(paceMs), bar::stepTo);
        }
      }
      d = call.hangUp();
    }
    out.println("packets=" + d.packets());
    out.println("duration_ms=" + d.packets() * 20L);
  }
}
