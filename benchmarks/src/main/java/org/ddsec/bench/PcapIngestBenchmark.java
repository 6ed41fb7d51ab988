package org.ddsec.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.capture.PcapWriter;
import org.ddsec.media.capture.StoredMessageRecorder;
import org.ddsec.media.capture.UdpEndpoint;
import org.ddsec.media.rtp.RtpPacket;
import org.ddsec.media.srtp.SrtpSuite;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mailbox ingest: one 182-byte SRTP packet (12 header + 160 payload + 10 tag) written to the
 * stored-message capture in memory. {@code recorderAccept} is the whole path
 * ({@link StoredMessageRecorder#accept}: header check, Ethernet/IPv4/UDP framing with both
 * checksums, SHA-256 of the capture as it grows); {@code pcapWriterOnly} is the framing alone.
 * The in-memory stream is emptied every 64 MiB so the heap stays flat.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PcapIngestBenchmark {

  private static final UdpEndpoint SRC = UdpEndpoint.parse("198.51.100.7:49170");
  private static final UdpEndpoint DST = UdpEndpoint.parse("203.0.113.5:30000");

  ByteArrayOutputStream sink;
  StoredMessageRecorder recorder;
  PcapWriter writer;
  byte[] packet;
  long t;

  @Setup
  public void setup() throws IOException {
    sink = new ByteArrayOutputStream(80 << 20);
    recorder = new StoredMessageRecorder(sink, "bench", SrtpSuite.AES_CM_128_HMAC_SHA1_80, KeyDerivationRate.ZERO, 0, null, SRC, DST,
        Long.MAX_VALUE);
    writer = new PcapWriter(sink);
    packet = RtpPacket.of(false, 0, 1, 160, 0x1234_5678L, Bytes.of(new byte[170])).encode();
  }

  private void drain() {
    if (sink.size() > 64 << 20) {
      sink.reset();
    }
  }

  @Benchmark
  public StoredMessageRecorder.Ingest recorderAccept() throws IOException {
    drain();
    t += 20_000;
    return recorder.accept(t, packet);
  }

  @Benchmark
  public long pcapWriterOnly() throws IOException {
    drain();
    t += 20_000;
    writer.writeUdp(t, SRC, DST, packet);
    return writer.packetsWritten();
  }
}
