package org.ddsec.cli.demo;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ddsec.media.audio.PcmAudio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec demo}: the end-to-end story on real sockets in one process (see {@link Demo}),
 * printing the ladder of every SIP, HTTP and MIKEY message, numbered like the seed's figures,
 * then the checks, and exiting 0 with {@code OK} when all hold.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, subcommands = {DemoLoadCommand.class},
    description = "Alice leaves offline Bob an encrypted voice message; Bob comes online and hears it (real SIP, HTTPS, MIKEY, SRTP on loopback).")
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--solution", defaultValue = "kms-dd", paramLabel = "NAME",
      description = "kms-dd (TR 33.828 Fig. 17+18, the default), kms-dd-e2m (Fig. 19+18), ibake-dd (MIKEY-IBAKE, Fig. 27, ddsec's signed profile) "
          + "or ibake-dd-strict (Fig. 27 as strict RFC 6267)")
  String solution;

  @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
      description = "Receives alice-sent.wav, bob-heard.wav, the mailbox's stored pcap and ladder.txt (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--keep-running", description = "Leave the services up after the story, print name=url per endpoint and write ue-alice.properties, ue-bob.properties and ca.pem to --out for ./ddsec ue ..., until interrupted.")
  boolean keepRunning;

  @Option(names = "--pace-ms", defaultValue = "20", paramLabel = "MS",
      description = "Milliseconds between SRTP packets (20 = real time; smaller streams faster) (default: ${DEFAULT-VALUE}).")
  int paceMs;

  @Option(names = "--no-progress", description = "No progress bar while the message streams.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    Demo.Solution sol = Demo.Solution.of(solution).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
        "--solution: '" + solution + "' (expected: " + Demo.Solution.NAMES + ")"));
    if (paceMs < 0 || paceMs > 1000) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--pace-ms: " + paceMs + " (expected: 0..1000)");
    }
    Files.createDirectories(out);
    PcmAudio message = Demo.loadBundledMessage();
    Path work = Files.createTempDirectory("ddsec-demo-");
    o.println("ddsec demo: " + switch (sol) {
      case KMS_DD -> "KMS-based deferred delivery (TR 33.828 §7.4.3.3, Fig. 17 then 18)";
      case KMS_DD_E2M -> "KMS-based deferred delivery with e2m protection (TR 33.828 §7.4.3.3, Fig. 19 then 18)";
      case IBAKE_DD -> "MIKEY-IBAKE deferred delivery (TR 33.828 §7.6.2.5, Fig. 27; RFC 6267 §4.2.2), ddsec's profile: "
          + "I_MESSAGE_1/R_MESSAGE_1/I_MESSAGE_2 signed with ECCSI, the ESK included";
      case IBAKE_DD_STRICT -> "MIKEY-IBAKE deferred delivery (TR 33.828 §7.6.2.5, Fig. 27) as strict RFC 6267: no signatures, "
          + "the ESK outside every MAC (the ALU1 gap is open)";
    });
    if (sol.isIbake()) {
      o.println("The four MIKEY-IBAKE messages ride SIP: INVITE (I_MESSAGE_1), reliable 183 (R_MESSAGE_1, RFC 3262), "
          + "PRACK (I_MESSAGE_2 with the ESK), 200 OK to the PRACK (R_MESSAGE_2).");
    }
    o.println("Starting BSF, KMS, IMS core and Bob's mailbox on loopback (TLS, throw-away CA, H2 in " + work + ") ...");
    o.flush();
    Demo demo = new Demo(sol, work);
    try {
      int frames = (message.frames() + 159) / 160;
      Demo.Result r;
      if (noProgress) {
        r = demo.run(message, Duration.ofMillis(paceMs), n -> {});
      } else {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Alice speaks (SRTP)").setInitialMax(frames)
            .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build()) {
          r = demo.run(message, Duration.ofMillis(paceMs), n -> bar.stepTo(n));
        }
      }
      o.println();
      o.print(r.ladder());
      o.println();
      Demo.writeWav(message, out.resolve("alice-sent.wav"));
      Demo.writeWav(r.playback().audio(), out.resolve("bob-heard.wav"));
      if (r.storedPcap() != null) {
        Files.copy(r.storedPcap(), out.resolve("mailbox-stored.pcap"), StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(out.resolve("ladder.txt"), r.ladder(), StandardCharsets.UTF_8);
      o.println("Alice's message: " + r.deposit().packets() + " SRTP packets (" + r.deposit().packets() * 20 + " ms), "
          + r.sipMessages() + " SIP messages in all; Bob heard it from " + r.playback().originator() + ".");
      o.println("check: Bob's audio equals what Alice sent after G.711 quantisation (" + r.quantisedSent().frames() + " samples) ... "
          + (r.audioMatches() ? "yes" : "NO"));
      o.println("check: " + (sol.isIbake() ? "SK" : "K") + ", SRTP master key and salt occur in nothing the mailbox stored (" + r.filesScanned()
          + " files, " + r.bytesScanned() + " bytes) ... " + (r.secretHits().isEmpty() ? "yes" : "NO: " + r.secretHits()));
      String vouched = switch (sol) {
        case KMS_DD, KMS_DD_E2M -> "the one the KMS authenticated";
        case IBAKE_DD -> "Alice, whose ECCSI signature over I_MESSAGE_2 (ESK included) Bob verified himself";
        case IBAKE_DD_STRICT -> "Alice, on the mailbox's word and the ESK's ID-A (strict RFC 6267 signs nothing)";
      };
      o.println("check: the originator Bob sees is " + vouched + " (" + r.playback().originator() + ") ... " + (r.originatorOk() ? "yes" : "NO"));
      o.println("wrote " + out.resolve("alice-sent.wav") + ", " + out.resolve("bob-heard.wav") + ", " + out.resolve("mailbox-stored.pcap")
          + ", " + out.resolve("ladder.txt"));
      o.println(r.ok() ? "OK" : "FAILED");
      o.flush();
      if (keepRunning) {
        java.util.List<Path> files = demo.handOver(out);
        o.println("services stay up; Alice and Bob are offline again; endpoints:");
        demo.printEndpoints(o);
        o.println("UE files (K/OPc as provisioned, these endpoints): " + files.get(1) + ", " + files.get(2) + " (CA " + files.get(0) + "); e.g.");
        o.println("  ./ddsec ue call --config " + files.get(1) + " --to " + Demo.BOB + " --wav samples/audio/alice-message.wav");
        o.println("  ./ddsec ue inbox --config " + files.get(2));
        o.println("  ./ddsec ue play --config " + files.get(2) + " --id MSGID --out heard.wav");
        o.flush();
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          demo.close();
          forever.countDown();
        }));
        forever.await();
      }
      return r.ok() ? 0 : 1;
    } finally {
      if (!keepRunning) {
        demo.close();
      }
    }
  }
}
