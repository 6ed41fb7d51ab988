package org.ddsec.client.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.server.ims.Binding;
import org.ddsec.testkit.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * sipp (Debian sip-tester) as an independent SIP peer, check (a) of issue 6: sipp registers bob
 * with the IMS core ({@code sipp/register-uac.xml}), then waits for a call as bob ({@code
 * sipp/uas-answer.xml}); alice's {@link SipUserAgent} (over TLS) calls bob; the core routes the
 * INVITE to sipp's registered contact over UDP, sipp rings and answers, and alice's ACK and BYE
 * reach sipp through the core (Record-Route). The scenario files live in the server module's
 * test resources. Skips without sipp unless {@code ddsec.requireExternalTools=true}.
 */
class SippCalleeTest {

  private static final Path SCENARIOS = Path.of("../server/src/test/resources/sipp");
  private SipTestBed bed;

  @AfterEach
  void tearDown() {
    if (bed != null) {
      bed.close();
    }
  }

  @Test
  void sipp_registersAndReceivesCallPlacedByUserAgent() throws Exception {
    ExternalTool sipp = ExternalTool.require("sipp");
    assertThat(Files.isRegularFile(SCENARIOS.resolve("uas-answer.xml"))).as("scenario files at " + SCENARIOS.toAbsolutePath()).isTrue();
    bed = new SipTestBed(Duration.ofSeconds(20), false, org.ddsec.protocol.sip.transaction.TimerSettings.RFC3261);
    String core = bed.core.udpHop().host() + ":" + bed.core.udpHop().port();
    int port = freeUdpPort();
    ExternalTool.Result reg = sipp.run(30, core, "-sf", SCENARIOS.resolve("register-uac.xml").toString(), "-m", "1", "-s", "bob", "-i",
        "127.0.0.1", "-p", Integer.toString(port), "-key", "domain", SipTestBed.DOMAIN, "-nostdin", "-timeout", "20s", "-timeout_error");
    assertThat(reg.exitCode()).as("sipp REGISTER; stdout:\n" + reg.stdout() + "\nstderr:\n" + reg.stderr()).isZero();
    Binding b = bed.core.registrar().lookup("sip:bob@" + SipTestBed.DOMAIN).orElseThrow();
    assertThat(b.contact()).isEqualTo(SipUri.parse("sip:bob@127.0.0.1:" + port));

    CompletableFuture<ExternalTool.Result> uas = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        uas.complete(sipp.run(40, "-sf", SCENARIOS.resolve("uas-answer.xml").toString(), "-m", "1", "-s", "bob", "-i", "127.0.0.1", "-p",
            Integer.toString(port), "-mp", Integer.toString(freeUdpPort()), "-nostdin", "-timeout", "30s", "-timeout_error"));
      } catch (Exception | Error e) {
        uas.completeExceptionally(e);
      }
    }, "sipp-uas");
    t.setDaemon(true);
    t.start();
    awaitBound(port, uas);
    try (SipUserAgent alice = bed.tlsUa("alice")) {
      alice.register(Duration.ofHours(1));
      SipUserAgent.CallResult r = alice.invite("sip:bob@" + SipTestBed.DOMAIN, SipTestBed.offer(40020), Duration.ofSeconds(10));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.answer().orElseThrow().media().get(0).proto()).isEqualTo("RTP/AVP"); // sipp's plain answer
      SipUserAgent.Call call = r.call().orElseThrow();
      assertThat(call.dialog().remoteTarget()).isEqualTo(SipUri.parse("sip:bob@127.0.0.1:" + port));
      assertThat(call.dialog().routeSet()).hasSize(2); // both Record-Route entries of the core (TLS and UDP side)
      assertThat(call.bye()).isEqualTo(200);
      assertThat(bed.ladder("ims-core", call.callId())).contains("RECEIVED 180 Ringing", "SENT ACK", "SENT BYE");
    }
    ExternalTool.Result res = uas.get(40, TimeUnit.SECONDS);
    assertThat(res.exitCode()).as("sipp UAS; stdout:\n" + res.stdout() + "\nstderr:\n" + res.stderr()).isZero();
  }

  /**
   * Waits until sipp holds the UDP port: read from /proc/net/udp (binding the port to probe it
   * would race with sipp's own bind); without /proc, a fixed second.
   */
  private static void awaitBound(int port, CompletableFuture<ExternalTool.Result> uas) throws Exception {
    Path proc = Path.of("/proc/net/udp");
    String needle = String.format(":%04X ", port);
    for (int i = 0; i < 100; i++) {
      if (uas.isDone()) {
        ExternalTool.Result r = uas.get();
        throw new AssertionError("sipp UAS exited early (" + r.exitCode() + "): " + r.stdout() + r.stderr());
      }
      if (!Files.isReadable(proc)) {
        Thread.sleep(1000);
        return;
      }
      if (Files.readAllLines(proc).stream().anyMatch(l -> l.contains(needle))) {
        Thread.sleep(200); // bound; let it reach its first recv
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("sipp did not bind UDP port " + port);
  }

  private static int freeUdpPort() throws SocketException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      return s.getLocalPort();
    }
  }
}
