package org.ddsec.server.system;

import java.net.URI;
import java.security.SecureRandom;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.eccsi.EccsiKms;
import org.ddsec.crypto.ibe.eccsi.EccsiParameters;
import org.ddsec.crypto.ibe.sakke.SakkeKms;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.protocol.gba.Bsf;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.Subscriber;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.SecureRandoms;
import org.ddsec.server.bsf.BsfConfig;
import org.ddsec.server.bsf.BsfServer;
import org.ddsec.server.bsf.BsfService;
import org.ddsec.server.kms.ConfiguredKeyRing;
import org.ddsec.server.kms.KmsConfig;
import org.ddsec.server.kms.KmsService;
import org.ddsec.server.mailbox.MailboxConfig;
import org.ddsec.server.mailbox.MailboxService;
import org.ddsec.server.store.Database;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.TlsContexts;

/**
 * BSF, KMS (KMS-DD and, with freshly generated master keys, the IBAKE KMS) and mailbox service in
 * one process on loopback, with one throw-away CA, H2 databases
 * and media files under one directory, ephemeral ports: what {@code ./ddsec demo} and the
 * end-to-end tests start. Names under {@code domain}: BSF {@code bsf.<domain>}, KMS {@code
 * sip:kms.<domain>} (NAF {@code kms.<domain>}), mailbox {@code sip:vm.<domain>} (NAF {@code
 * vm.<domain>}, Km named {@value #MAILBOX_KEY_ID}); the mailbox serves every IMPU in {@code users}.
 * Every certificate also names 127.0.0.1 and localhost.
 */
public final class LoopbackServices implements AutoCloseable {

  public static final String MAILBOX_KEY_ID = "km-vm-1";

