package org.ddsec.protocol.gba;

/** A UE-side bootstrapping run that did not give a key; the message names no secret. */
public final class GbaClientException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the run stopped. */
  public enum Reason {
    /** AUTN's MAC-A did not verify: the challenge does not come from the subscriber's home network. */
    NETWORK_NOT_AUTHENTIC,
    /** The BSF's rspauth did not verify, or its answer is out of protocol. */
    BSF_NOT_AUTHENTIC,
    /** A challenge, header or body the client cannot parse. */
    MALFORMED,
    /** The BSF refused (4xx/5xx); the message carries its status and reason. */
    REFUSED,
    /** The BSF could not be reached. */
    UNAVAILABLE,
    /** Re-synchronisation did not converge (the BSF challenged out of range again). */
    RESYNC_FAILED
  }

  private final Reason reason;

  public GbaClientException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public GbaClientException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
