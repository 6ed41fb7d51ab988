package org.ddsec.media.srtp;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.ddsec.crypto.srtp.SrtpKdf;
import org.ddsec.media.rtp.SequenceNumbers;
import org.ddsec.media.srtp.internal.PacketTransform;

/**
 * One direction of an SRTP/SRTCP session (RFC 3711 §3.2): a master key, a suite, and per SSRC
 * the cryptographic context's mutable part — rollover counter and highest sequence number (kept
 * together as the highest packet index), and the replay list.
 *
 * <p>A <b>sender</b> ({@link #sender}) protects RTP/RTCP: it derives each packet's index from its
 * sequence number (incrementing the ROC when SEQ wraps) and refuses to protect an index twice
 * ({@link SrtpStatus#INDEX_REUSE}), which would reuse keystream or, for GCM, break
 * authentication. A <b>receiver</b> ({@link #receiver}) estimates the index of each arriving
 * packet (RFC 3711 §3.3.1, Appendix A), rejects replays (§3.3.2), authenticates, decrypts, and
 * only then updates ROC, s_l and the replay list — so a packet that fails leaves the context
 * exactly as it was. New SSRCs get a context on their first authentic packet, starting from the
 * ROC signalled with {@link #setInitialRolloverCounter} (0 by default).
 *
 * <p>The per-packet methods never throw on bad input: they return a {@link SrtpResult}. Not
 * thread-safe; use one session per thread or lock around it. {@link #close()} wipes the keys.
 */
public final class SrtpSession implements AutoCloseable {

  private static final int RTP_HEADER = 12;
  private static final int RTCP_HEADER = 8;

  private final boolean sender;
  private final SrtpSuite suite;
  private final SrtpOptions options;
  private final SessionKeys rtpKeys;
  private final SessionKeys rtcpKeys;
  private final Map<Long, Stream> streams = new HashMap<>();
  private final Map<Long, Long> initialRoc = new HashMap<>();

  /** Per-SSRC state: the SRTP replay list (its highest index is ROC || s_l) and the SRTCP one. */
  private static final class Stream {
    final ReplayWindow rtp;
    final ReplayWindow rtcp;
    long nextSrtcpIndex; // sender only

    Stream(int window) {
      rtp = new ReplayWindow(window);
      rtcp = new ReplayWindow(window);
    }
  }

  private SrtpSession(boolean sender, SrtpMasterKey key, SrtpOptions options) {
    Objects.requireNonNull(key, "key");
    this.sender = sender;
    this.suite = key.suite();
    this.options = Objects.requireNonNull(options, "options");
    this.rtpKeys = new SessionKeys(key, options.keyDerivationRate(), false);
    this.rtcpKeys = new SessionKeys(key, options.keyDerivationRate(), true);
  }

  /** A session that protects outgoing packets; the master key is copied into the KDF. */
  public static SrtpSession sender(SrtpMasterKey key, SrtpOptions options) {
    return new SrtpSession(true, key, options);
  }

  /** A session that unprotects incoming packets; the master key is copied into the KDF. */
  public static SrtpSession receiver(SrtpMasterKey key, SrtpOptions options) {
    return new SrtpSession(false, key, options);
  }

  public SrtpSuite suite() {
    return suite;
  }

  public boolean isSender() {
    return sender;
  }

  /**
   * The ROC to assume for the first packet of {@code ssrc}, e.g. from the MIKEY CS ID map (RFC
   * 3830 §6.1.1) or a stored message's metadata. Has no effect once the SSRC has a context.
   */
  public void setInitialRolloverCounter(long ssrc, long roc) {
    checkU32("SSRC", ssrc);
    checkU32("ROC", roc);
    initialRoc.put(ssrc, roc);
  }

  /** The current ROC of {@code ssrc}, if it has a context. */
  public OptionalLong rolloverCounter(long ssrc) {
    Stream s = streams.get(ssrc);
    return s == null || s.rtp.highest() < 0 ? OptionalLong.empty() : OptionalLong.of(s.rtp.highest() >>> 16);
  }

