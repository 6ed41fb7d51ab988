package org.ddsec.server.kms;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.ddsec.core.RandomSource;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.crypto.ibe.eccsi.EccsiKms;
import org.ddsec.crypto.ibe.eccsi.EccsiParameters;
import org.ddsec.crypto.ibe.sakke.SakkeKms;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.protocol.gba.NafKeyLookup;
import org.ddsec.protocol.ibakedd.kms.IbakeKms;
import org.ddsec.protocol.kmsdd.kms.InMemoryMailboxRegistry;
import org.ddsec.protocol.kmsdd.kms.Kms;
import org.ddsec.protocol.kmsdd.kms.MailboxEntry;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.bsf.BsfNafKeyLookup;
import org.ddsec.server.naf.CachingNafKeyLookup;
import org.ddsec.server.store.Database;
import org.ddsec.server.store.JdbcReplayCache;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running KMS assembled from a {@link KmsConfig}: the key ring and mailbox registry from the
 * configuration, users' NAF keys over Zn from the BSF ({@link BsfNafKeyLookup}, cached for
 * {@code znCacheTtl}), the JDBC replay cache (the only state replicas share), the {@link Kms}
 * role unchanged, with {@link KmsConfig#ibake()} the MIKEY-IBAKE {@link IbakeKms} role beside it,
 * and the HTTPS listener. Any number of services started from the same
 * configuration and replay database serve the same users interchangeably.
 */
public final class KmsService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KmsService.class);

  /** The TLS contexts of the KMS. */
  public record Tls(SSLContext server, SSLContext znClient) {
    public Tls {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(znClient, "znClient");
    }

    /**
     * Both contexts from one CA (the demo, tests): a server certificate for {@code nafFqdn} (and
     * {@code altNames}, e.g. 127.0.0.1) trusting {@code ca} for client certificates, and a Zn
     * client certificate naming {@code nafFqdn}.
     */
    public static Tls issuedBy(CertificateAuthority ca, String nafFqdn, String... altNames) {
      Credential server = ca.issueServer(nafFqdn, Duration.ofDays(30), altNames);
      Credential client = ca.issueClient(nafFqdn, Duration.ofDays(30));
      return new Tls(TlsContexts.server(server, ca.certificate()), TlsContexts.client(client, ca.certificate()));
    }
  }

  private final Database db;
  private final KmsServer server;
  private final Kms kms;
  private final Optional<IbakeKms> ibake;
  private final PrometheusMeterRegistry metrics;
  private final ConfiguredKeyRing keyRing;

  private KmsService(Database db, KmsServer server, Kms kms, Optional<IbakeKms> ibake, PrometheusMeterRegistry metrics, ConfiguredKeyRing keyRing) {
    this.db = db;
    this.server = server;
    this.kms = kms;
    this.ibake = ibake;
    this.metrics = metrics;
    this.keyRing = keyRing;
  }

  /** Starts the KMS with users' keys from the BSF over Zn at {@code config.znUri()}. */
  public static KmsService start(KmsConfig config, Tls tls, Clock clock, RandomSource random) throws Exception {
    return start(config, tls, clock, random, Trace.NONE);
  }

  /** {@link #start(KmsConfig, Tls, Clock, RandomSource)}, the KMS role reporting to {@code trace} (the demo's ladder). */
  public static KmsService start(KmsConfig config, Tls tls, Clock clock, RandomSource random, Trace trace) throws Exception {
    NafKeyLookup zn = new BsfNafKeyLookup(config.znUri(), tls.znClient(), NafId.kms(config.nafFqdn()), config.znTimeout());
    return start(config, tls.server(), zn, clock, random, trace);
  }

  /** Starts the KMS with users' keys from {@code nafKeys} (cached as configured). */
  public static KmsService start(KmsConfig config, SSLContext serverTls, NafKeyLookup nafKeys, Clock clock, RandomSource random)
      throws Exception {
    return start(config, serverTls, nafKeys, clock, random, Trace.NONE);
  }

  public static KmsService start(KmsConfig config, SSLContext serverTls, NafKeyLookup nafKeys, Clock clock, RandomSource random,
      Trace trace) throws Exception {
    Objects.requireNonNull(config, "config");
    ConfiguredKeyRing ring = new ConfiguredKeyRing(config.keyRing(), config.kms().retention());
    if (ring.currentOrEmpty(clock.instant()).isEmpty()) {
      LOG.warn("key ring: no version is current now ({}); deposits will be refused until one is", clock.instant());
    }
    InMemoryMailboxRegistry registry = new InMemoryMailboxRegistry();
    Map<String, String> byTls = new LinkedHashMap<>();
    for (KmsConfig.Mailbox m : config.mailboxes()) {
      registry.addMailbox(new MailboxEntry(m.mailboxId(), m.keyId(), m.km()));
      m.users().forEach(u -> registry.assign(u, m.mailboxId()));
      byTls.put(m.tlsIdentity(), m.mailboxId());
    }
    NafKeyLookup keys = new CachingNafKeyLookup(nafKeys, config.znCacheTtl(), 100_000, clock);
    Database db = Database.open(config.replayDb(), JdbcReplayCache.SCHEMA, "ddsec-kms");
    try {
      JdbcReplayCache replay = new JdbcReplayCache(db);
      Kms kms = new Kms(config.kms(), ring, registry, keys, replay, clock, random, trace);
      Optional<IbakeKms> ibake = config.ibake().map(i -> ibakeKms(config, i, registry, keys, replay, clock, random, trace));
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      KmsServer server = KmsServer.start(kms, ibake, config.listener(), serverTls, byTls, metrics);
      LOG.info("KMS started: {} key-ring versions, {} mailboxes, replay cache {}{}", ring.versions().size(), config.mailboxes().size(), db,
          ibake.map(k -> ", IBAKE KMS (SAKKE Z_T " + k.community().sakke().encoded().hex().substring(2, 18) + "…)").orElse(""));
      return new KmsService(db, server, kms, ibake, metrics, ring);
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
  }

  /**
   * The MIKEY-IBAKE KMS (RFC 6267 §4.2.1) under the KMS-DD KMS's identity: users authenticate with
   * the same GBA key (NAF_Id = the KMS FQDN with Ua id 01 00 00 00 06: TS 33.220 Annex H names one
   * protocol for all "IMS UE to KMS" MIKEY exchanges), mailboxes with the same Km named in IDRpsk
   * (the V payload covers the HDR data type, so a REQUEST_KEY_PSK can never pass for a
   * RESOLVE_INIT_PSK or back); one replay cache. The master secrets are copied into the roles'
   * own holders.
   */
  private static IbakeKms ibakeKms(KmsConfig config, KmsConfig.Ibake i, InMemoryMailboxRegistry registry, NafKeyLookup keys,
      JdbcReplayCache replay, Clock clock, RandomSource random, Trace trace) {
    SakkeKms sakke = SakkeKms.fromMasterSecret(SakkeParameters.parameterSet1(), i.sakkeMasterSecret());
    EccsiKms eccsi = EccsiKms.fromKsak(EccsiParameters.p256(), i.eccsiKsak());
    IbakeKms.Config c = new IbakeKms.Config(config.kms().kmsId(), config.kms().maxSkew(), i.monthsBack(), i.monthsAhead());
    return new IbakeKms(c, sakke, eccsi, keys, registry, replay, clock, random, trace);
  }

  /** The IBAKE KMS, if configured. */
  public Optional<IbakeKms> ibake() {
    return ibake;
  }

  /** The base URI, e.g. {@code https://127.0.0.1:8450/}; the MIKEY resource is {@link KmsServer#PATH}. */
  public URI uri() {
    return server.uri();
  }

  public KmsServer server() {
    return server;
  }

  public Kms kms() {
    return kms;
  }

  public ConfiguredKeyRing keyRing() {
    return keyRing;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      db.close();
      LOG.info("KMS stopped");
    }
  }
}
