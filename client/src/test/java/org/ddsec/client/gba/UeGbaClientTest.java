package org.ddsec.client.gba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.gba.Bsf;
import org.ddsec.protocol.gba.GbaClientException;
import org.ddsec.protocol.gba.InMemoryBootstrappingStore;
import org.ddsec.protocol.gba.InMemorySubscriberStore;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.Subscriber;
import org.ddsec.protocol.gba.Usim;
import org.ddsec.protocol.gba.UsimSqnArray;
import org.ddsec.server.bsf.BsfNafKeyLookup;
import org.ddsec.server.bsf.BsfServer;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UE's GBA client against the real BSF over loopback HTTPS; the KMS's Zn client on the other side. */
class UeGbaClientTest {

  private static final String IMPI = "alice@ims.example.org";
  private static final String KMS = "kms.ims.example.org";
  /** TS 35.208 §4.3 test sets 1 and 2 (K, OPc). */
  private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
  private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
  private static final String K2 = "0396eb317b6d1c36f19c1c84cd6ffd16";
  private static final String OPC2 = "53c15671c60a4b731c55b4a441c0bde2";

  private static CertificateAuthority ca;
  private static BsfServer server;
  private static UeGbaClient ue;
  private static BsfNafKeyLookup kms;

  @BeforeAll
  static void start() throws Exception {
    InMemoryBootstrappingStore sessions = new InMemoryBootstrappingStore();
    InMemorySubscriberStore subscribers = new InMemorySubscriberStore(sessions);
    subscribers.add(new Subscriber(IMPI, Set.of("sip:alice@ims.example.org"), SecretBytes.fromHex(K), SecretBytes.fromHex(OPC),
        Subscriber.DEFAULT_AMF, Sqn.ZERO));
    subscribers.add(new Subscriber("bob@ims.example.org", Set.of("sip:bob@ims.example.org"), SecretBytes.fromHex(K2), SecretBytes.fromHex(OPC2),
        Subscriber.DEFAULT_AMF, Sqn.of(40, 0)));
    ca = CertificateAuthority.generate("client-test CA");
    Bsf bsf = new Bsf(Bsf.Settings.defaults("bsf.ims.example.org").withRealm("ims.example.org").withAuthorisedNafs(Set.of(KMS)),
        subscribers, sessions, java.time.Clock.systemUTC(), seeded(21));
    SSLContext tls = TlsContexts.server(ca.issueServer("bsf.ims.example.org", Duration.ofDays(1), "127.0.0.1"), ca.certificate());
    server = BsfServer.start(bsf, BsfServer.Listeners.loopbackEphemeral(), tls, tls);
    ue = new UeGbaClient(server.ubUri(), TlsContexts.client(null, ca.certificate()), Duration.ofSeconds(5), seeded(22));
    kms = new BsfNafKeyLookup(server.znUri(), TlsContexts.client(ca.issueClient(KMS, Duration.ofDays(1)), ca.certificate()), NafId.kms(KMS),
        Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static org.ddsec.core.RandomSource seeded(long s) {
    SplittableRandom r = new SplittableRandom(s);
    return r::nextBytes;
  }

  @Test
  void bootstrap_milenage_ksNafMatchesZnLookup() throws Exception {
    try (Usim usim = new Usim(SecretBytes.fromHex(K), SecretBytes.fromHex(OPC)); Bootstrapped b = ue.bootstrap(IMPI, usim);
        SecretBytes local = b.ksNaf(NafId.kms(KMS))) {
      NafKey z = kms.lookup(b.bTid());
      assertThat(z.ksNaf().constantTimeEquals(local)).isTrue();
      assertThat(z.impi()).isEqualTo(IMPI);
      assertThat(z.expiresAt()).isEqualTo(b.lifetime());
    }
  }

  @Test
  void bootstrap_twice_differentBtidsAndKeys() throws Exception {
    try (Usim usim = new Usim(SecretBytes.fromHex(K), SecretBytes.fromHex(OPC)); Bootstrapped a = ue.bootstrap(IMPI, usim);
        Bootstrapped b = ue.bootstrap(IMPI, usim)) {
      assertThat(a.bTid()).isNotEqualTo(b.bTid());
      assertThat(a.ks().constantTimeEquals(b.ks())).isFalse();
    }
  }

  @Test
  void bootstrap_usimAheadOfHss_resyncsTransparently() throws Exception {
    try (Usim usim = new Usim(SecretBytes.fromHex(K2), SecretBytes.fromHex(OPC2), UsimSqnArray.startingAt(Sqn.of(100_000, 3)));
        Bootstrapped b = ue.bootstrap("bob@ims.example.org", usim)) {
      assertThat(kms.lookup(b.bTid()).impi()).isEqualTo("bob@ims.example.org");
      assertThat(usim.sqnArray().highestSqn().seq()).isEqualTo(100_001);
    }
  }

  @Test
  void bootstrap_wrongK_networkNotAuthentic() {
    try (Usim usim = new Usim(SecretBytes.fromHex(K2), SecretBytes.fromHex(OPC2))) {
      GbaClientException e = assertThrows(GbaClientException.class, () -> ue.bootstrap(IMPI, usim));
      assertThat(e.reason()).isEqualTo(GbaClientException.Reason.NETWORK_NOT_AUTHENTIC);
    }
  }

  @Test
  void bootstrap_unknownImpi_refusedWith403() {
    try (Usim usim = new Usim(SecretBytes.fromHex(K), SecretBytes.fromHex(OPC))) {
      GbaClientException e = assertThrows(GbaClientException.class, () -> ue.bootstrap("nobody@ims.example.org", usim));
      assertThat(e.reason()).isEqualTo(GbaClientException.Reason.REFUSED);
      assertThat(e.getMessage()).startsWith("BSF answered 403");
    }
  }

  @Test
  void bootstrap_untrustedBsfCertificate_unavailable() {
    UeGbaClient other = new UeGbaClient(server.ubUri(), TlsContexts.client(null, CertificateAuthority.generate("other").certificate()),
        Duration.ofSeconds(5), seeded(1));
    try (Usim usim = new Usim(SecretBytes.fromHex(K), SecretBytes.fromHex(OPC))) {
      assertThat(assertThrows(GbaClientException.class, () -> other.bootstrap(IMPI, usim)).reason()).isEqualTo(GbaClientException.Reason.UNAVAILABLE);
    }
  }
}
