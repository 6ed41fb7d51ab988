package org.ddsec.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ddsec.protocol.gba.Bsf;
import org.ddsec.server.bsf.BsfConfig;
import org.ddsec.server.bsf.BsfServer;
import org.ddsec.server.bsf.BsfService;
import org.ddsec.server.tls.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code serve kms} and {@code serve mailbox} from configuration files, with TLS files as {@code
 * bsf serve} writes them: each service starts, prints its endpoints and serves HTTPS (the mailbox
 * reaches the KMS over mutual TLS with the BSF-issued credential); a bad file is a usage error.
 * (The lead wires both into {@code ./ddsec serve}; until then they run here through picocli.)
 */
class ServeCommandsTest {

  static final String HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  record Running(CompletableFuture<Integer> exit, StringWriter out, StringWriter err) {
    String await(String key) throws InterruptedException {
      Pattern p = Pattern.compile("(?m)^" + key + "=(\\S+)$");
      for (int i = 0; i < 600; i++) {
        Matcher m = p.matcher(out.toString());
        if (m.find()) {
          return m.group(1);
        }
        if (exit.isDone()) {
          break;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no " + key + "= line; out: " + out + " err: " + err);
    }
  }

  static Running start(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Running(CompletableFuture.supplyAsync(() -> cl.execute(args)), out, err);
  }

  /**
   * With {@code ibake = true} the KMS file also holds the IBAKE community's z_T and KSAK and the
   * mailbox file says {@code ibake.mode = signed}: the KMS publishes the community document, and
   * the mailbox, at start, fetches it and its own RSK and SSK for this month and the next under Km.
   */
  @ParameterizedTest(name = "ibake={0}")
  @ValueSource(booleans = {false, true})
  void serveKmsAndMailbox_fromFiles_serveHttpsAndTalkOverMutualTls(boolean ibake, @TempDir Path dir) throws Exception {
    Path bsfTls = dir.resolve("bsf-tls");
    BsfConfig bc = new BsfConfig(Bsf.Settings.defaults("bsf.ims.example.org").withAuthorisedNafs(Set.of("kms.ims.example.org", "vm.ims.example.org")),
        BsfServer.Listeners.loopbackEphemeral(), "jdbc:h2:mem:serve-test", "", "", bsfTls, "ddsec", List.of("127.0.0.1", "localhost"));
    try (BsfService bsf = BsfService.start(bc)) {
      Path kmsConf = dir.resolve("kms.properties");
      Files.writeString(kmsConf, String.join("\n",
          "kms.id = sip:kms.ims.example.org",
          "http.port = 0",
          "zn.url = " + bsf.server().znUri(),
          "zn.credential = bsf-tls/kms.ims.example.org.p12",
          "tls.trust = bsf-tls/ca.pem",
          "tls.out-dir = kms-tls",
          "keyring.1.secret = " + HEX,
          "keyring.1.active-from = 2020-01-01T00:00:00Z",
          "mailbox.vm.id = sip:vm.ims.example.org",
          "mailbox.vm.key-id = km-vm-1",
          "mailbox.vm.km = " + HEX,
          "mailbox.vm.users = sip:bob@ims.example.org",
          ibake ? "ibake.sakke-master-secret = " + "00".repeat(126) + "0102\nibake.eccsi-ksak = " + "00".repeat(31) + "07" : "",
          ""));
      Running kms = start(new ServeKmsCommand(), "--config", kmsConf.toString(), "--run-for", "PT20S");
      URI kmsUri = URI.create(kms.await("kms"));
      assertThat(Files.exists(dir.resolve("kms-tls/kms-ca.pem"))).isTrue();
      assertThat(Files.exists(dir.resolve("kms-tls/vm.ims.example.org.p12"))).isTrue();
      HttpClient viaKmsCa = HttpClient.newBuilder()
          .sslContext(TlsContexts.client(null, TlsContexts.readCertificate(Files.readAllBytes(dir.resolve("kms-tls/kms-ca.pem"))))).build();
      assertThat(viaKmsCa.send(HttpRequest.newBuilder(URI.create(kms.await("metrics"))).GET().build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(200);

      Path mbConf = dir.resolve("mailbox.properties");
      Files.writeString(mbConf, String.join("\n",
          "mailbox.id = sip:vm.ims.example.org",
          "mailbox.key-id = km-vm-1",
          "mailbox.km = " + HEX,
          "mailbox.users = sip:bob@ims.example.org",
          "kms.id = sip:kms.ims.example.org",
          "kms.url = " + kmsUri.resolve("/"),
          "zn.url = " + bsf.server().znUri(),
          "http.port = 0",
          "tls.client-credential = bsf-tls/vm.ims.example.org.p12",
          "tls.trust = bsf-tls/ca.pem, kms-tls/kms-ca.pem",
          "tls.out-dir = mailbox-tls",
          ibake ? "ibake.mode = signed" : "",
          ""));
      ServeMailboxCommand mb = new ServeMailboxCommand();
      Running mailbox = start(mb, "--config", mbConf.toString(), "--run-for", "PT15S");
      URI list = URI.create(mailbox.await("mailbox"));
      HttpClient viaMbCa = HttpClient.newBuilder()
          .sslContext(TlsContexts.client(null, TlsContexts.readCertificate(Files.readAllBytes(dir.resolve("mailbox-tls/mailbox-ca.pem"))))).build();
      HttpResponse<String> r = viaMbCa.send(HttpRequest.newBuilder(list).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("3GPP-bootstrapping@vm.ims.example.org");
      assertThat(mb.service.store().count()).isZero();
      assertThat(mb.service.config().users()).containsExactly("sip:bob@ims.example.org");
      HttpResponse<String> community = viaKmsCa.send(HttpRequest.newBuilder(kmsUri.resolve(org.ddsec.server.kms.KmsServer.COMMUNITY)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (ibake) {
        assertThat(community.statusCode()).isEqualTo(200);
        assertThat(org.ddsec.protocol.ibakedd.CommunityDocument.decode(org.ddsec.core.Bytes.of(community.body().getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
            .kmsId()).isEqualTo("sip:kms.ims.example.org");
        assertThat(mb.service.ibakeMode()).contains(org.ddsec.protocol.ibakedd.IbakeMode.DDSEC_SIGNED);
        org.ddsec.crypto.ibe.KeyPeriod now = org.ddsec.crypto.ibe.KeyPeriod.containing(java.time.Instant.now());
        assertThat(mb.service.ibakeKeyPeriods()).as("the mailbox's own keys, fetched under Km at start").contains(now, now.next());
      } else {
        assertThat(community.statusCode()).isEqualTo(404);
        assertThat(mb.service.ibakeMode()).isEmpty();
      }
    }
  }

  @Test
  void badConfig_usageErrorNamingTheKey(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("kms.properties");
    Files.writeString(f, "kms.id = sip:kms.ims.example.org\nzn.url = https://127.0.0.1:1/\nkeyring.1.secret = 00\nkeyring.1.active-from = 2020-01-01T00:00:00Z\n");
    Running r = start(new ServeKmsCommand(), "--config", f.toString());
    assertThat(r.exit().get()).isEqualTo(2);
    assertThat(r.err().toString()).contains("keyring.1.secret").contains("octets").doesNotContain("value: 00");
    Files.writeString(f, "kms.id = sip:kms.ims.example.org\ntypo.key = 1\n");
    Running t = start(new ServeKmsCommand(), "--config", f.toString());
    assertThat(t.exit().get()).isEqualTo(2);
    assertThat(t.err().toString()).contains("typo.key: unknown key");
    Path m = dir.resolve("mailbox.properties");
    Files.writeString(m, "mailbox.id = sip:vm.ims.example.org\n");
    Running mr = start(new ServeMailboxCommand(), "--config", m.toString());
    assertThat(mr.exit().get()).isEqualTo(2);
    assertThat(mr.err().toString()).contains("mailbox.key-id: missing");
    Files.writeString(m, "mailbox.id = sip:vm.ims.example.org\nmailbox.key-id = km-vm-1\nmailbox.km = " + HEX + "\nmailbox.users = sip:bob@ims.example.org\n"
        + "kms.id = sip:kms.ims.example.org\nkms.url = https://127.0.0.1:1/\nzn.url = https://127.0.0.1:1/\nibake.mode = maybe\n");
    Running im = start(new ServeMailboxCommand(), "--config", m.toString());
    assertThat(im.exit().get()).isEqualTo(2);
    assertThat(im.err().toString()).contains("ibake.mode: 'maybe' (expected: signed, strict-rfc6267 or off)");
  }
}
