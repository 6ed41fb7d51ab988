package org.ddsec.bench;

import java.security.Security;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld.Envelope;
import org.ddsec.protocol.kmsdd.kms.Kms;
import org.ddsec.protocol.trace.Trace;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The KMS's work per deposit (seed Fig. 17 steps 5–6: verify the mailbox's RESOLVE_INIT and A's
 * request ticket, derive K, seal the keys ticket and the token, MAC the RESOLVE_RESP) and per
 * retrieval (Fig. 18 step 5: verify B's request, open the token and the request ticket, derive K,
 * seal Eb(K)), one request per operation on one thread.
 *
 * <p>{@code crypto = real} runs the JDK's providers; {@code crypto = stubbed} installs {@link
 * InsecureNullCryptoProvider} first (in this benchmark's own fork), so the same code runs with
 * every HMAC, AES-CTR and SHA-256 replaced by a no-op: the difference is the cryptography, the
 * rest is the protocol logic (codec, checks, key-ring and NAF look-ups). The replay cache is
 * replaced by one that admits everything, so one captured request can be served repeatedly.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class KmsDdKmsBenchmark {

  @Param({"real", "stubbed"})
  public String crypto;

  static final java.util.Optional<String> MAILBOX = java.util.Optional.of(KmsDdWorld.MAILBOX_ID);

  Kms kms;
  Bytes deposit;
  Bytes retrieval;

  @Setup(Level.Trial)
  public void setup() {
    if (crypto.equals("stubbed")) {
      Security.insertProviderAt(new InsecureNullCryptoProvider(), 1);
    }
    String a = "sip:alice@ims.example";
    String b = "sip:bob@ims.example";
    KmsDdWorld w = new KmsDdWorld(List.of(a, b), false, 1);
    List<Envelope> toKms = new ArrayList<>();
    w.setInterceptor(e -> {
      if (e.to().equals(KmsDdWorld.KMS_ID)) {
        toKms.add(e);
      }
      return List.of(e);
    });
    w.deposit(a, b).orElseThrow(() -> new IllegalStateException("deposit failed: " + w.refusals()));
    if (w.retrieveAll(b).size() != 1) {
      throw new IllegalStateException("retrieval failed: " + w.refusals());
    }
    deposit = toKms.get(0).body();
    retrieval = toKms.get(1).body();
    // A KMS on the same stores, its clock stopped at the requests' time, admitting every request.
    Clock at = Clock.fixed(w.clock().instant(), ZoneOffset.UTC);
    kms = new Kms(Kms.Config.of(KmsDdWorld.KMS_ID), w.keyRing(), w.registry(), w.nafKeys(), (id, exp, now) -> true, at,
        RandomSource.insecureSeeded(2), Trace.NONE);
    if (kms.handle(deposit, MAILBOX).refusal().isPresent() || kms.handle(retrieval).refusal().isPresent()) {
      throw new IllegalStateException("benchmark requests are refused");
    }
  }

  @Benchmark
  public Kms.Result depositFig17Steps5to6() {
    return kms.handle(deposit, MAILBOX);
  }

  @Benchmark
  public Kms.Result retrievalFig18Step5() {
    return kms.handle(retrieval);
  }
}
