package org.ddsec.media.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.capture.StoredMessageMetadata.MikeyCryptoSession;
import org.ddsec.media.srtp.SrtpSuite;

/**
 * The mailbox's ingest of one deferred message: SRTP packets go into a pcap capture exactly as
 * they arrived (the mailbox cannot and does not decrypt or authenticate them), and the recorder
 * gathers the metadata the recipient will need. Sans-I/O: it writes to a stream the caller
 * opened; making the message appear atomically on disk is the caller's job (the {@code server}
 * module's file store).
 *
 * <p>Only the header fields SRTP leaves in the clear are read: version, SSRC, SEQ. The first
 * accepted packet fixes the SSRC; packets of another SSRC, non-RTP datagrams and packets past the
 * limit are refused with a status and not written. Not thread-safe.
 */
public final class StoredMessageRecorder {

  /** What became of one datagram. */
  public enum Ingest {
    /** Written to the capture. */
    STORED,
    /** Not RTP version 2, or shorter than the 12-byte header. */
    NOT_RTP,
    /** Larger than a UDP datagram can be. */
    TOO_LARGE,
    /** RTP, but of another SSRC than the stream being stored. */
    FOREIGN_SSRC,
    /** The message already holds the maximum number of packets. */
    LIMIT_REACHED,
  }

  private final String messageId;
  private final SrtpSuite suite;
  private final KeyDerivationRate kdr;
  private final long initialRoc;
  private final MikeyCryptoSession mikey;
  private final UdpEndpoint source;
  private final UdpEndpoint destination;
  private final long maxPackets;
  private final MessageDigest sha256;
  private final CountingStream counter;
  private final PcapWriter pcap;
  private long ssrc = -1;
  private int firstSeq;
  private long packets;
  private long firstArrival;
  private long lastArrival;
  private boolean finished;

  /**
   * Starts a capture on {@code pcapOut} (writes its global header now).
   *
   * @param initialRoc the ROC of the first packet, from signalling (0 for a fresh stream)
   * @param mikey the MIKEY crypto session of the keys, or {@code null}
   * @param maxPackets the most packets one message may hold (e.g. 3 minutes = 9,000 at 20 ms)
   */
  public StoredMessageRecorder(OutputStream pcapOut, String messageId, SrtpSuite suite, KeyDerivationRate kdr, long initialRoc,
      MikeyCryptoSession mikey, UdpEndpoint source, UdpEndpoint destination, long maxPackets) throws IOException {
    StoredMessageMetadata.requireValidId(messageId);
    if (initialRoc < 0 || initialRoc > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("ROC: " + initialRoc + " (expected: 32 bits unsigned)");
    }
    if (maxPackets < 1) {
      throw new IllegalArgumentException("maxPackets: " + maxPackets + " (expected: ≥ 1)");
    }
    this.messageId = messageId;
    this.suite = Objects.requireNonNull(suite, "suite");
    this.kdr = Objects.requireNonNull(kdr, "kdr");
    this.initialRoc = initialRoc;
    this.mikey = mikey;
    this.source = Objects.requireNonNull(source, "source");
    this.destination = Objects.requireNonNull(destination, "destination");
    this.maxPackets = maxPackets;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is mandatory in the JCE", e);
    }
    this.counter = new CountingStream(new DigestOutputStream(Objects.requireNonNull(pcapOut, "pcapOut"), sha256));
    this.pcap = new PcapWriter(counter);
  }

  /**
   * Stores one arriving datagram, unless it is refused.
   *
   * @param arrivalMicros arrival time, µs since the epoch, from the caller's clock
   * @throws IllegalStateException after {@link #finish()}
   */
  public Ingest accept(long arrivalMicros, byte[] srtpPacket) throws IOException {
    if (finished) {
      throw new IllegalStateException("message " + messageId + " is finished");
    }
    if (srtpPacket.length < 12 || (srtpPacket[0] & 0xC0) != 0x80) {
      return Ingest.NOT_RTP;
    }
    if (srtpPacket.length > PcapWriter.MAX_UDP_PAYLOAD) {
      return Ingest.TOO_LARGE;
    }
    long s = (srtpPacket[8] & 0xFFL) << 24 | (srtpPacket[9] & 0xFFL) << 16 | (srtpPacket[10] & 0xFFL) << 8 | (srtpPacket[11] & 0xFFL);
    if (ssrc >= 0 && s != ssrc) {
      return Ingest.FOREIGN_SSRC;
    }
    if (packets >= maxPackets) {
      return Ingest.LIMIT_REACHED;
    }
    pcap.writeUdp(arrivalMicros, source, destination, srtpPacket);
    if (ssrc < 0) {
      ssrc = s;
      firstSeq = (srtpPacket[2] & 0xFF) << 8 | (srtpPacket[3] & 0xFF);
      firstArrival = arrivalMicros;
    }
    lastArrival = Math.max(lastArrival, arrivalMicros);
    packets++;
    return Ingest.STORED;
  }

  /** Packets stored so far. */
  public long packets() {
    return packets;
  }

  /**
   * Flushes the capture and returns the metadata that describes it. The caller then makes both
   * durable and visible together.
   *
   * @throws IllegalStateException if no packet was stored (an empty message is no message)
   */
  public StoredMessageMetadata finish() throws IOException {
    if (packets == 0) {
      throw new IllegalStateException("message " + messageId + ": no packet stored");
    }
    finished = true;
    counter.flush();
    return new StoredMessageMetadata(messageId, suite, kdr, ssrc, initialRoc, firstSeq, packets, firstArrival, lastArrival,
        source, destination, mikey, counter.count, Bytes.of(sha256.digest()));
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
