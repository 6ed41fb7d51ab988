package org.ddsec.server.bsf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.Subscriber;
import org.ddsec.protocol.gba.UbClient;
import org.ddsec.protocol.gba.Usim;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A BSF restarted on the same H2 file database keeps its subscribers (with SQN_HE) and live B-TIDs. */
class BsfRestartTest {

  @TempDir Path dir;

  @Test
  void restart_h2FileStore_keepsSubscribersAndLiveBtids() throws Exception {
    Properties p = new Properties();
    p.setProperty("bsf.host", "bsf.ims.example.org");
    p.setProperty("bsf.realm", "ims.example.org");
    p.setProperty("ub.port", "0");
    p.setProperty("zn.port", "0");
    p.setProperty("zn.nafs", BsfTestBed.KMS);
    p.setProperty("tls.out-dir", "tls");
    BsfConfig config = BsfConfig.from(p, dir, "test");
    CertificateAuthority ca = CertificateAuthority.generate("restart CA");
    String bTid;
    Sqn sqnAfter;
    byte[] expectedKsNaf;
    try (BsfService bsf = BsfService.start(config, Clock.systemUTC(), ca)) {
      assertThat(bsf.stores().subscribers().add(new Subscriber(BsfTestBed.IMPI, Set.of(BsfTestBed.IMPU), SecretBytes.fromHex(BsfTestBed.K),
          SecretBytes.fromHex(BsfTestBed.OPC), Subscriber.DEFAULT_AMF, Sqn.ZERO))).isTrue();
      try (Bootstrapped b = bootstrap(bsf, ca)) {
        bTid = b.bTid();
        try (SecretBytes k = b.ksNaf(NafId.kms(BsfTestBed.KMS))) {
          expectedKsNaf = k.unsafeBytes();
        }
      }
      sqnAfter = bsf.stores().subscribers().find(BsfTestBed.IMPI).orElseThrow().sqn();
    }
    assertThat(Files.exists(dir.resolve("tls/ca.pem"))).isTrue();
    assertThat(Files.exists(dir.resolve("tls/" + BsfTestBed.KMS + ".p12"))).isTrue();

    try (BsfService bsf = BsfService.start(config, Clock.systemUTC(), ca)) {
      assertThat(bsf.stores().subscribers().find(BsfTestBed.IMPI).orElseThrow().sqn()).isEqualTo(sqnAfter);
      // The NAF uses the credential file the first run wrote, as a separate process would.
      Credential naf = Credential.fromPkcs12(Files.readAllBytes(dir.resolve("tls/" + BsfTestBed.KMS + ".p12")), "ddsec".toCharArray());
      BsfNafKeyLookup zn = new BsfNafKeyLookup(bsf.server().znUri(),
          TlsContexts.client(naf, TlsContexts.readCertificate(Files.readAllBytes(dir.resolve("tls/ca.pem")))),
          NafId.kms(BsfTestBed.KMS), Duration.ofSeconds(5));
      assertThat(zn.lookup(bTid).ksNaf().constantTimeEquals(expectedKsNaf)).isTrue();
    }
  }

  private static Bootstrapped bootstrap(BsfService bsf, CertificateAuthority ca) throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.client(null, ca.certificate())).version(HttpClient.Version.HTTP_1_1).build();
    try (Usim usim = new Usim(SecretBytes.fromHex(BsfTestBed.K), SecretBytes.fromHex(BsfTestBed.OPC))) {
      UbClient ub = new UbClient(BsfTestBed.IMPI, "ims.example.org", "/", usim, BsfTestBed.seeded(9));
      HttpResponse<String> r = send(http, bsf, ub.firstAuthorization());
      r = send(http, bsf, ub.answer(r.headers().firstValue("WWW-Authenticate").orElseThrow(), "GET", Bytes.EMPTY));
      assertThat(r.statusCode()).isEqualTo(200);
      return ub.complete(r.headers().firstValue("Authentication-Info").orElseThrow(), Bytes.utf8(r.body()));
    }
  }

  private static HttpResponse<String> send(HttpClient http, BsfService bsf, String auth) throws Exception {
    return http.send(HttpRequest.newBuilder(bsf.server().ubUri()).header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
