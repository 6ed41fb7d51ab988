package org.ddsec.server.mailbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.DatagramChannel;
import java.nio.file.FileAlreadyExistsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.capture.StoredMessageMetadata;
import org.ddsec.media.capture.StoredMessageMetadata.MikeyCryptoSession;
import org.ddsec.media.capture.UdpEndpoint;
import org.ddsec.media.srtp.SrtpSuite;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.protocol.gba.GbaDigestVerifier;
import org.ddsec.protocol.kmsdd.KmsDdProfile;
import org.ddsec.protocol.kmsdd.TransferInit;
import org.ddsec.protocol.kmsdd.mailbox.DepositRecord;
import org.ddsec.protocol.kmsdd.mailbox.InsecureAuditTap;
import org.ddsec.protocol.kmsdd.mailbox.Mailbox;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.mailbox.media.FileStoredMessageStore;
import org.ddsec.server.mailbox.store.JdbcIbakeMessageStore;
import org.ddsec.server.mailbox.store.JdbcMailboxStore;
import org.ddsec.server.mailbox.store.MediaSummary;
import org.ddsec.server.naf.ZnKeySource;
import org.ddsec.server.store.Database;
import org.ddsec.server.store.JdbcReplayCache;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox (deferred delivery server) service: the KMS-DD {@link Mailbox} role behind the
 * {@link DepositHandler} contract of the SIP front, the KMS over mutual TLS, SRTP reception into
 * {@code media.capture} files, the deposit database, and the recipients' HTTPS interface
 * ({@link MailboxHttpServer}, GBA Digest of TS 33.222). With {@link MailboxConfig#ibake()} it
 * also takes MIKEY-IBAKE deposits (seed Fig. 27, {@link IbakeDeposits}): an offer's MIKEY data
 * type picks the solution; both share the media reception, the storage design and the inbox.
 *
 * <p><b>A deposit is a complete message or nothing.</b> On INVITE the role runs the KMS exchange
 * and the service opens a UDP port and a capture in temporary files; nothing is listed yet. On
 * BYE the capture is committed (fsync, atomic renames, see {@link FileStoredMessageStore}) and
 * then the record is inserted in one statement — the commit point. CANCEL, TIMEOUT, ERROR and a
 * BYE with no packet discard. A crash before the insert leaves temporary files or committed media
 * without a row; {@link #start} removes both before serving. Thread-safe across dialogs.
 */
public final class MailboxService implements DepositHandler, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxService.class);
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

  /** The TLS contexts of the mailbox. */
  public record Tls(SSLContext server, SSLContext kmsClient, SSLContext znClient) {
    public Tls {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(kmsClient, "kmsClient");
      Objects.requireNonNull(znClient, "znClient");
    }

    /**
     * All three from one CA (the demo, tests): a server certificate for {@code nafFqdn} (and
     * {@code altNames}), and one client certificate naming {@code nafFqdn}, used towards the KMS
     * (mutual TLS plus Km) and the BSF (Zn).
     */
    public static Tls issuedBy(CertificateAuthority ca, String nafFqdn, String... altNames) {
      Credential server = ca.issueServer(nafFqdn, Duration.ofDays(30), altNames);
      Credential client = ca.issueClient(nafFqdn, Duration.ofDays(30));
      SSLContext c = TlsContexts.client(client, ca.certificate());
      return new Tls(TlsContexts.server(server, ca.certificate()), c, c);
    }
  }

  private final MailboxConfig config;
  private final Clock clock;
  private final Database db;
  private final JdbcMailboxStore store;
  private final StagingMailboxStore staging;
  private final JdbcIbakeMessageStore ibakeStore;
  private final IbakeDeposits ibake;
  private final FileStoredMessageStore media;
  private final Mailbox role;
  private final KmsLink kms;
  private final MediaReceiver receiver;
  private final MailboxHttpServer http;
  private final PrometheusMeterRegistry metrics;
  private final ScheduledExecutorService housekeeping;
  private final Map<String, DepositSession> sessions = new ConcurrentHashMap<>();
  private final Counter packetsReceived;
  private final Counter packetsLost;
  private final Timer setup;

  private MailboxService(MailboxConfig config, Clock clock, RandomSource random, Tls tls, Database db, Trace trace) throws Exception {
    this.config = config;
    this.clock = clock;
    this.db = db;
    this.store = new JdbcMailboxStore(db);
    this.staging = new StagingMailboxStore(store);
    this.ibakeStore = new JdbcIbakeMessageStore(db);
    this.media = new FileStoredMessageStore(config.media().dir());
    Set<String> users = config.users();
    JdbcReplayCache replay = new JdbcReplayCache(db);
    this.role = new Mailbox(config.role(), config.km(), users::contains, staging, replay, clock, random, trace, InsecureAuditTap.NONE);
    this.kms = new KmsLink(config.kmsUri(), tls.kmsClient(), config.kmsTimeout());
    this.ibake = config.ibake().map(m -> new IbakeDeposits(this, config, m, kms, ibakeStore, replay, clock, random, trace)).orElse(null);
    this.metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.packetsReceived = Counter.builder("ddsec.mailbox.packets.received").description("RTP datagrams stored").register(metrics);
    this.packetsLost = Counter.builder("ddsec.mailbox.packets.lost").description("sequence-number gaps in committed messages").register(metrics);
    this.setup = Timer.builder("ddsec.mailbox.deposit.setup").description("INVITE handling: KMS exchange and media set-up")
        .publishPercentiles(0.5, 0.99).register(metrics);
    Gauge.builder("ddsec.mailbox.deposits.active", sessions, Map::size).description("deposits in progress").register(metrics);
    recover();
    this.receiver = new MediaReceiver(config.media(), clock, this::onPacket);
    GbaDigestVerifier digest = new GbaDigestVerifier(config.nafFqdn(), config.nonceLifetime(), 100_000,
        new ZnKeySource(config.znUri(), tls.znClient(), config.znTimeout(), config.znCacheTtl(), clock), clock, random);
    this.http = MailboxHttpServer.start(config.http(), tls.server(), digest, store, ibakeStore, media, metrics);
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mailbox-housekeeping");
      t.setDaemon(true);
      return t;
    });
    housekeeping.scheduleWithFixedDelay(this::expire, 1, 1, TimeUnit.SECONDS);
    if (ibake != null) {
      ibake.provision(); // the mailbox's own SAKKE/ECCSI keys; retried when an IBAKE INVITE finds none
      housekeeping.scheduleWithFixedDelay(ibake::provision, 1, 1, TimeUnit.HOURS); // next month's keys before the month turns
    }
  }

  /**
   * Recovers the store (interrupted deposits, orphan media), then starts reception and the HTTPS
   * listener.
   */
  public static MailboxService start(MailboxConfig config, Tls tls, Clock clock, RandomSource random) throws Exception {
    return start(config, tls, clock, random, Trace.NONE);
  }

  /** {@link #start(MailboxConfig, Tls, Clock, RandomSource)}, the mailbox role reporting to {@code trace} (the demo's ladder). */
  public static MailboxService start(MailboxConfig config, Tls tls, Clock clock, RandomSource random, Trace trace) throws Exception {
    Objects.requireNonNull(config, "config");
    Database db = Database.open(config.db(), List.of(JdbcMailboxStore.SCHEMA, JdbcReplayCache.SCHEMA), "ddsec-mailbox");
    try {
      MailboxService s = new MailboxService(config, clock, random, tls, db, trace);
      LOG.info("mailbox {} started: {} users, {} stored messages, KMS {}, HTTPS {}", config.role().mailboxId(), config.users().size(),
          s.store.count(), config.kmsUri(), s.http.uri());
      return s;
    } catch (Exception | Error e) {
      db.close();
      throw e;
    }
  }

  private void recover() throws IOException {
    recover(store, ibakeStore, media);
  }

  /**
   * Removes what interrupted deposits left: temporary files, and committed media whose row was
   * never inserted (a crash between the two) in either table (KMS-DD's and IBAKE-DD's deposits
   * share the media directory). Run before serving; returns the files removed.
   */
  public static int recover(JdbcMailboxStore store, JdbcIbakeMessageStore ibakeStore, FileStoredMessageStore media) throws IOException {
    int temp = media.recover();
    Set<String> rows = new HashSet<>(store.mediaIds());
    rows.addAll(ibakeStore.mediaIds());
    int orphans = 0;
    for (String id : media.list()) {
      if (!rows.contains(id)) {
        media.delete(id);
        orphans++;
      }
    }
    Set<String> files = new HashSet<>(media.list());
    for (String id : rows) {
      if (!files.contains(id)) {
        LOG.warn("mailbox recovery media-id={} outcome=missing-media (row kept; its media cannot be fetched)", id);
      }
    }
    if (temp + orphans > 0) {
      LOG.info("mailbox recovery removed={} temporary files, orphan-media={}", temp, orphans);
    }
    return temp + orphans;
  }

  // ---- DepositHandler -----------------------------------------------------------------------------

  @Override
  public DepositAnswer onInvite(DepositOffer offer) {
    long t0 = System.nanoTime();
    DepositAnswer a;
    try {
      a = invite(offer);
    } catch (RuntimeException e) {
      LOG.error("mailbox invite call-id={} outcome=internal-error error={}", offer.callId(), e.toString());
      a = new DepositAnswer.Reject(SipStatus.SERVER_INTERNAL_ERROR, "mailbox internal error", Bytes.EMPTY);
    }
    setup.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
    int status = a instanceof DepositAnswer.Reject r ? r.sipStatus() : 200;
    Counter.builder("ddsec.mailbox.invites").description("forwarded INVITEs by SIP answer").tag("status", Integer.toString(status))
        .register(metrics).increment();
    return a;
  }

  private DepositAnswer invite(DepositOffer offer) {
    String callee = normalise(offer.callee());
    if (!config.users().contains(callee)) {
      return reject(offer, SipStatus.NOT_FOUND, "not a user of this mailbox", Bytes.EMPTY, null);
    }
    if (offer.payloadType() != 0 && offer.payloadType() != 8) {
      return reject(offer, SipStatus.NOT_ACCEPTABLE_HERE, "payload type " + offer.payloadType() + " (expected: 0 PCMU or 8 PCMA)", Bytes.EMPTY, null);
    }
    if (!hasRoom()) {
      return reject(offer, SipStatus.SERVICE_UNAVAILABLE, "mailbox busy", Bytes.EMPTY, null);
    }
    if (sessions.containsKey(offer.callId())) {
      return reject(offer, SipStatus.FORBIDDEN, "Call-ID already has a deposit", Bytes.EMPTY, null);
    }
    // RFC 3830 §6.1: octet 1 of a MIKEY message is the HDR data type; MIKEY-IBAKE (RFC 6267) starts with I_MESSAGE_1
    if (offer.mikey().length() > 1 && (offer.mikey().get(1) & 0xFF) == DataType.I_MESSAGE_1.code()) {
      if (ibake == null) {
        return reject(offer, SipStatus.NOT_ACCEPTABLE_HERE, "MIKEY-IBAKE deposits are not enabled at this mailbox (ibake.mode)", Bytes.EMPTY, null);
      }
      return ibake.onInvite(offer);
    }
    Mailbox.Outcome o = role.onTransferInit(offer.mikey());
    if (o.to() != Mailbox.Destination.KMS) {
      MikeyException e = o.refusal().orElseThrow();
      return reject(offer, e.reason() == MikeyException.Reason.REPLAY ? SipStatus.FORBIDDEN : SipStatus.of(e), "key management refused: "
          + e.errorCode().rfcName(), o.message(), e);
    }
    TransferInit ti;
    try {
      ti = TransferInit.parse(offer.mikey());
    } catch (MikeyException e) {
      throw new AssertionError("the role accepted a TRANSFER_INIT that does not parse", e);
    }
    if (!ti.idB().equals(callee) || !ti.idA().equals(normalise(offer.caller()))) {
      return reject(offer, SipStatus.FORBIDDEN, "SIP and MIKEY identities differ", Bytes.EMPTY, null);
    }
    Bytes resp;
    try {
      resp = kms.exchange(o.message());
    } catch (KmsLink.Unavailable e) {
      return reject(offer, SipStatus.SERVICE_UNAVAILABLE, "KMS unreachable", Bytes.EMPTY, e);
    }
    Mailbox.Outcome done = role.onResolveResp(resp);
    if (done.to() == Mailbox.Destination.NONE) {
      return reject(offer, SipStatus.SERVER_INTERNAL_ERROR, "KMS answer refused", Bytes.EMPTY, done.refusal().orElse(null));
    }
    if (done.refusal().isPresent()) {
      MikeyException e = done.refusal().get();
      return reject(offer, SipStatus.of(e), "key management refused: " + e.errorCode().rfcName(), done.message(), e);
    }
    Bytes msgId = ti.msgId();
    DepositRecord record = staging.staged(msgId).orElseThrow(() -> new IllegalStateException("the role stored no record for " + msgId.hex()));
    long roc = ((CsIdMap.SrtpIdMap) ti.message().header().csIdMap()).sessions().get(0).roc();
    return beginDeposit(offer, kmsDdRow(record), roc, ti.csbId(), KmsDdProfile.CS_ID, ti.ssrc(), null, done.message());
  }

  /** KMS-DD's row: {@code mailbox_message}, staged in {@link StagingMailboxStore}. */
  private PendingRow kmsDdRow(DepositRecord record) {
    return new PendingRow() {
      @Override
      public Bytes msgId() {
        return record.parameters().msgId();
      }

      @Override
      public void commit(MediaSummary m) {
        store.store(record, Optional.of(m));
      }

      @Override
      public void release() {
        staging.release(msgId());
      }
    };
  }

  /**
   * The media half of accepting a deposit, for either solution: the RTP socket ({@code open}, or a
   * new one), the capture in temporary files, the session registered with the receiver. Accept
   * with {@code mikeyResponse}, or Reject (and the row released) if the media cannot be received.
   *
   * @param roc / csbId / csId / ssrc the SRTP crypto session of the key-management message
   */
  DepositAnswer beginDeposit(DepositOffer offer, PendingRow row, long roc, long csbId, int csId, long ssrc, DatagramChannel open,
      Bytes mikeyResponse) {
    String mediaId = row.msgId().hex();
    DatagramChannel ch = open;
    FileStoredMessageStore.Deposit dep = null;
    try {
      if (ch == null) {
        ch = receiver.open();
      }
      InetSocketAddress local = (InetSocketAddress) ch.getLocalAddress();
      dep = media.begin(mediaId, SrtpSuite.AES_CM_128_HMAC_SHA1_80, KeyDerivationRate.ZERO, roc, new MikeyCryptoSession(csbId, csId),
          endpoint(offer.remoteRtp()), endpoint(local), config.media().maxPackets());
      DepositSession s = new DepositSession(offer.callId(), row, mediaId, ssrc, addressOf(offer.remoteRtp()), ch, dep, clock.instant());
      sessions.put(offer.callId(), s);
      receiver.register(s);
      LOG.info("mailbox invite call-id={} outcome=accepted from={} to={} msg-id={} rtp={} ssrc={}", offer.callId(), normalise(offer.caller()),
          normalise(offer.callee()), mediaId, local, ssrc);
      return new DepositAnswer.Accept(mikeyResponse, local, offer.payloadType());
    } catch (IOException | RuntimeException e) {
      row.release();
      try {
        if (dep != null) {
          dep.close();
        }
        if (ch != null) {
          ch.close();
        }
      } catch (IOException x) {
        // already failing
      }
      return reject(offer, e instanceof FileAlreadyExistsException ? SipStatus.FORBIDDEN : SipStatus.SERVICE_UNAVAILABLE,
          "cannot receive media", Bytes.EMPTY, e);
    }
  }

  /** A new RTP socket (ephemeral or the next free port of the range), for a deposit whose capture begins later (IBAKE-DD). */
  DatagramChannel openRtp() throws IOException {
    return receiver.open();
  }

  /** Whether another deposit may begin (the {@code media.max-concurrent} limit, deposits awaiting their PRACK included). */
  boolean hasRoom() {
    return sessions.size() + (ibake == null ? 0 : ibake.pending()) < config.media().maxConcurrent();
  }

  /** Whether {@code callId} has a deposit in progress. */
  boolean hasDeposit(String callId) {
    return sessions.containsKey(callId);
  }

  DepositAnswer reject(DepositOffer offer, int status, String reason, Bytes mikeyError, Exception why) {
    LOG.info("mailbox invite call-id={} outcome=rejected status={} reason=\"{}\"{}", offer.callId(), status, reason,
        why == null ? "" : " detail=\"" + String.valueOf(why.getMessage()).replace('"', '\'') + "\"");
    Counter.builder("ddsec.mailbox.deposits").description("deposits by outcome").tag("outcome", "refused").tag("reason", Integer.toString(status))
        .register(metrics).increment();
    return new DepositAnswer.Reject(status, reason, mikeyError);
  }

  /** Seed Fig. 27 steps 6–7: the PRACK of an IBAKE-DD deposit (after {@link DepositAnswer.Progress}). */
  @Override
  public DepositAnswer onPrack(String callId, Bytes mikey) {
    if (ibake == null) {
      return DepositHandler.super.onPrack(callId, mikey);
    }
    try {
      return ibake.onPrack(callId, mikey);
    } catch (RuntimeException e) {
      LOG.error("mailbox prack call-id={} outcome=internal-error error={}", callId, e.toString());
      ibake.onEndedBeforePrack(callId, EndReason.ERROR);
      return new DepositAnswer.Reject(SipStatus.SERVER_INTERNAL_ERROR, "mailbox internal error", Bytes.EMPTY);
    }
  }

  @Override
  public void onCallEnded(String callId, EndReason reason) {
    if (ibake != null && ibake.onEndedBeforePrack(callId, reason)) {
      return;
    }
    DepositSession s = sessions.remove(callId);
    if (s == null) {
      LOG.debug("mailbox call-ended call-id={} reason={} outcome=no-deposit", callId, reason);
      return;
    }
    end(s, reason);
  }

  private void end(DepositSession s, EndReason reason) {
    if (reason == EndReason.BYE) {
      drain(s);
    } else {
      receiver.unregister(s);
    }
    try {
      if (reason != EndReason.BYE) {
        s.discard();
        outcome(s, "discarded", reason.name().toLowerCase(Locale.ROOT));
        return;
      }
      StoredMessageMetadata m;
      try {
        m = s.commit();
      } catch (IllegalStateException e) {
        s.discard();
        outcome(s, "discarded", "no-media");
        return;
      }
      try {
        s.row.commit(MediaSummary.of(m)); // the commit point
      } catch (RuntimeException e) {
        media.delete(s.mediaId);
        outcome(s, "discarded", e instanceof IllegalStateException ? "duplicate" : "database");
        return;
      }
      packetsLost.increment(s.lost());
      outcome(s, "stored", "bye");
    } catch (IOException e) {
      outcome(s, "discarded", "io");
      LOG.error("mailbox deposit call-id={} media error={}", s.callId, e.toString());
    } finally {
      s.row.release();
    }
  }

  /**
   * A BYE sent right after the last RTP packet can be handled before the receiver thread has read
   * that packet out of the socket buffer; the message is committed only after the buffer is empty.
   * (Packets still in flight on a real network after the BYE are lost, as on any media server.)
   */
  private void drain(DepositSession s) {
    try {
      receiver.drainAndUnregister(s).get(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      receiver.unregister(s);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      LOG.warn("mailbox deposit call-id={} media drain incomplete: {}", s.callId, e.toString());
      receiver.unregister(s);
    }
  }

  private void outcome(DepositSession s, String outcome, String reason) {
    LOG.info("mailbox deposit call-id={} msg-id={} outcome={} reason={} packets={} lost={} dropped={} ms={}", s.callId, s.mediaId, outcome, reason,
        s.stored(), s.lost(), s.drops(), (System.nanoTime() - s.createdNanos) / 1_000_000);
    Counter.builder("ddsec.mailbox.deposits").description("deposits by outcome").tag("outcome", outcome).tag("reason", reason)
        .register(metrics).increment();
  }

  private void onPacket(DepositSession s, DepositSession.Drop d) {
    if (d == null) {
      packetsReceived.increment();
    } else {
      Counter.builder("ddsec.mailbox.packets.dropped").description("datagrams not stored, by reason").tag("reason", d.name().toLowerCase(Locale.ROOT))
          .register(metrics).increment();
    }
  }

  /** Backstop for a SIP front that never ends a dialog: past the longest message plus a minute, discard. */
  private void expire() {
    if (ibake != null) {
      ibake.expire(clock.instant().minusSeconds(120)); // the front's PRACK timeout is 64·T1 (32 s by default)
    }
    Instant limit = clock.instant().minus(config.media().maxMessage()).minusSeconds(60);
    for (DepositSession s : sessions.values()) {
      if (s.createdAt.isBefore(limit) && sessions.remove(s.callId, s)) {
        end(s, EndReason.TIMEOUT);
      }
    }
  }

  // ---- accessors -----------------------------------------------------------------------------------

  /** The recipients' HTTPS base URI, e.g. {@code https://127.0.0.1:8460/}. */
  public URI uri() {
    return http.uri();
  }

  public MailboxConfig config() {
    return config;
  }

  public JdbcMailboxStore store() {
    return store;
  }

  /** The IBAKE-DD messages (committed). */
  public JdbcIbakeMessageStore ibakeStore() {
    return ibakeStore;
  }

  /** The IBAKE profile the mailbox takes IBAKE-DD deposits in, if it does. */
  public Optional<org.ddsec.protocol.ibakedd.IbakeMode> ibakeMode() {
    return ibake == null ? Optional.empty() : Optional.of(ibake.mode());
  }

  /** The key periods the mailbox holds its identity-based keys for (empty without IBAKE-DD). */
  public List<org.ddsec.crypto.ibe.KeyPeriod> ibakeKeyPeriods() {
    return ibake == null ? List.of() : ibake.keyPeriods();
  }

  public FileStoredMessageStore media() {
    return media;
  }

  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Deposits in progress. */
  public int activeDeposits() {
    return sessions.size();
  }

  /** Packets stored so far for the deposit of {@code callId}, or -1 if none is in progress. */
  public long packetsOf(String callId) {
    DepositSession s = sessions.get(callId);
    return s == null ? -1 : s.stored();
  }

  @Override
  public void close() throws Exception {
    housekeeping.shutdownNow();
    if (ibake != null) {
      ibake.close();
    }
    for (DepositSession s : sessions.values()) {
      if (sessions.remove(s.callId, s)) {
        end(s, EndReason.ERROR);
      }
    }
    try {
      http.close();
      receiver.close();
    } finally {
      db.close();
      LOG.info("mailbox stopped");
    }
  }

  /** A SIP URI as the identities compare: no display name or angle brackets, no parameters. */
  static String normalise(String uri) {
    String s = uri.strip();
    int lt = s.indexOf('<');
    int gt = s.indexOf('>');
    if (lt >= 0 && gt > lt) {
      s = s.substring(lt + 1, gt);
    }
    int semi = s.indexOf(';');
    return semi >= 0 ? s.substring(0, semi) : s;
  }

  private static InetAddress addressOf(InetSocketAddress a) {
    return a.getAddress();
  }

  private static UdpEndpoint endpoint(InetSocketAddress a) {
    InetAddress ip = a.getAddress();
    long v = 0;
    if (ip instanceof Inet4Address) {
      for (byte b : ip.getAddress()) {
        v = v << 8 | (b & 0xFF);
      }
    }
    return new UdpEndpoint(v, a.getPort());
  }
}
