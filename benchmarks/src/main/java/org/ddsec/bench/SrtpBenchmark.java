package org.ddsec.bench;

import java.util.concurrent.TimeUnit;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.media.rtp.RtpPacket;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpOptions;
import org.ddsec.media.srtp.SrtpResult;
import org.ddsec.media.srtp.SrtpSession;
import org.ddsec.media.srtp.SrtpSuite;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SRTP per-packet cost through {@link SrtpSession}, one 20 ms G.711 frame per packet: a 12-byte
 * RTP header and a 160-byte payload. {@code protect} protects consecutive sequence numbers (the
 * ROC increments every 65,536 packets, as in a real stream); {@code unprotect} authenticates and
 * decrypts a pre-protected run of 65,536 consecutive packets, starting a fresh receiver each time
 * the run is used up (so no packet is a replay; the receiver set-up is amortised over 65,536
 * packets). Compare with {@link SrtpCeilingBenchmark}, the same cryptography without SRTP.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SrtpBenchmark {

  static final int PAYLOAD = 160;
  private static final int RUN = 65_536;

  @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
  String suite;

  SrtpMasterKey key;
  SrtpSession tx;
  byte[] rtp;
  int seq;
  byte[][] protectedRun;
  SrtpSession rx;
  int next;

  @Setup
  public void setup() {
    SrtpSuite s = SrtpSuite.valueOf(suite);
    key = SrtpMasterKey.of(s, SecretBytes.wrap(new byte[s.masterKeyBytes()]), SecretBytes.wrap(new byte[s.masterSaltBytes()]));
    tx = SrtpSession.sender(key, SrtpOptions.DEFAULT);
    rtp = RtpPacket.of(false, 0, 0, 0, 0x1234_5678L, Bytes.of(new byte[PAYLOAD])).encode();
    protectedRun = new byte[RUN][];
    try (SrtpSession pre = SrtpSession.sender(key, SrtpOptions.DEFAULT)) {
      for (int i = 0; i < RUN; i++) {
        byte[] p = rtp.clone();
        p[2] = (byte) (i >>> 8);
        p[3] = (byte) i;
        protectedRun[i] = pre.protect(p).packet();
      }
    }
    rx = SrtpSession.receiver(key, SrtpOptions.DEFAULT);
  }

  @TearDown
  public void tearDown() {
    tx.close();
    rx.close();
    key.close();
  }

  @Benchmark
  public SrtpResult protect() {
    seq = (seq + 1) & 0xFFFF;
    rtp[2] = (byte) (seq >>> 8);
    rtp[3] = (byte) seq;
    return tx.protect(rtp);
  }

  @Benchmark
  public SrtpResult unprotect() {
    if (next == RUN) {
      rx.close();
      rx = SrtpSession.receiver(key, SrtpOptions.DEFAULT);
      next = 0;
    }
    return rx.unprotect(protectedRun[next++]);
  }
}