  /** The highest SRTP index processed for {@code ssrc} (ROC || s_l), if any. */
  public OptionalLong highestIndex(long ssrc) {
    Stream s = streams.get(ssrc);
    return s == null || s.rtp.highest() < 0 ? OptionalLong.empty() : OptionalLong.of(s.rtp.highest());
  }

  // ---- SRTP --------------------------------------------------------------------------------------

  /** Protects one RTP packet (RFC 3711 §3.3, RFC 7714 §8). Sender sessions only. */
  public SrtpResult protect(byte[] rtp) {
    requireRole(true);
    int hl = rtpHeaderLength(rtp, 0);
    if (hl < 0) {
      return SrtpResult.failed(SrtpStatus.INVALID_PACKET);
    }
    long ssrc = u32(rtp, 8);
    int seq = u16(rtp, 2);
    Stream s = streams.get(ssrc);
    long index = s == null || s.rtp.highest() < 0
        ? (initialRoc.getOrDefault(ssrc, 0L) << 16) | seq
        : SequenceNumbers.estimateIndex(s.rtp.highest(), seq);
    if (index < 0 || index > SrtpKdf.MAX_SRTP_INDEX || (s != null && index <= s.rtp.highest())) {
      return SrtpResult.failed(SrtpStatus.INDEX_REUSE);
    }
    byte[] out = rtpKeys.forIndex(index).protectRtp(rtp, hl, ssrc, index);
    stream(ssrc, s).rtp.accept(index);
    return SrtpResult.ok(out, index);
  }

  /** Authenticates and decrypts one SRTP packet (RFC 3711 §3.3). Receiver sessions only. */
  public SrtpResult unprotect(byte[] srtp) {
    requireRole(false);
    Objects.requireNonNull(srtp, "srtp");
    int hl = rtpHeaderLength(srtp, suite.srtpTagBytes());
    if (hl < 0) {
      return SrtpResult.failed(SrtpStatus.INVALID_PACKET);
    }
    long ssrc = u32(srtp, 8);
    int seq = u16(srtp, 2);
    Stream s = streams.get(ssrc);
    long index = s == null || s.rtp.highest() < 0
        ? (initialRoc.getOrDefault(ssrc, 0L) << 16) | seq
        : SequenceNumbers.estimateIndex(s.rtp.highest(), seq);
    if (index < 0) {
      return SrtpResult.failed(SrtpStatus.REPLAY_OLD); // before index 0: older than the stream
    }
    if (index > SrtpKdf.MAX_SRTP_INDEX) {
      return SrtpResult.failed(SrtpStatus.INVALID_PACKET);
    }
    if (s != null) {
      SrtpStatus replay = s.rtp.check(index);
      if (replay != SrtpStatus.OK) {
        return SrtpResult.failed(replay);
      }
    }
    PacketTransform t = rtpKeys.forIndex(index);
    byte[] out = t.unprotectRtp(srtp, hl, ssrc, index);
    if (out == null) {
      return SrtpResult.failed(SrtpStatus.AUTH_FAIL);
    }
    stream(ssrc, s).rtp.accept(index); // RFC 3711 §3.3.1: update ROC and s_l only after authentication
    return SrtpResult.ok(out, index);
  }

  // ---- SRTCP -------------------------------------------------------------------------------------

