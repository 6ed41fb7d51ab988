package org.ddsec.cli.gba;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
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
import java.util.concurrent.atomic.AtomicReferenceArray;
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
import org.ddsec.protocol.gba.Bsf;
import org.ddsec.protocol.gba.BootstrappingStore;
import org.ddsec.protocol.gba.InMemoryBootstrappingStore;
import org.ddsec.protocol.gba.InMemorySubscriberStore;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.Subscriber;
import org.ddsec.protocol.gba.SubscriberStore;
import org.ddsec.protocol.gba.Usim;
import org.ddsec.server.bsf.BsfNafKeyLookup;
import org.ddsec.server.bsf.BsfServer;
import org.ddsec.server.store.JdbcStores;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.TlsContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec bsf load}: a load generator, not a test. Starts a BSF on loopback (ephemeral
 * ports, real HTTPS, in-memory or H2 stores), provisions one subscriber per worker, runs N
 * bootstraps (two HTTPS GETs each, Milenage on both sides) from C workers with a progress bar,
 * then M Zn look-ups over mutual TLS, and prints the rates. Bounded in count; stops by itself.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = "Load-test a BSF on loopback: bootstraps/s (Ub) and look-ups/s (Zn); figures in docs/performance.md.")
public final class BsfLoadCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--bootstraps", paramLabel = "N", defaultValue = "2000", description = "Bootstrapping runs (default: ${DEFAULT-VALUE}).")
  int bootstraps;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "4", description = "Concurrent UEs (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--zn-lookups", paramLabel = "M", defaultValue = "-1", description = "Zn look-ups (default: as many as bootstraps).")
  int znLookups;

  @Option(names = "--store", paramLabel = "KIND", defaultValue = "memory", description = "memory or h2 (a temporary H2 file database); default: ${DEFAULT-VALUE}.")
  String store;

  @Option(names = "--warmup", paramLabel = "W", defaultValue = "500",
      description = "Unmeasured bootstraps + look-ups first, so the JIT has compiled the hot paths (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--no-progress", description = "No progress bar (for scripts).")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (bootstraps < 1 || bootstraps > 10_000_000 || concurrency < 1 || concurrency > 256 || znLookups < -1 || warmup < 0 || warmup > 1_000_000) {
      err.println("ddsec bsf load: --bootstraps 1..10000000, --concurrency 1..256, --zn-lookups ≥ 0, --warmup 0..1000000 (expected)");
      return 2;
    }
    if (!store.equals("memory") && !store.equals("h2")) {
      err.println("ddsec bsf load: --store: " + store + " (expected: memory or h2)");
      return 2;
    }
    int lookups = znLookups < 0 ? bootstraps : znLookups;
    GbaCli.logLevel("WARN");
    Path tmp = null;
    JdbcStores jdbc = null;
    SubscriberStore subscribers;
    BootstrappingStore sessions;
    if (store.equals("h2")) {
      tmp = Files.createTempDirectory("ddsec-bsf-load-");
      jdbc = JdbcStores.open(JdbcStores.h2FileUrl(tmp), "", "", Math.max(8, concurrency + 2));
      subscribers = jdbc.subscribers();
      sessions = jdbc.sessions();
    } else {
      InMemoryBootstrappingStore s = new InMemoryBootstrappingStore();
      sessions = s;
      subscribers = new InMemorySubscriberStore(s);
    }
    String kms = "kms.load.example.org";
    SecureRandom rnd = new SecureRandom();
    List<byte[][]> creds = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      byte[] k = new byte[16];
      byte[] opc = new byte[16];
      rnd.nextBytes(k);
      rnd.nextBytes(opc);
      creds.add(new byte[][] {k, opc});
      subscribers.add(new Subscriber("ue" + i + "@load.example.org", Set.of("sip:ue" + i + "@load.example.org"), SecretBytes.copyOf(k),
          SecretBytes.copyOf(opc), Bytes.of((byte) 0, (byte) 0), Sqn.ZERO));
    }
    CertificateAuthority ca = CertificateAuthority.generate("load CA");
    Bsf.Settings settings = Bsf.Settings.defaults("bsf.load.example.org").withRealm("load.example.org").withAuthorisedNafs(Set.of(kms));
    Bsf bsf = new Bsf(settings, subscribers, sessions, Clock.systemUTC(), RandomSource.secure());
    SSLContext tls = TlsContexts.server(ca.issueServer("bsf.load.example.org", Duration.ofDays(1), "127.0.0.1"), ca.certificate());
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try (BsfServer server = BsfServer.start(bsf, BsfServer.Listeners.loopbackEphemeral(), tls, tls)) {
      UeGbaClient ue = new UeGbaClient(server.ubUri(), TlsContexts.client(null, ca.certificate()), Duration.ofSeconds(30), RandomSource.secure());
      BsfNafKeyLookup zn = new BsfNafKeyLookup(server.znUri(), TlsContexts.client(ca.issueClient(kms, Duration.ofDays(1)), ca.certificate()),
          NafId.kms(kms), Duration.ofSeconds(30));
      if (warmup > 0) {
        AtomicInteger w = new AtomicInteger();
        List<Future<?>> f = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
          int worker = t;
          f.add(pool.submit(() -> {
            try (Usim usim = new Usim(SecretBytes.copyOf(creds.get(worker)[0]), SecretBytes.copyOf(creds.get(worker)[1]))) {
              while (w.getAndIncrement() < warmup) {
                try (Bootstrapped b = ue.bootstrap("ue" + worker + "@load.example.org", usim)) {
                  zn.lookup(b.bTid()).ksNaf().close();
                }
              }
            }
            return null;
          }));
        }
        for (Future<?> x : f) {
          x.get();
        }
      }
      AtomicReferenceArray<String> btids = new AtomicReferenceArray<>(bootstraps);
      AtomicInteger next = new AtomicInteger();
      AtomicInteger failures = new AtomicInteger();

      long t0 = System.nanoTime();
      try (ProgressBar pb = bar("bootstraps", bootstraps)) {
        List<Future<?>> f = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
          int worker = w;
          f.add(pool.submit(() -> {
            try (Usim usim = new Usim(SecretBytes.copyOf(creds.get(worker)[0]), SecretBytes.copyOf(creds.get(worker)[1]))) {
              for (int i = next.getAndIncrement(); i < bootstraps; i = next.getAndIncrement()) {
                try (Bootstrapped b = ue.bootstrap("ue" + worker + "@load.example.org", usim)) {
                  btids.set(i, b.bTid());
                } catch (Exception e) {
                  failures.incrementAndGet();
                }
                step(pb);
              }
            }
            return null;
          }));
        }
        for (Future<?> x : f) {
          x.get();
        }
      }
      double bootSeconds = (System.nanoTime() - t0) / 1e9;

      next.set(0);
      AtomicInteger znFailures = new AtomicInteger();
      long t1 = System.nanoTime();
      try (ProgressBar pb = bar("Zn look-ups", lookups)) {
        List<Future<?>> f = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
          f.add(pool.submit(() -> {
            for (int i = next.getAndIncrement(); i < lookups; i = next.getAndIncrement()) {
              String b = btids.get(i % bootstraps);
              try {
                if (b == null) {
                  throw new IllegalStateException("no B-TID");
                }
                zn.lookup(b).ksNaf().close();
              } catch (Exception e) {
                znFailures.incrementAndGet();
              }
              step(pb);
            }
            return null;
          }));
        }
        for (Future<?> x : f) {
          x.get();
        }
      }
      double znSeconds = (System.nanoTime() - t1) / 1e9;

      out.printf("machine=%d cores, Java %s, store=%s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), store);
      out.printf("bootstraps=%d concurrency=%d failures=%d seconds=%.2f bootstraps_per_s=%.1f%n", bootstraps, concurrency, failures.get(),
          bootSeconds, bootstraps / bootSeconds);
      out.printf("zn_lookups=%d concurrency=%d failures=%d seconds=%.2f lookups_per_s=%.1f%n", lookups, concurrency, znFailures.get(),
          znSeconds, lookups / znSeconds);
      out.flush();
      return failures.get() == 0 && znFailures.get() == 0 ? 0 : 1;
    } finally {
      pool.shutdownNow();
      if (jdbc != null) {
        jdbc.close();
      }
      if (tmp != null) {
        try (var s = Files.walk(tmp)) {
          s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private ProgressBar bar(String task, int max) {
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .showSpeed();
    if (noProgress) {
      b.setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
    } else {
      b.setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err));
    }
    return b.build();
  }

  private static void step(ProgressBar pb) {
    synchronized (pb) {
      pb.step();
    }
  }
}
