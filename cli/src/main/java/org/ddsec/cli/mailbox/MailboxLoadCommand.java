package org.ddsec.cli.mailbox;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ddsec.client.gba.UeGbaClient;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.gba.Usim;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.caller.Caller;
import org.ddsec.protocol.kmsdd.mailbox.InMemoryMailboxStore;
import org.ddsec.protocol.kmsdd.mailbox.InsecureAuditTap;
import org.ddsec.protocol.kmsdd.mailbox.Mailbox;
import org.ddsec.protocol.kmsdd.recipient.Recipient;
import org.ddsec.protocol.store.InMemoryReplayCache;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.kms.KmsConfig;
import org.ddsec.server.kms.KmsServer;
import org.ddsec.server.mailbox.DepositAnswer;
import org.ddsec.server.mailbox.DepositHandler.EndReason;
import org.ddsec.server.store.StoreException;
import org.ddsec.server.system.LoopbackCaller;
import org.ddsec.server.system.LoopbackServices;
import org.ddsec.server.tls.TlsContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec mailbox load}: a load generator, not a test. Starts BSF, KMS and mailbox on
 * loopback (real HTTPS, H2 in a temporary directory), then
 *
 * <ol>
 *   <li>for each concurrency level C: N deposits through the mailbox's {@code DepositHandler}
 *       (the KMS exchange over mutual TLS included), C at a time, each streaming P real-time SRTP
 *       packets (one per 20 ms) over UDP and ending with BYE; reports lost packets (sent − stored);
 *   <li>the KMS over HTTPS: deposit RESOLVE_INITs (mutual TLS), retrieval RESOLVE_INITs, and the
 *       no-op endpoint of the same Jetty server, side by side, in requests per second.
 * </ol>
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Load-test the mailbox (concurrent SRTP deposits, lost packets) and the KMS (requests/s over HTTPS); see docs/performance.md.")
public final class MailboxLoadCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--deposits", paramLabel = "N", defaultValue = "200", description = "Deposits per concurrency level (default: ${DEFAULT-VALUE}).")
  int deposits;

  @Option(names = "--concurrency", paramLabel = "C[,C…]", defaultValue = "50", split = ",",
      description = "Concurrent deposits, one or more levels (default: ${DEFAULT-VALUE}).")
  List<Integer> concurrency;

  @Option(names = "--packets", paramLabel = "P", defaultValue = "100", description = "SRTP packets per deposit, 20 ms apart (default: ${DEFAULT-VALUE}).")
  int packets;

  @Option(names = "--kms-requests", paramLabel = "M", defaultValue = "2000", description = "Requests per KMS measurement (default: ${DEFAULT-VALUE}).")
  int kmsRequests;

  @Option(names = "--kms-concurrency", paramLabel = "K", defaultValue = "8", description = "Concurrent KMS clients (default: ${DEFAULT-VALUE}).")
  int kmsConcurrency;

  @Option(names = "--no-progress", description = "No progress bar (for scripts).")
  boolean noProgress;

  static final String D = "load.example.org";

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (deposits < 1 || packets < 1 || packets > 9000 || kmsRequests < 0 || kmsConcurrency < 1 || kmsConcurrency > 256
        || concurrency.stream().anyMatch(c -> c < 1 || c > 1000)) {
      err.println("ddsec mailbox load: --deposits ≥ 1, --packets 1..9000, --concurrency 1..1000, --kms-requests ≥ 0, --kms-concurrency 1..256 (expected)");
      return 2;
    }
    logLevel("WARN");
    Path tmp = Files.createTempDirectory("ddsec-mailbox-load-");
    int maxC = concurrency.stream().mapToInt(Integer::intValue).max().orElse(1);
    int callers = Math.min(maxC, 16);
    List<String> users = new ArrayList<>(List.of("sip:bob@" + D));
    for (int i = 0; i < callers; i++) {
      users.add("sip:caller" + i + "@" + D);
    }
    boolean clean = true;
    try (LoopbackServices s = LoopbackServices.start(LoopbackServices.Options.of(tmp, D, users))) {
      UeGbaClient ue = new UeGbaClient(s.bsf().server().ubUri(), s.ueTls(), Duration.ofSeconds(30), RandomSource.secure());
      List<Bootstrapped> a = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        a.add(bootstrap(s, ue, "caller" + i));
      }
      Bootstrapped bob = bootstrap(s, ue, "bob");
      out.printf("machine=%d cores (shared), Java %s; loopback BSF+KMS+mailbox, H2 files%n", Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      AtomicInteger callIds = new AtomicInteger();
      for (int c : concurrency) {
        clean &= deposits(out, s, a, c, callIds);
      }
      if (kmsRequests > 0) {
        clean &= kms(out, s, a.get(0), bob);
      }
    } catch (StoreException e) {
      err.println("ddsec mailbox load: database: " + e.getMessage());
      return 1;
    } finally {
      try (var w = Files.walk(tmp)) {
        w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    out.flush();
    return clean ? 0 : 1;
  }

  private boolean deposits(PrintWriter out, LoopbackServices s, List<Bootstrapped> a, int c, AtomicInteger callIds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(c);
    AtomicInteger next = new AtomicInteger();
    AtomicLong sent = new AtomicLong();
    AtomicLong stored = new AtomicLong();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger active = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    long t0 = System.nanoTime();
    try (ProgressBar pb = bar("deposits C=" + c, deposits)) {
      List<Future<?>> f = new ArrayList<>();
      for (int w = 0; w < c; w++) {
        f.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < deposits; i = next.getAndIncrement()) {
            Bootstrapped u = a.get(i % a.size());
            String impu = "sip:" + u.impi().replace("@" + D, "") + "@" + D;
            String id = "load-" + callIds.incrementAndGet();
            try (LoopbackCaller call = LoopbackCaller.invite(s.kmsId(), s.mailbox(), impu, u.bTid(), u.ksNaf(NafId.kms(s.kmsFqdn())),
                "sip:bob@" + D, id)) {
              if (!(call.answer instanceof DepositAnswer.Accept)) {
                refused.incrementAndGet();
                continue;
              }
              peak.accumulateAndGet(active.incrementAndGet(), Math::max);
              call.sendPaced(packets, 20_000_000L);
              LoopbackCaller.awaitPackets(s.mailbox(), id, packets);
              long got = Math.max(0, s.mailbox().packetsOf(id));
              s.mailbox().onCallEnded(id, EndReason.BYE);
              active.decrementAndGet();
              sent.addAndGet(packets);
              stored.addAndGet(got);
            } catch (Exception e) {
              refused.incrementAndGet();
            }
            synchronized (pb) {
              pb.step();
            }
          }
          return null;
        }));
      }
      for (Future<?> x : f) {
        x.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    long lost = sent.get() - stored.get();
    out.printf("deposits=%d concurrency=%d peak_concurrent=%d packets_each=%d refused=%d packets_sent=%d packets_stored=%d lost=%d seconds=%.1f%n",
        deposits, c, peak.get(), packets, refused.get(), sent.get(), stored.get(), lost, sec);
    out.flush();
    return refused.get() == 0 && lost == 0;
  }

  private boolean kms(PrintWriter out, LoopbackServices s, Bootstrapped alice, Bootstrapped bob) throws Exception {
    KmsConfig.Mailbox m = s.kmsConfig().mailboxes().get(0);
    SSLContext mtls = TlsContexts.client(s.ca().issueClient(s.mailboxFqdn(), Duration.ofDays(1)), s.ca().certificate());
    HttpClient mailboxHttp = HttpClient.newBuilder().sslContext(mtls).version(HttpClient.Version.HTTP_1_1).build();
    HttpClient ueHttp = HttpClient.newBuilder().sslContext(s.ueTls()).version(HttpClient.Version.HTTP_1_1).build();
    String aImpu = "sip:" + alice.impi().replace("@" + D, "") + "@" + D;
    SecretBytes ka = alice.ksNaf(NafId.kms(s.kmsFqdn()));
    SecretBytes kb = bob.ksNaf(NafId.kms(s.kmsFqdn()));
    ThreadLocal<Mailbox> role = ThreadLocal.withInitial(() -> new Mailbox(Mailbox.Config.of(m.mailboxId(), m.keyId(), s.kmsId()), m.km(),
        x -> true, new InMemoryMailboxStore(), new InMemoryReplayCache(), Clock.systemUTC(), RandomSource.secure(), Trace.NONE, InsecureAuditTap.NONE));
    ThreadLocal<Caller> caller = ThreadLocal.withInitial(() -> new Caller(Caller.Config.of(aImpu, alice.bTid(), s.kmsId(), false), ka,
        Clock.systemUTC(), RandomSource.secure(), Trace.NONE));
    Supplier<Bytes> depositRequest = () -> role.get().onTransferInit(caller.get().call("sip:bob@" + D, 1)).message();
    // One stored deposit to retrieve again and again (each RESOLVE_INIT is fresh: new T, RAND, MAC).
    InMemoryMailboxStore store = new InMemoryMailboxStore();
    Mailbox r0 = new Mailbox(Mailbox.Config.of(m.mailboxId(), m.keyId(), s.kmsId()), m.km(), x -> true, store, new InMemoryReplayCache(),
        Clock.systemUTC(), RandomSource.secure(), Trace.NONE, InsecureAuditTap.NONE);
    Bytes ri = r0.onTransferInit(caller.get().call("sip:bob@" + D, 2)).message();
    r0.onResolveResp(post(mailboxHttp, s.kms().uri(), KmsServer.PATH, ri).body);
    DepositParameters p = store.all().get(0).parameters();
    ThreadLocal<Recipient> rec = ThreadLocal.withInitial(() -> new Recipient(Recipient.Config.of("sip:bob@" + D, bob.bTid(), s.kmsId(),
        s.mailboxId()), kb, Clock.systemUTC(), RandomSource.secure(), Trace.NONE));
    Supplier<Bytes> retrievalRequest = () -> {
      try {
        return rec.get().retrieve(p);
      } catch (org.ddsec.mikey.MikeyException e) {
        throw new IllegalStateException(e);
      }
    };
    boolean ok = true;
    ok &= rate(out, "kms_deposit", mailboxHttp, s.kms().uri(), KmsServer.PATH, depositRequest, 200);
    ok &= rate(out, "kms_retrieval", ueHttp, s.kms().uri(), KmsServer.PATH, retrievalRequest, 200);
    ok &= rate(out, "kms_noop_same_request", mailboxHttp, s.kms().uri(), KmsServer.NOOP, depositRequest, 200);
    Bytes fixed = depositRequest.get();
    ok &= rate(out, "kms_noop_fixed_body", mailboxHttp, s.kms().uri(), KmsServer.NOOP, () -> fixed, 200);
    // IBAKE-DD key provisioning (RFC 6267 §4.2.1): a UE's REQUEST_KEY_PSK under Ks_NAF for this
    // month; the KMS issues a SAKKE RSK and an ECCSI SSK/PVT per request (fresh T and RAND each).
    if (s.kms().ibake().isPresent()) {
      org.ddsec.protocol.ibakedd.Community community = s.kms().ibake().get().community();
      org.ddsec.crypto.ibe.KeyPeriod month = org.ddsec.crypto.ibe.KeyPeriod.containing(java.time.Instant.now());
      Supplier<Bytes> keyRequest = () -> new org.ddsec.protocol.ibakedd.provisioning.KeyRequester(
          new org.ddsec.protocol.ibakedd.provisioning.KeyRequester.Config(aImpu, alice.bTid(), s.kmsId()), ka, community,
          new org.ddsec.protocol.ibakedd.UserKeys(aImpu), Clock.systemUTC(), RandomSource.secure(), Trace.NONE).request(List.of(month));
      // First one answer taken in full (RSK and SSK validated), so the rate below is of real issuance.
      org.ddsec.protocol.ibakedd.provisioning.KeyRequester check = new org.ddsec.protocol.ibakedd.provisioning.KeyRequester(
          new org.ddsec.protocol.ibakedd.provisioning.KeyRequester.Config(aImpu, alice.bTid(), s.kmsId()), ka, community,
          new org.ddsec.protocol.ibakedd.UserKeys(aImpu), Clock.systemUTC(), RandomSource.secure(), Trace.NONE);
      List<org.ddsec.crypto.ibe.KeyPeriod> got = check.onResponse(post(ueHttp, s.kms().uri(), KmsServer.PATH, check.request(List.of(month))).body);
      out.printf("kms_ibake_key_response_validated periods=%s%n", got);
      ok &= got.equals(List.of(month));
      ok &= rate(out, "kms_ibake_key_request", ueHttp, s.kms().uri(), KmsServer.PATH, keyRequest, 200);
    }
    return ok;
  }

  private boolean rate(PrintWriter out, String name, HttpClient http, URI base, String path, Supplier<Bytes> request, int want) throws Exception {
    int warm = Math.min(200, kmsRequests);
    for (int i = 0; i < warm; i++) {
      post(http, base, path, request.get());
    }
    ExecutorService pool = Executors.newFixedThreadPool(kmsConcurrency);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger bad = new AtomicInteger();
    AtomicInteger firstBad = new AtomicInteger();
    long t0 = System.nanoTime();
    try (ProgressBar pb = bar(name, kmsRequests)) {
      List<Future<?>> f = new ArrayList<>();
      for (int w = 0; w < kmsConcurrency; w++) {
        f.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < kmsRequests; i = next.getAndIncrement()) {
            try {
              int st = post(http, base, path, request.get()).status;
              if (st != want) {
                firstBad.compareAndSet(0, st);
                bad.incrementAndGet();
              }
            } catch (Exception e) {
              bad.incrementAndGet();
            }
            synchronized (pb) {
              pb.step();
            }
          }
          return null;
        }));
      }
      for (Future<?> x : f) {
        x.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double sec = (System.nanoTime() - t0) / 1e9;
    out.printf("%s requests=%d concurrency=%d failures=%d%s seconds=%.2f requests_per_s=%.0f%n", name, kmsRequests, kmsConcurrency, bad.get(),
        bad.get() > 0 ? " (first status " + firstBad.get() + ")" : "", sec, kmsRequests / sec);
    out.flush();
    return bad.get() == 0;
  }

  private record Answer(int status, Bytes body) {}

  private static Answer post(HttpClient http, URI base, String path, Bytes body) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", KmsServer.MIKEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(r.statusCode(), Bytes.of(r.body()));
  }

  private static Bootstrapped bootstrap(LoopbackServices s, UeGbaClient ue, String name) throws Exception {
    byte[] k = RandomSource.secure().bytes(16);
    byte[] opc = RandomSource.secure().bytes(16);
    s.addSubscriber(name + "@" + D, Set.of("sip:" + name + "@" + D), SecretBytes.copyOf(k), SecretBytes.copyOf(opc));
    try (Usim u = new Usim(SecretBytes.wrap(k), SecretBytes.wrap(opc))) {
      return ue.bootstrap(name + "@" + D, u);
    }
  }

  private ProgressBar bar(String task, int max) {
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .showSpeed();
    b.setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(noProgress
        ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.err));
    return b.build();
  }

  private static void logLevel(String level) {
    org.slf4j.Logger l = org.slf4j.LoggerFactory.getLogger("org.ddsec");
    if (l instanceof ch.qos.logback.classic.Logger lb) {
      lb.setLevel(ch.qos.logback.classic.Level.toLevel(level));
    }
  }
}
