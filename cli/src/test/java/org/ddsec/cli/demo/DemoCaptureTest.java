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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6's external check: tshark, capturing the demo's loopback traffic, decodes the SIP of the
 * IMS core → mailbox hop (in clear over UDP; the UE's Gm hop is TLS), the SDP {@code
 * a=key-mgmt:mikey} attribute and MIKEY inside it, and the SRTP stream as RTP — with no
 * malformed packet. Skips without tshark unless {@code ddsec.requireExternalTools=true}.
 */
class DemoCaptureTest {

  @Test
  void demoTraffic_tsharkDecodesSipKeyMgmtAndRtp_noMalformedPackets(@TempDir Path dir) throws Exception {
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
    try (Demo demo = new Demo(false, Files.createDirectories(dir.resolve("work")))) {
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
        "-e", "sip.Method", "-e", "sip.Status-Code", "-e", "sdp.key_mgmt.kmpid", "-e", "frame.protocols");
    assertThat(sip.exitCode()).as(sip.stderr()).isZero();
    List<String> lines = sip.stdout().lines().toList();
    assertThat(lines).as("SIP on the IMS core - mailbox hop").anyMatch(l -> l.startsWith("INVITE\t\tmikey\t") && l.contains(":sdp:mikey"));
    assertThat(lines).anyMatch(l -> l.startsWith("\t200\tmikey\t") && l.contains(":mikey"));
    assertThat(lines).anyMatch(l -> l.startsWith("ACK\t"));
    assertThat(lines).anyMatch(l -> l.startsWith("BYE\t"));

    ExternalTool.Result rtp = tshark.run(60, "-r", cap.toString(), "-d", "udp.port==" + rtpPort + ",rtp", "-Y",
        "udp.dstport == " + rtpPort + " && rtp", "-T", "fields", "-e", "rtp.ssrc", "-e", "rtp.p_type");
    assertThat(rtp.stdout().lines().filter(l -> !l.isBlank()).count()).as("RTP packets").isEqualTo(r.deposit().packets());
    assertThat(rtp.stdout().lines().filter(l -> !l.isBlank()).distinct().toList())
        .containsExactly(String.format("0x%08x\t0", r.deposit().insecureKeys().ssrc()));

    ExternalTool.Result bad = tshark.run(60, "-r", cap.toString(), "-d", "udp.port==" + rtpPort + ",rtp", "-Y",
        "(" + demoOnly + ") && _ws.malformed", "-T", "fields", "-e", "frame.number");
    assertThat(bad.stdout().strip()).as("malformed frames of the demo").isEmpty();
  }
}
