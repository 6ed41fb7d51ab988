package org.ddsec.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ddsec.testkit.ExternalTool;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6's external check: tshark, capturing the demo's loopback traffic, decodes the SIP of the
 * IMS core → mailbox hop (in clear over UDP; the UE's Gm hop is TLS), the SDP {@code
 * a=key-mgmt:mikey} attribute and MIKEY inside it, and the SRTP stream as RTP — with no
 * malformed packet. Skips without tshark unless {@code ddsec.requireExternalTools=true}.
 *
 * <p>For IBAKE-DD (issue 7) the same hop shows the four MIKEY-IBAKE messages where docs/sip.md puts
 * them: INVITE, the reliable 183 (RFC 3262, with RSeq), the PRACK (with RAck) and its 200 OK each
 * carry {@code a=key-mgmt:mikey}; the 200 OK to the INVITE carries none.
 */
class DemoCaptureTest {

  @ParameterizedTest(name = "{0}")
  @EnumSource(names = {"KMS_DD", "IBAKE_DD"})
  void demoTraffic_tsharkDecodesSipKeyMgmtAndRtp_noMalformedPackets(Demo.Solution solution, @TempDir Path dir) throws Exception {
    ExternalTool tshark = ExternalTool.require("tshark");
    Path cap = dir.resolve("demo.pcapng");
    Process capture = new ProcessBuilder(tshark.executable().toString(), "-i", "lo", "-f", "udp", "-w", cap.toString())
        .redirectErrorStream(true).start();
    BufferedReader log = new BufferedReader(new InputStreamReader(capture.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = log.readLine()) != null && !line.contains("Capturing on")) {
      seen.append(line).append('\n');
      assertThat(System.nanoTime()).as("tshark did not start capturing: %s", seen).isLessThan(deadline);
    }
    assertThat(line).as("tshark output: %s", seen).isNotNull();
    Thread.sleep(500);
    Demo.Result r;
    int ims;
    int mailbox;
    try (Demo demo = new Demo(solution, Files.createDirectories(dir.resolve("work")))) {
      ims = demo.imsCoreUdpPort();
      mailbox = demo.mailboxSipPort();
      r = demo.run(Demo.loadBundledMessage(), Duration.ofMillis(2), n -> {});
    } finally {
      Thread.sleep(1000);
      capture.destroy(); // SIGTERM: tshark finishes the file
      capture.waitFor(20, TimeUnit.SECONDS);
    }
    assertThat(r.ok()).isTrue();
    int rtpPort = r.deposit().mediaTo().getPort();
    String demoOnly = "(udp.port == " + ims + " && udp.port == " + mailbox + ") || udp.dstport == " + rtpPort;

    ExternalTool.Result sip = tshark.run(60, "-r", cap.toString(), "-Y", "(" + demoOnly + ") && sip", "-T", "fields",
        "-e", "sip.Method", "-e", "sip.Status-Code", "-e", "sdp.key_mgmt.kmpid", "-e", "frame.protocols", "-e", "sip.CSeq.method",
        "-e", "sip.RSeq", "-e", "sip.RAck");
    assertThat(sip.exitCode()).as(sip.stderr()).isZero();
    List<String> lines = sip.stdout().lines().toList();
    assertThat(lines).as("SIP on the IMS core - mailbox hop").anyMatch(l -> l.startsWith("INVITE\t\tmikey\t") && l.contains(":sdp:mikey"));
    assertThat(lines).anyMatch(l -> l.startsWith("ACK\t"));
    assertThat(lines).anyMatch(l -> l.startsWith("BYE\t"));
    if (solution.isIbake()) {
      String rseq = lines.stream().filter(l -> l.matches("\t183\tmikey\t\\S*:mikey\tINVITE\t[1-9][0-9]*\t")).findFirst()
          .map(l -> l.split("\t")[5]).orElseThrow(() -> new AssertionError("R_MESSAGE_1 in a reliable 183 (RSeq): " + lines));
      assertThat(lines).as("I_MESSAGE_2 in the PRACK, RAck naming the 183's RSeq")
          .anyMatch(l -> l.matches("PRACK\t\tmikey\t\\S*:mikey\tPRACK\t\t" + rseq + " [0-9]+ INVITE"));
      assertThat(lines).as("R_MESSAGE_2 in the 200 OK to the PRACK").anyMatch(l -> l.startsWith("\t200\tmikey\t") && l.contains(":mikey\tPRACK\t"));
      assertThat(lines).as("the 200 OK to the INVITE carries no MIKEY").anyMatch(l -> l.startsWith("\t200\t\t") && l.contains("\tINVITE\t"))
          .noneMatch(l -> l.startsWith("\t200\tmikey\t") && l.contains("\tINVITE\t"));
    } else {
      assertThat(lines).anyMatch(l -> l.startsWith("\t200\tmikey\t") && l.contains(":mikey\tINVITE\t"));
    }

    ExternalTool.Result rtp = tshark.run(60, "-r", cap.toString(), "-d", "udp.port==" + rtpPort + ",rtp", "-Y",
        "udp.dstport == " + rtpPort + " && rtp", "-T", "fields", "-e", "rtp.ssrc", "-e", "rtp.p_type");
    assertThat(rtp.stdout().lines().filter(l -> !l.isBlank()).count()).as("RTP packets").isEqualTo(r.deposit().packets());
    assertThat(rtp.stdout().lines().filter(l -> !l.isBlank()).distinct().toList())
        .containsExactly(String.format("0x%08x\t0", r.deposit().ssrc()));

    ExternalTool.Result bad = tshark.run(60, "-r", cap.toString(), "-d", "udp.port==" + rtpPort + ",rtp", "-Y",
        "(" + demoOnly + ") && _ws.malformed", "-T", "fields", "-e", "frame.number");
    assertThat(bad.stdout().strip()).as("malformed frames of the demo").isEmpty();
  }
}
