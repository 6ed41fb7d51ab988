package org.ddsec.protocol.sip.transaction;

/**
 * The states of RFC 3261 §17 (Figures 5–8) plus "Accepted" of RFC 6026 §7 for INVITE
 * transactions after a 2xx.
 */
public enum TransactionState {
  /** Client INVITE before any response (§17.1.1.2). */
  CALLING,
  /** Client non-INVITE before any response, server non-INVITE before the TU answered (§17.1.2.2, §17.2.2). */
  TRYING,
  PROCEEDING,
  /** After a 2xx to an INVITE (RFC 6026 §7.1, §7.2). */
  ACCEPTED,
  COMPLETED,
  /** Server INVITE after the ACK of a non-2xx final response (§17.2.1). */
  CONFIRMED,
  TERMINATED
}
