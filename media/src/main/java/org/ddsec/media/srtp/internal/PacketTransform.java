package org.ddsec.media.srtp.internal;

/**
 * The raw per-packet cryptography of one suite under one set of session keys (one direction of
 * SRTP or SRTCP): no replay protection, no index bookkeeping, no length checks beyond what the
 * arrays hold — {@link org.ddsec.media.srtp.SrtpSession} does those before calling in. Every
 * method returns a new array; none modifies its input. Not thread-safe (it keeps JCE objects).
 */
public interface PacketTransform extends AutoCloseable {

  /**
   * SRTP-protects an RTP packet (RFC 3711 §3.3 / RFC 7714 §8).
   *
   * @param rtp the whole RTP packet
   * @param headerLength its header length (fixed part, CSRCs, extension)
   * @param ssrc its SSRC
   * @param index its 48-bit packet index ROC || SEQ
   */
  byte[] protectRtp(byte[] rtp, int headerLength, long ssrc, long index);

  /**
   * Authenticates and decrypts an SRTP packet at a given index.
   *
   * @param srtp the whole SRTP packet, at least {@code headerLength + tag} bytes
   * @return the RTP packet, or {@code null} if the tag does not verify
   */
  byte[] unprotectRtp(byte[] srtp, int headerLength, long ssrc, long index);

  /**
   * SRTCP-protects an RTCP compound packet (RFC 3711 §3.4 / RFC 7714 §9): appends E || SRTCP
   * index and the tag, encrypting after the first 8 octets when {@code encrypt}.
   */
  byte[] protectRtcp(byte[] rtcp, long ssrc, long srtcpIndex, boolean encrypt);

  /**
   * Authenticates (and, if the E flag was set, decrypts) an SRTCP packet.
   *
   * @param srtcp the whole SRTCP packet, at least {@code 8 + 4 + tag} bytes
   * @return the RTCP packet, or {@code null} if the tag does not verify
   */
  byte[] unprotectRtcp(byte[] srtcp, long ssrc, long srtcpIndex, boolean encrypted);

  /** Forgets the key objects (best-effort: JCE keeps its own copies). */
  @Override
  void close();
}
