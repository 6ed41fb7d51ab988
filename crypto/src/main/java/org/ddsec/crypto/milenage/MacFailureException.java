package org.ddsec.crypto.milenage;

/** An AUTN's MAC-A, or an AUTS's MAC-S, did not verify (TS 33.102 §6.3.3, §6.3.5). */
public final class MacFailureException extends Exception {
  private static final long serialVersionUID = 1L;

  public MacFailureException(String message) {
    super(message);
  }
}