  /**
   * What to start. {@code mailboxDb} / {@code replayDb} empty: H2 files in {@code dir}. {@code
   * ibake}: the profile the mailbox also takes IBAKE-DD deposits in (the KMS always hosts the
   * IBAKE KMS); empty: KMS-DD only at the mailbox.
   */
  public record Options(Path dir, String domain, List<String> users, Optional<Database.Settings> mailboxDb, Optional<Database.Settings> replayDb,
      Optional<IbakeMode> ibake) {
    public Options {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(domain, "domain");
      users = List.copyOf(users);
      Objects.requireNonNull(ibake, "ibake");
    }

    public static Options of(Path dir, String domain, List<String> users) {
      return new Options(dir, domain, users, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public Options withMailboxDb(Database.Settings db) {
      return new Options(dir, domain, users, Optional.of(db), replayDb, ibake);
    }

    /** The mailbox also takes IBAKE-DD deposits in {@code mode}. */
    public Options withIbake(IbakeMode mode) {
      return new Options(dir, domain, users, mailboxDb, replayDb, Optional.of(mode));
    }
  }

  private final Options options;
  private final Clock clock;
  private final CertificateAuthority ca;
  private final BsfService bsf;
  private final KmsConfig kmsConfig;
  private final MailboxConfig mailboxConfig;
  private final KmsService.Tls kmsTls;
  private final MailboxService.Tls mailboxTls;
  private KmsService kms;
  private MailboxService mailbox;

  private final org.ddsec.protocol.trace.Trace trace;

  private LoopbackServices(Options o, Clock clock, org.ddsec.protocol.trace.Trace trace) throws Exception {
    this.trace = trace;
    this.options = o;
    this.clock = clock;
    this.ca = CertificateAuthority.generate("ddsec loopback CA");
    String d = o.domain();
    BsfConfig bc = new BsfConfig(Bsf.Settings.defaults(bsfHost()).withRealm(d).withAuthorisedNafs(Set.of(kmsFqdn(), mailboxFqdn())),
        BsfServer.Listeners.loopbackEphemeral(), "jdbc:h2:file:" + o.dir().toAbsolutePath().resolve("bsf/gba") + ";DB_CLOSE_DELAY=0;WRITE_DELAY=0", "", "", null,
        "ddsec", List.of("127.0.0.1", "localhost"));
    this.bsf = BsfService.start(bc, clock, ca);
    try {
      SecretBytes km = SecretBytes.wrap(RandomSource.secure().bytes(32));
      ConfiguredKeyRing.Spec v1 = new ConfiguredKeyRing.Spec(1, SecretBytes.wrap(RandomSource.secure().bytes(32)),
          clock.instant().minus(Duration.ofMinutes(1)), Optional.empty());
      this.kmsConfig = KmsConfig.of(kmsId(), kmsFqdn(), bsf.server().znUri(), List.of(v1),
          List.of(new KmsConfig.Mailbox(mailboxId(), MAILBOX_KEY_ID, km, mailboxFqdn(), Set.copyOf(o.users()))),
          o.replayDb().orElse(Database.Settings.h2File(o.dir().resolve("kms"), "replay"))).withIbake(Optional.of(generateIbakeKeys()));
      this.kmsTls = KmsService.Tls.issuedBy(ca, kmsFqdn(), "127.0.0.1", "localhost");
      this.mailboxTls = MailboxService.Tls.issuedBy(ca, mailboxFqdn(), "127.0.0.1", "localhost");
      this.kms = KmsService.start(kmsConfig, kmsTls, clock, RandomSource.secure(), trace);
      MailboxConfig mc = MailboxConfig.of(mailboxId(), MAILBOX_KEY_ID, km, mailboxFqdn(), Set.copyOf(o.users()), kmsId(), kms.uri(),
          bsf.server().znUri(), o.dir().resolve("mailbox"));
      this.mailboxConfig = o.mailboxDb().map(mc::withDb).orElse(mc).withIbake(o.ibake());
      this.mailbox = MailboxService.start(mailboxConfig, mailboxTls, clock, RandomSource.secure(), trace);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /** A fresh SAKKE master secret z_T and ECCSI KSAK for the IBAKE KMS (RFC 6508 §6.1, RFC 6507 §4.2). */
  private static KmsConfig.Ibake generateIbakeKeys() {
    SecureRandom r = SecureRandoms.of(RandomSource.secure());
    try (SakkeKms sakke = SakkeKms.generate(SakkeParameters.parameterSet1(), r); EccsiKms eccsi = EccsiKms.generate(EccsiParameters.p256(), r)) {
      return KmsConfig.Ibake.of(sakke.masterSecret(), eccsi.ksak());
    }
  }

  /** Starts all three with the system clock. */
  public static LoopbackServices start(Options o) throws Exception {
    return new LoopbackServices(o, Clock.systemUTC(), org.ddsec.protocol.trace.Trace.NONE);
  }

  public static LoopbackServices start(Options o, Clock clock) throws Exception {
    return new LoopbackServices(o, clock, org.ddsec.protocol.trace.Trace.NONE);
  }

  /** Starts all three, the KMS and mailbox roles reporting to {@code trace} (the demo's ladder). */
  public static LoopbackServices start(Options o, Clock clock, org.ddsec.protocol.trace.Trace trace) throws Exception {
    return new LoopbackServices(o, clock, trace);
  }

  /** Provisions a GBA subscriber (HSS) with its Milenage K and OPc. */
  public void addSubscriber(String impi, Set<String> impus, SecretBytes k, SecretBytes opc) {
    if (!bsf.stores().subscribers().add(new Subscriber(impi, impus, k, opc, Subscriber.DEFAULT_AMF, Sqn.ZERO))) {
      throw new IllegalArgumentException("subscriber exists: " + impi);
    }
  }

  /** Stops the KMS and starts it again from the same configuration (same key ring, same replay database). */
  public KmsService restartKms() throws Exception {
    int port = kms.server().port();
    kms.close();
    kms = KmsService.start(kmsConfig.withListener(new KmsConfig.Listener("127.0.0.1", port)), kmsTls, clock,
        RandomSource.secure(), trace);
    return kms;
  }

  /** Stops the mailbox service (ending deposits in progress) and starts it again on the same database and media directory. */
  public MailboxService restartMailbox() throws Exception {
    URI old = mailbox.uri();
    mailbox.close();
    mailbox = MailboxService.start(mailboxConfig.withHttp(new MailboxConfig.Listener("127.0.0.1", old.getPort())), mailboxTls, clock,
        RandomSource.secure(), trace);
    return mailbox;
  }

  /** A client context that trusts the CA (what a UE uses for the BSF, KMS and mailbox). */
  public SSLContext ueTls() {
    return TlsContexts.client(null, ca.certificate());
  }

  public CertificateAuthority ca() {
    return ca;
  }

  public BsfService bsf() {
    return bsf;
  }

  public KmsService kms() {
    return kms;
  }

  public MailboxService mailbox() {
    return mailbox;
  }

  public KmsConfig kmsConfig() {
    return kmsConfig;
  }

  public MailboxConfig mailboxConfig() {
    return mailboxConfig;
  }

  public KmsService.Tls kmsTls() {
    return kmsTls;
  }

  public MailboxService.Tls mailboxTls() {
    return mailboxTls;
  }

  public String bsfHost() {
    return "bsf." + options.domain();
  }

  public String kmsFqdn() {
    return "kms." + options.domain();
  }

  public String kmsId() {
    return "sip:kms." + options.domain();
  }

  public String mailboxFqdn() {
    return "vm." + options.domain();
  }

  public String mailboxId() {
    return "sip:vm." + options.domain();
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    for (AutoCloseable c : new AutoCloseable[] {mailbox, kms, bsf}) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
