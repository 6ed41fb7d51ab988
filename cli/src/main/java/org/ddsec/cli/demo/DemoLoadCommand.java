package org.ddsec.cli.demo;

import io.micrometer.core.instrument.Timer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.ddsec.cli.CliLogging;
import org.ddsec.client.system.LoopbackSystem;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.core.RandomSource;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.sip.SipTraceEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec demo load}: a load generator, not a test. Starts the demo's system in one process
 * on loopback ({@link LoopbackSystem}: BSF, KMS, mailbox, IMS core; real TLS, H2 files in a
 * temporary directory), provisions, bootstraps and registers C callers (each a {@link
 * UserEquipment} with its own TLS connection to the core), then for each target rate R places N
 * calls to offline users, open loop: call i is due at {@code t0 + i/R} whatever the earlier calls
 * are doing. Each call is the KMS-DD deposit set-up of seed Fig. 17 — INVITE with TRANSFER_INIT,
 * the core forwards it to the mailbox (480, not registered), the mailbox's RESOLVE_INIT to the KMS
 * over mutual TLS, 200 OK with TRANSFER_RESP, ACK — then BYE at once (no media: the mailbox stores
 * nothing) or after P SRTP packets.
 *
 * <p>Measured per call: <b>INVITE sent → 200 OK received</b> at the caller's SIP stack (the
 * observer's callbacks after the write and after the parse), so the KMS round trip is inside.
 * Reported per rate: p50, p99 (nearest rank), max, mean, the achieved INVITE rate (calls − 1 over
 * first to last INVITE), the worst start lag behind the schedule (callers all busy, or the
 * generator starved of CPU), the mailbox's own mean INVITE handling time (its Micrometer timer:
 * KMS exchange and media set-up) and the KMS's mean processing time of a deposit RESOLVE_INIT
 * (MIKEY decode to response, without the HTTPS transfer).
 *
 * <p>With {@code --solution ibake-dd} each call is seed 000 Fig. 27's set-up instead: INVITE with
 * I_MESSAGE_1, reliable 183 with R_MESSAGE_1, PRACK with I_MESSAGE_2 and the ESK, its 200 OK with
 * R_MESSAGE_2, then the 200 OK to the INVITE — two SIP round trips and the identity-based
 * cryptography (SAKKE, ECCSI) of both ends inside the measured interval; the KMS is not on the
 * call path (the callers fetch their month's keys once, before the measured calls).
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Load-test call set-up on loopback: INVITE -> 200 OK latency (KMS round trip included) at increasing call rates; see docs/performance.md.")
public final class DemoLoadCommand implements Callable<Integer> {

  static final String DOMAIN = "load.example";

  @Spec CommandSpec spec;

  @Option(names = "--rates", paramLabel = "R[,R…]", defaultValue = "5,10,20,40", split = ",",
      description = "Target call rates in calls per second, one level each (default: ${DEFAULT-VALUE}).")
  List<Double> rates;

  @Option(names = "--calls", paramLabel = "N", defaultValue = "200", description = "Calls per rate (default: ${DEFAULT-VALUE}).")
  int calls;

  @Option(names = "--callers", paramLabel = "C", defaultValue = "50",
      description = "Registered callers (UEs, one TLS connection each); a call needs a free one (default: ${DEFAULT-VALUE}).")
  int callers;

  @Option(names = "--callees", paramLabel = "M", defaultValue = "10", description = "Offline users called in turn (default: ${DEFAULT-VALUE}).")
  int callees;

  @Option(names = "--warmup", paramLabel = "W", defaultValue = "100", description = "Unmeasured calls first, for the JIT (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--packets", paramLabel = "P", defaultValue = "0",
      description = "SRTP packets (20 ms apart) each caller sends before BYE; 0 = hang up right after the ACK (default: ${DEFAULT-VALUE}).")
  int packets;

  @Option(names = "--no-progress", description = "No progress bar (for scripts).")
  boolean noProgress;

  @Option(names = "--solution", paramLabel = "NAME", defaultValue = "kms-dd",
      description = "kms-dd (Fig. 17: INVITE/200 with the KMS round trip) or ibake-dd (Fig. 27: INVITE/183/PRACK/200, ddsec's signed profile) (default: ${DEFAULT-VALUE}).")
  String solution;

  private boolean ibake;

  /** INVITE-sent and 200-received instants (System.nanoTime) per Call-ID, seen at the callers' SIP stacks. */
  private static final class SetupTimes implements SipObserver {
    final Map<String, Long> sent = new ConcurrentHashMap<>();
    final Map<String, Long> answered = new ConcurrentHashMap<>();

    @Override
    public void onMessage(SipTraceEvent e) {
      long now = System.nanoTime();
      if (!"INVITE".equals(e.cseqMethod())) {
        return;
      }
      if (e.direction() == SipTraceEvent.Direction.SENT && e.method().isPresent()) {
        sent.putIfAbsent(e.callId(), now);
      } else if (e.direction() == SipTraceEvent.Direction.RECEIVED && e.status().filter(s -> s >= 200 && s < 300).isPresent()) {
        answered.putIfAbsent(e.callId(), now);
      }
    }
  }

  /** One measured call. */
  private record Sample(long scheduled, long sent, long answered) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (rates.isEmpty() || rates.stream().anyMatch(r -> !(r > 0 && r <= 1000)) || calls < 1 || calls > 1_000_000 || callers < 1 || callers > 500
        || callees < 1 || callees > 1000 || warmup < 0 || warmup > 100_000 || packets < 0 || packets > 1500) {
      err.println("ddsec demo load: --rates 0<R≤1000, --calls 1..1000000, --callers 1..500, --callees 1..1000, --warmup 0..100000, --packets 0..1500 (expected)");
      return 2;
    }
    switch (solution) {
      case "kms-dd" -> ibake = false;
      case "ibake-dd" -> ibake = true;
      default -> {
        err.println("ddsec demo load: --solution: '" + solution + "' (expected: kms-dd or ibake-dd)");
        return 2;
      }
    }
    CliLogging.level("WARN");
    Path tmp = Files.createTempDirectory("ddsec-demo-load-");
    List<String> offline = new ArrayList<>();
    for (int i = 0; i < callees; i++) {
      offline.add("sip:offline" + i + "@" + DOMAIN);
    }
    RandomSource random = RandomSource.secure();
    SetupTimes times = new SetupTimes();
    BlockingQueue<UserEquipment> free = new ArrayBlockingQueue<>(callers);
    List<UserEquipment> ues = new ArrayList<>();
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "demo-load-call");
      t.setDaemon(true);
      return t;
    });
    boolean clean = true;
    try (LoopbackSystem system = LoopbackSystem.start(tmp, DOMAIN, offline, Clock.systemUTC(), Trace.NONE, SipObserver.NONE,
        ibake ? java.util.Optional.of(org.ddsec.protocol.ibakedd.IbakeMode.DDSEC_SIGNED) : java.util.Optional.empty())) {
      try (ProgressBar pb = bar(ibake ? "callers: GBA + IBAKE keys + REGISTER" : "callers: GBA + REGISTER", callers)) {
        for (int i = 0; i < callers; i++) {
          UserEquipment ue = new UserEquipment(system.provision("caller" + i, false, random), Clock.systemUTC(), random, Trace.NONE, times);
          ues.add(ue);
          ue.bootstrap(ibake ? "K.0a" : "17.1a");
          if (ibake) {
            ue.provisionIbakeKeys(List.of(org.ddsec.crypto.ibe.KeyPeriod.containing(Clock.systemUTC().instant())));
          }
          ue.register();
          free.add(ue);
          pb.step();
        }
      }
      PcmAudio media = packets == 0 ? null : PcmAudio.mono(PcmAudio.NARROWBAND_RATE, tone(packets * G711.FRAME_SAMPLES));
      out.printf(Locale.ROOT, "machine=%d cores (shared with other workers), Java %s, load average %s at start%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
      out.printf(Locale.ROOT, "system=loopback BSF+KMS+mailbox (HTTPS, H2 files) + IMS core + mailbox SIP front; solution=%s; callers=%d (TLS to the core) callees=%d offline; %s%n",
          ibake ? "ibake-dd (INVITE/183/PRACK/200, SAKKE+ECCSI)" : "kms-dd (INVITE/200, KMS round trip)", callers, callees,
          packets == 0 ? "no media: BYE right after the ACK" : packets + " SRTP packets then BYE");
      out.flush();
      if (warmup > 0) {
        Result w = run(system, free, pool, times, offline, media, warmup, 0, "warm-up");
        out.printf(Locale.ROOT, "warmup calls=%d ok=%d failed=%d%s%n", warmup, w.samples.size(), w.failures.get(),
            w.firstFailure.get() == null ? "" : " first_failure=\"" + w.firstFailure.get() + "\"");
        clean &= w.failures.get() == 0;
      }
      for (double r : rates) {
        TimerDelta mailbox = new TimerDelta(() -> system.services().mailbox().metrics().find("ddsec.mailbox.deposit.setup").timer());
        TimerDelta kms = new TimerDelta(() -> system.services().kms().metrics().find("ddsec.kms.request.duration").tag("kind", "deposit").timer());
        Result res = run(system, free, pool, times, offline, media, calls, r, String.format(Locale.ROOT, "calls @ %s/s", fmt(r)));
        long[] lat = res.samples.stream().mapToLong(s -> s.answered - s.sent).sorted().toArray();
        long firstSent = res.samples.stream().mapToLong(Sample::sent).min().orElse(0);
        long lastSent = res.samples.stream().mapToLong(Sample::sent).max().orElse(0);
        long lag = res.samples.stream().mapToLong(s -> s.sent - s.scheduled).max().orElse(0);
        double achieved = res.samples.size() > 1 && lastSent > firstSent ? (res.samples.size() - 1) * 1e9 / (lastSent - firstSent) : Double.NaN;
        out.printf(Locale.ROOT, "rate=%s calls=%d ok=%d failed=%d achieved_per_s=%.1f setup_ms p50=%.1f p99=%.1f max=%.1f mean=%.1f"
                + " max_start_lag_ms=%.1f mailbox_handling_mean_ms=%.1f kms_processing_mean_ms=%.1f load_average=%s%s%n",
            fmt(r), calls, res.samples.size(), res.failures.get(), achieved, pct(lat, 0.50), pct(lat, 0.99), lat.length == 0 ? Double.NaN : lat[lat.length - 1] / 1e6,
            Arrays.stream(lat).average().orElse(Double.NaN) / 1e6, lag / 1e6, mailbox.meanMillis(), kms.meanMillis(), loadAverage(),
            res.firstFailure.get() == null ? "" : " first_failure=\"" + res.firstFailure.get() + "\"");
        out.flush();
        clean &= res.failures.get() == 0;
      }
      // The SIP front answers a BYE before the mailbox commits the deposit: give the last commits a moment.
      long expected = packets == 0 ? 0 : (long) warmup + (long) calls * rates.size();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      int stored = stored(system);
      while (stored < expected && System.nanoTime() < deadline) {
        Thread.sleep(50);
        stored = stored(system);
      }
      out.printf(Locale.ROOT, "mailbox_stored_messages=%d (expected: %d)%n", stored, expected);
      clean &= stored == expected;
      out.flush();
    } finally {
      ues.forEach(UserEquipment::close);
      pool.shutdownNow();
      try (var w = Files.walk(tmp)) {
        w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return clean ? 0 : 1;
  }

  private int stored(LoopbackSystem system) {
    return ibake ? system.services().mailbox().ibakeStore().count() : system.services().mailbox().store().count();
  }

  /** The mean of what a server-side timer recorded since this was made (NaN if nothing). */
  private static final class TimerDelta {
    private final java.util.function.Supplier<Timer> timer;
    private final long c0;
    private final double s0;

    /** {@code timer} may give null until the server registers it (lazily, at its first request). */
    TimerDelta(java.util.function.Supplier<Timer> timer) {
      this.timer = timer;
      Timer t = timer.get();
      this.c0 = t == null ? 0 : t.count();
      this.s0 = t == null ? 0 : t.totalTime(TimeUnit.NANOSECONDS);
    }

    double meanMillis() {
      Timer t = timer.get();
      return t == null || t.count() == c0 ? Double.NaN : (t.totalTime(TimeUnit.NANOSECONDS) - s0) / (t.count() - c0) / 1e6;
    }
  }

  private record Result(List<Sample> samples, AtomicInteger failures, AtomicReference<String> firstFailure) {}

  /**
   * Places {@code n} calls: open loop at {@code rate} per second (0: each as soon as a caller is
   * free). The dispatcher takes a free caller (waiting if all are busy: that shows as start lag)
   * and hands the call to a thread of its own.
   */
  private Result run(LoopbackSystem system, BlockingQueue<UserEquipment> free, ExecutorService pool, SetupTimes times, List<String> offline,
      PcmAudio media, int n, double rate, String task) throws Exception {
    List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    List<Future<?>> running = new ArrayList<>();
    try (ProgressBar pb = bar(task, n)) {
      long t0 = System.nanoTime() + 50_000_000L;
      for (int i = 0; i < n; i++) {
        long due = rate > 0 ? t0 + (long) (i * 1e9 / rate) : System.nanoTime();
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        UserEquipment ue = free.take();
        String callee = offline.get(i % offline.size());
        running.add(pool.submit(() -> {
          try (UserEquipment.OutgoingDeposit d = ibake ? ue.callMailboxIbake(callee, G711.PCMU) : ue.callMailbox(callee, G711.PCMU)) {
            Long sent = times.sent.remove(d.callId());
            Long answered = times.answered.remove(d.callId());
            if (media != null) {
              d.stream(media, Duration.ofMillis(20), k -> {});
            }
            d.hangUp();
            if (sent == null || answered == null) {
              throw new IllegalStateException("INVITE/200 of " + d.callId() + " not seen by the observer");
            }
            samples.add(new Sample(due, sent, answered));
          } catch (Exception e) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, e.getMessage());
          } finally {
            free.add(ue);
            synchronized (pb) {
              pb.step();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    }
    times.sent.clear();
    times.answered.clear();
    return new Result(new ArrayList<>(samples), failures, firstFailure);
  }

  /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
  }

  private static String fmt(double r) {
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }

  private static String loadAverage() {
    double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return l < 0 ? "-" : String.format(Locale.ROOT, "%.2f", l);
  }

  private static short[] tone(int n) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
    }
    return s;
  }

  private ProgressBar bar(String task, int max) {
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .showSpeed();
    b.setConsumer(new ConsoleProgressBarConsumer(noProgress ? new PrintStream(OutputStream.nullOutputStream()) : System.err));
    return b.build();
  }
}
