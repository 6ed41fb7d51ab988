package org.ddsec.server.bsf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.Bsf;
import org.ddsec.protocol.gba.InMemoryBootstrappingStore;
import org.ddsec.protocol.gba.InMemorySubscriberStore;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.Subscriber;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;
import org.ddsec.testkit.MutableClock;

/** A BSF on loopback HTTPS with in-memory stores, a test CA, a UE TLS context and the KMS's Zn client. */
final class BsfTestBed implements AutoCloseable {

  static final String IMPI = "alice@ims.example.org";
  static final String IMPU = "sip:alice@ims.example.org";
  static final String KMS = "kms.ims.example.org";
  /** TS 35.208 §4.3 test set 1. */
  static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
  static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

  final MutableClock clock = new MutableClock();
  final InMemoryBootstrappingStore sessions = new InMemoryBootstrappingStore();
  final InMemorySubscriberStore subscribers = new InMemorySubscriberStore(sessions);
  final CertificateAuthority ca = CertificateAuthority.generate("test CA");
  final Bsf bsf;
  final BsfServer server;
  final SSLContext ueTls;
  final HttpClient ue;

  BsfTestBed() throws Exception {
    subscribers.add(new Subscriber(IMPI, Set.of(IMPU), SecretBytes.fromHex(K), SecretBytes.fromHex(OPC), Subscriber.DEFAULT_AMF, Sqn.ZERO));
    bsf = new Bsf(Bsf.Settings.defaults("bsf.ims.example.org").withRealm("ims.example.org").withAuthorisedNafs(Set.of(KMS)),
        subscribers, sessions, clock, seeded(11));
    Credential cred = ca.issueServer("bsf.ims.example.org", Duration.ofDays(1), "127.0.0.1", "localhost");
    SSLContext tls = TlsContexts.server(cred, ca.certificate());
    server = BsfServer.start(bsf, BsfServer.Listeners.loopbackEphemeral(), tls, tls);
    ueTls = TlsContexts.client(null, ca.certificate());
    ue = HttpClient.newBuilder().sslContext(ueTls).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  static RandomSource seeded(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return r::nextBytes;
  }

  /** The Zn client of a NAF whose certificate names {@code certIdentity}, asking as {@code nafId}. */
  BsfNafKeyLookup zn(String certIdentity, NafId nafId) {
    SSLContext mtls = TlsContexts.client(ca.issueClient(certIdentity, Duration.ofDays(1)), ca.certificate());
    return new BsfNafKeyLookup(server.znUri(), mtls, nafId, Duration.ofSeconds(5));
  }

  BsfNafKeyLookup kms() {
    return zn(KMS, NafId.kms(KMS));
  }

  HttpResponse<String> get(String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.ubUri()).timeout(Duration.ofSeconds(5)).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return ue.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  URI ubUri() {
    return server.ubUri();
  }

  Sqn sqn() {
    return subscribers.find(IMPI).orElseThrow().sqn();
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
