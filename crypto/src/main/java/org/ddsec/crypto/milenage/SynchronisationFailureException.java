package org.ddsec.crypto.milenage;

import org.ddsec.core.Bytes;

/**
 * The AUTN was authentic but its SQN is not acceptable to the USIM (TS 33.102 §6.3.3): the USIM
 * answers with AUTS, which lets the network re-synchronise its SQN.
 */
public final class SynchronisationFailureException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Bytes auts;

  public SynchronisationFailureException(Bytes auts) {
    super("SQN out of range: re-synchronisation required (AUTS attached)");
    this.auts = auts;
  }

  /** AUTS = (SQN_MS ⊕ AK*) || MAC-S, 14 bytes. */
  public Bytes auts() {
    return auts;
  }
}
