package org.ddsec.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ddsec.cli.CliRun;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ./ddsec demo} end to end on real sockets: exit 0 and OK, the ladder numbered like the
 * seed's figures, and the files it writes — Bob's WAV is exactly Alice's after G.711.
 */
class DemoCommandTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"kms-dd, 17", "kms-dd-e2m, 19"})
  void demo_storyRunsOverRealSockets_bobHearsAlice(String solution, String fig, @TempDir Path out) throws Exception {
    CliRun r = CliRun.of("demo", "--solution", solution, "--out", out.toString(), "--pace-ms", "1", "--no-progress");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    String o = r.out();
    assertThat(o.strip()).endsWith("OK");
    for (String step : new String[] {fig + ".1a", fig + ".1m", fig + ".2a", fig + ".2b", fig + ".3", fig + ".4", fig + ".5", fig + ".6",
        fig + ".7", fig + ".8", fig + ".9", "18.1b", "18.2", "18.3", "18.4", "18.5", "18.6"}) {
      assertThat(o).as("step %s", step).contains(step + " ");
    }
    assertThat(o).contains("SIP INVITE", "SIP 200 OK", "SIP ACK", "SIP BYE", "SIP REGISTER", "HTTPS POST /kms/v1/mikey: RESOLVE_INIT_PSK",
        "a=key-mgmt:mikey", "GBA bootstrap");
    assertThat(o).contains("equals what Alice sent after G.711 quantisation", "occur in nothing the mailbox stored");
    assertThat(o).doesNotContain("NO");
    if (fig.equals("19")) {
      assertThat(o).contains("V under Ke2m");
    }

    PcmAudio sent = Wav.read(Files.newInputStream(out.resolve("alice-sent.wav")));
    PcmAudio heard = Wav.read(Files.newInputStream(out.resolve("bob-heard.wav")));
    assertThat(heard.samples()).isEqualTo(Demo.quantise(sent, G711.PCMU).samples());
    assertThat(Files.size(out.resolve("mailbox-stored.pcap"))).isGreaterThan(24 + 150 * (16 + 42 + 182L));
    assertThat(Files.readString(out.resolve("ladder.txt"))).contains(fig + ".2b SIP INVITE");
  }

  @Test
  void unknownSolution_isUsageError(@TempDir Path out) {
    CliRun r = CliRun.of("demo", "--solution", "sdes-dd", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--solution: 'sdes-dd' (expected: kms-dd, kms-dd-e2m, ibake-dd or ibake-dd-strict)");
  }

  /**
   * Issue 7 "in the running system": seed Fig. 27 over SIP/HTTPS/SRTP — key provisioning, the four
   * MIKEY-IBAKE messages in INVITE / reliable 183 / PRACK / 200 OK, SRTP from SK, Bob's inbox with
   * the ESK, playback exactly; in the signed profile Bob verifies Alice's signature himself.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"ibake-dd, signed with ECCSI", "ibake-dd-strict, strict RFC 6267"})
  void demo_ibakeDd_fig27OverRealSockets_bobHearsAlice(String solution, String profile, @TempDir Path out) throws Exception {
    CliRun r = CliRun.of("demo", "--solution", solution, "--out", out.toString(), "--pace-ms", "1", "--no-progress");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    String o = r.out();
    assertThat(o.strip()).endsWith("OK");
    assertThat(o).contains(profile);
    for (String step : new String[] {"K.0a", "K.1", "K.2", "K.3", "K.4", "27.1", "27.2", "27.3", "27.4", "27.5", "27.6", "27.7", "27.8", "27.9",
        "27.10b", "27.10", "27.11", "27.12m", "27.12p"}) {
      assertThat(o).as("step %s", step).contains(step + " ");
    }
    assertThat(o).contains("27.1 SIP INVITE", "27.3 SIP 183 Session Progress", "27.5 SIP PRACK", "27.7 SIP 200 OK", "SIP ACK", "SIP BYE",
        "REQUEST_KEY_PSK (HTTPS)", "REQUEST_KEY_RESP (HTTPS)", "a=key-mgmt:mikey", "GBA bootstrap", "I_MESSAGE_2", "ESK");
    assertThat(o).contains("equals what Alice sent after G.711 quantisation", "SK, SRTP master key and salt occur in nothing the mailbox stored");
    assertThat(o).doesNotContain("NO").doesNotContain("FAILED");
    if (solution.equals("ibake-dd")) {
      assertThat(o).contains("SIGN", "ECCSI signature verified by B");
    } else {
      assertThat(o).contains("the mailbox's word");
    }
    PcmAudio sent = Wav.read(Files.newInputStream(out.resolve("alice-sent.wav")));
    PcmAudio heard = Wav.read(Files.newInputStream(out.resolve("bob-heard.wav")));
    assertThat(heard.samples()).isEqualTo(Demo.quantise(sent, G711.PCMU).samples());
    assertThat(Files.size(out.resolve("mailbox-stored.pcap"))).isGreaterThan(24 + 150 * (16 + 42 + 182L));
    assertThat(Files.readString(out.resolve("ladder.txt"))).contains("27.5 SIP PRACK");
  }
}
