package org.ddsec.protocol.sip.transaction;

/**
 * The transaction timers (RFC 3261 Table 4, RFC 6026 §8.4), the UAS 2xx retransmission (RFC 3261
 * §13.3.1.4) and the reliable provisional retransmission (RFC 3262 §3).
 */
public enum TimerName {
  /** INVITE request retransmit (client, unreliable), T1 doubling. */
  A,
  /** INVITE transaction timeout (client), 64·T1. */
  B,
  /** Wait for response retransmits (client INVITE Completed), 32 s unreliable / 0. */
  D,
  /** Non-INVITE request retransmit (client, unreliable), T1 doubling up to T2. */
  E,
  /** Non-INVITE transaction timeout (client), 64·T1. */
  F,
  /** INVITE final response retransmit (server, unreliable), T1 doubling up to T2. */
  G,
  /** Wait for ACK (server INVITE Completed), 64·T1. */
  H,
  /** Wait for ACK retransmits (server INVITE Confirmed), T4 unreliable / 0. */
  I,
  /** Wait for non-INVITE request retransmits (server Completed), 64·T1 unreliable / 0. */
  J,
  /** Wait for response retransmits (client non-INVITE Completed), T4 unreliable / 0. */
  K,
  /** Wait for INVITE retransmits / ACK (server INVITE Accepted), 64·T1 (RFC 6026). */
  L,
  /** Wait for 2xx retransmits (client INVITE Accepted), 64·T1 (RFC 6026). */
  M,
  /** 2xx retransmit until the ACK (UAS core, RFC 3261 §13.3.1.4), T1 doubling up to T2. */
  RETRANSMIT_2XX,
  /** Reliable provisional retransmit until its PRACK (UAS core, RFC 3262 §3), T1 doubling without a cap. */
  RELIABLE_1XX,
  /** No PRACK for a reliable provisional within 64·T1 (RFC 3262 §3): the TU rejects the INVITE with a 5xx. */
  RELIABLE_1XX_TIMEOUT
}
