package org.ddsec.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ddsec.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeImsCommandTest {

  @TempDir
  Path dir;

  @Test
  void serveIms_unknownKey_usageError2NamingIt() throws IOException {
    Path cfg = dir.resolve("ims.properties");
    Files.writeString(cfg, "ims.domain = ims.example.org\nproxy.no-answer-timout = PT5S\n");
    CliRun r = CliRun.of("serve", "ims", "--config", cfg.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("proxy.no-answer-timout: unknown key");
  }

  @Test
  void serveIms_missingDomain_usageError2() throws IOException {
    Path cfg = dir.resolve("ims.properties");
    Files.writeString(cfg, "udp.port = 0\n");
    CliRun r = CliRun.of("serve", "ims", "--config", cfg.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("ims.domain: missing");
  }

  @Test
  void serveIms_badMailboxUri_usageError2() throws IOException {
    Path cfg = dir.resolve("ims.properties");
    Files.writeString(cfg, "ims.domain = ims.example.org\nmailbox.user.bob = http://x\n");
    CliRun r = CliRun.of("serve", "ims", "--config", cfg.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("mailbox.user.bob");
  }

  @Test
  void serveIms_validConfig_listensRegistersAndWritesCa() throws Exception {
    Path cfg = dir.resolve("ims.properties");
    Files.writeString(cfg, "ims.domain = ims.example.org\nudp.port = 0\ntls.port = 0\ntls.out-dir = tls\n"
        + "mailbox.default = sip:mailbox@127.0.0.1:5070\nproxy.no-answer-timeout = PT10S\n");
    CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("serve", "ims", "--config", cfg.toString(), "--run-for", "PT3S"));
    Path ca = dir.resolve("tls/ca.pem");
    // the command prints udp= once listening; we cannot read its output before it ends, so find the port by the CA file and a REGISTER
    for (int i = 0; i < 100 && !Files.exists(ca); i++) {
      Thread.sleep(50);
    }
    assertThat(ca).exists();
    CliRun r = run.get(20, TimeUnit.SECONDS);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("udp=sip:127\\.0\\.0\\.1:\\d+").containsPattern("tls=sip:127\\.0\\.0\\.1:\\d+;transport=tls")
        .contains("ca=" + ca);
    assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void serveIms_fixedPort_answersRegister() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      port = probe.getLocalPort();
    }
    Path cfg = dir.resolve("ims.properties");
    Files.writeString(cfg, "ims.domain = ims.example.org\nudp.port = " + port + "\ntls.port = -1\n");
    CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("serve", "ims", "--config", cfg.toString(), "--run-for", "PT3S"));
    String reg = "REGISTER sip:ims.example.org SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bKcli1\r\nMax-Forwards: 70\r\n"
        + "From: <sip:bob@ims.example.org>;tag=1\r\nTo: <sip:bob@ims.example.org>\r\nCall-ID: cli-1\r\nCSeq: 1 REGISTER\r\n"
        + "Contact: <sip:bob@127.0.0.1:5999>\r\nContent-Length: 0\r\n\r\n";
    String answer = null;
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      s.setSoTimeout(200);
      byte[] b = reg.getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 15 && answer == null; i++) {
        s.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.1", port)));
        DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
        try {
          s.receive(p);
          answer = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        } catch (java.net.SocketTimeoutException e) {
          // not listening yet
        }
      }
    }
    assertThat(answer).startsWith("SIP/2.0 200 OK\r\n").contains("Contact: <sip:bob@127.0.0.1:5999>;expires=3600");
    assertThat(run.get(20, TimeUnit.SECONDS).exitCode()).isZero();
  }
}