  /** Protects one RTCP compound packet (RFC 3711 §3.4, RFC 7714 §9). Sender sessions only. */
  public SrtpResult protectRtcp(byte[] rtcp) {
    requireRole(true);
    Objects.requireNonNull(rtcp, "rtcp");
    if (rtcp.length < RTCP_HEADER || (rtcp[0] & 0xC0) != 0x80) {
      return SrtpResult.failed(SrtpStatus.INVALID_PACKET);
    }
    long ssrc = u32(rtcp, 4);
    Stream s = streams.get(ssrc);
    long index = s == null ? 0 : s.nextSrtcpIndex; // RFC 3711 §3.4: zero for the first packet
    if (index > SrtpKdf.MAX_SRTCP_INDEX) {
      return SrtpResult.failed(SrtpStatus.INDEX_REUSE);
    }
    byte[] out = rtcpKeys.forIndex(index).protectRtcp(rtcp, ssrc, index, options.encryptSrtcp());
    Stream st = stream(ssrc, s);
    st.rtcp.accept(index);
    st.nextSrtcpIndex = index + 1;
    return SrtpResult.ok(out, index);
  }

  /** Authenticates (and decrypts, if E = 1) one SRTCP packet (RFC 3711 §3.4). Receiver sessions only. */
  public SrtpResult unprotectRtcp(byte[] srtcp) {
    requireRole(false);
    Objects.requireNonNull(srtcp, "srtcp");
    int tag = suite.srtcpTagBytes();
    if (srtcp.length < RTCP_HEADER + 4 + tag || (srtcp[0] & 0xC0) != 0x80) {
      return SrtpResult.failed(SrtpStatus.INVALID_PACKET);
    }
    long ssrc = u32(srtcp, 4);
    // HMAC suites: E || index precedes the tag; AEAD: the ESRTCP word is the last (RFC 7714 §17)
    int at = suite.isAead() ? srtcp.length - 4 : srtcp.length - tag - 4;
    long word = u32(srtcp, at);
    boolean encrypted = (word & 0x8000_0000L) != 0;
    long index = word & 0x7FFF_FFFFL;
    Stream s = streams.get(ssrc);
    if (s != null) {
      SrtpStatus replay = s.rtcp.check(index);
      if (replay != SrtpStatus.OK) {
        return SrtpResult.failed(replay);
      }
    }
    byte[] out = rtcpKeys.forIndex(index).unprotectRtcp(srtcp, ssrc, index, encrypted);
    if (out == null) {
      return SrtpResult.failed(SrtpStatus.AUTH_FAIL);
    }
    stream(ssrc, s).rtcp.accept(index);
    return SrtpResult.ok(out, index);
  }

  /** Wipes the master-key copies and the session keys. */
  @Override
  public void close() {
    rtpKeys.close();
    rtcpKeys.close();
    streams.clear();
  }

  @Override
  public String toString() {
    return "SrtpSession[" + (sender ? "sender" : "receiver") + ", " + suite + ", " + streams.size() + " SSRCs]";
  }

  private Stream stream(long ssrc, Stream s) {
    return s != null ? s : streams.computeIfAbsent(ssrc, k -> new Stream(options.replayWindow()));
  }

  private void requireRole(boolean wantSender) {
    if (sender != wantSender) {
      throw new IllegalStateException("this is a " + (sender ? "sender" : "receiver") + " session");
    }
  }

  /**
   * Header length of the RTP packet in {@code b} (fixed part, CSRCs, extension), or −1 if it is
   * not version 2 or {@code b} cannot hold the header plus {@code trailer} bytes.
   */
  private static int rtpHeaderLength(byte[] b, int trailer) {
    Objects.requireNonNull(b, "packet");
    if (b.length < RTP_HEADER + trailer || (b[0] & 0xC0) != 0x80) {
      return -1;
    }
    int hl = RTP_HEADER + 4 * (b[0] & 0x0F);
    if ((b[0] & 0x10) != 0) {
      if (b.length < hl + 4 + trailer) {
        return -1;
      }
      hl += 4 + 4 * u16(b, hl + 2);
    }
    return b.length < hl + trailer ? -1 : hl;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) << 24 | (b[at + 1] & 0xFFL) << 16 | (b[at + 2] & 0xFFL) << 8 | (b[at + 3] & 0xFFL);
  }

  private static void checkU32(String what, long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(what + ": " + v + " (expected: 32 bits unsigned)");
    }
  }
}
