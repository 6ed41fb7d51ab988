package org.ddsec.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ddsec.cli.CliRun;
import org.ddsec.cli.gba.UeCommandsTest;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@code ./ddsec demo --keep-running} leaves behind works with {@code ./ddsec ue …}: after
 * the story, with the services still up, Bob's file lists the demo's message, Alice's file leaves
 * a second one (Alice and Bob are offline again), and Bob plays it back exactly — for IBAKE-DD
 * too, where the files say {@code ue.solution = ibake-dd} and the ue commands run seed Fig. 27.
 */
class DemoHandOverTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(names = {"KMS_DD", "IBAKE_DD"})
  void handOver_ueFilesDriveTheRunningDemo_secondMessageDepositedAndPlayed(Demo.Solution solution, @TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("demo-out"));
    PcmAudio message = Demo.loadBundledMessage();
    try (Demo demo = new Demo(solution, Files.createDirectories(dir.resolve("work")))) {
      Demo.Result r = demo.run(message, Duration.ofMillis(1), n -> {});
      assertThat(r.secretHits()).isEmpty();
      assertThat(r.playback().originator()).isEqualTo(Demo.ALICE);
      assertThat(r.audioMatches()).as("played back exactly; %s", r.playback().details().report()).isTrue();
      assertThat(r.ok()).isTrue();
      List<Path> files = demo.handOver(out);
      assertThat(files).containsExactly(out.resolve("ca.pem"), out.resolve("ue-alice.properties"), out.resolve("ue-bob.properties"));
      assertThat(Files.readString(out.resolve("ue-alice.properties"))).contains("ue.solution = " + solution.cliName + "\n");
      String alice = out.resolve("ue-alice.properties").toString();
      String bob = out.resolve("ue-bob.properties").toString();

      CliRun first = CliRun.of("ue", "inbox", "--config", bob);
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).contains("messages=1\n").contains(" from=" + Demo.ALICE + " ");

      Path wav = dir.resolve("alice-message.wav");
      Demo.writeWav(message, wav);
      CliRun call = CliRun.of("ue", "call", "--config", alice, "--to", Demo.BOB, "--wav", wav.toString(), "--pace-ms", "1", "--no-progress");
      assertThat(call.exitCode()).as(call.err()).isZero();
      String id = call.out().lines().filter(l -> l.startsWith("msg_id=")).findFirst().orElseThrow().substring(7);

      assertThat(UeCommandsTest.inboxLine(out.resolve("ue-bob.properties"), id)).startsWith("msg_id=" + id + " from=" + Demo.ALICE + " ");
      Path heard = dir.resolve("heard.wav");
      CliRun play = CliRun.of("ue", "play", "--config", bob, "--id", id, "--out", heard.toString());
      assertThat(play.exitCode()).as(play.err()).isZero();
      if (solution.isIbake()) {
        assertThat(play.out()).contains("from=" + Demo.ALICE + "\n", "originator_verified=true\n");
      }
      assertThat(Wav.read(Files.newInputStream(heard)).samples()).isEqualTo(Demo.quantise(message, G711.PCMU).samples());
    }
  }
}
