package org.ddsec.bench;

import java.util.concurrent.TimeUnit;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyLabels;
import org.ddsec.crypto.mikey.MikeyPrf;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.crypto.srtp.SessionKeyLengths;
import org.ddsec.crypto.srtp.SrtpKdf;
import org.ddsec.crypto.srtp.SrtpSessionKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Key-derivation cost: a 128-bit TEK from a 128-bit TGK with the RFC 3830 §4.1.3 label (25
 * bytes with a 128-bit RAND) under MIKEY-1 and PRF-HMAC-SHA-256, and the SRTP key derivation
 * (RFC 3711 §4.3, AES-128) of the three session keys of one stream.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PrfBenchmark {

  SecretBytes tgk;
  byte[] tekLabel;
  SrtpKdf srtpKdf;
  SessionKeyLengths srtpLengths;

  @Setup
  public void setup() {
    tgk = SecretBytes.fromHex("000102030405060708090a0b0c0d0e0f");
    byte[] rand = SecretBytes.fromHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf").unsafeBytes();
    tekLabel = MikeyLabels.fromTgk(MikeyLabels.TgkKey.TEK, 1, 0x12345678L, rand);
    // RFC 3711 Appendix B.3 master key and salt
    srtpKdf = new SrtpKdf(SecretBytes.fromHex("e1f97a0d3e018be0d64fa32c06de4139"),
        SecretBytes.fromHex("0ec675ad498afeebb6960b3aabe6"), KeyDerivationRate.ZERO);
    srtpLengths = SessionKeyLengths.aesCmHmacSha1(16);
  }

  @TearDown
  public void tearDown() {
    srtpKdf.close();
    tgk.close();
  }

  @Benchmark
  public SecretBytes mikey1Tek128() {
    return MikeyPrf.MIKEY_1.derive(tgk, tekLabel, 128);
  }

  @Benchmark
  public SecretBytes prfHmacSha256Tek128() {
    return MikeyPrf.PRF_HMAC_SHA_256.derive(tgk, tekLabel, 128);
  }

  @Benchmark
  public SrtpSessionKeys srtpKdfSessionKeys() {
    return srtpKdf.srtpSessionKeys(0, srtpLengths);
  }

  @Benchmark
  public SecretBytes srtpKdfOneKey() {
    return srtpKdf.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, 0, 16);
  }
}
