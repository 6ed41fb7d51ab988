package org.ddsec.media.srtp;

/**
 * The outcome of protecting or unprotecting one packet. Dropping a packet is routine for a media
 * receiver, so the per-packet path reports it here instead of throwing (as jitsi-srtp's {@code
 * SrtpErrorStatus} and libsrtp's {@code srtp_err_status_t} do). Anything but {@link #OK} leaves
 * the context unchanged.
 */
public enum SrtpStatus {
  /** Protected, or authenticated and decrypted. */
  OK,
  /** Too short for its headers and tag, or not version 2: not an (S)RTP/(S)RTCP packet at all. */
  INVALID_PACKET,
  /** The authentication (or AEAD) tag did not verify (RFC 3711 §3.3 step 5). */
  AUTH_FAIL,
  /** The index was already received: a replay (RFC 3711 §3.3.2). */
  REPLAY_FAIL,
  /** The index lies below the replay window, so it cannot be checked and is dropped (RFC 3711 §3.3.2). */
  REPLAY_OLD,
  /**
   * Sending only: the index would not exceed the last one protected for this SSRC (or the SRTP
   * index space 2^48 / SRTCP 2^31 is used up). Refused because a repeated index reuses the
   * keystream, and for AES-GCM breaks authentication (RFC 7714 §8.4).
   */
  INDEX_REUSE,
}
