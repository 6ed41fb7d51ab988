package org.ddsec.protocol.gba;

/** A Zn look-up that gave no key; the message names the B-TID and the reason, never key bytes. */
public final class NafKeyLookupException extends Exception {

  /** Why no key came back. */
  public enum Reason {
    /** The BSF knows no bootstrapping session with this B-TID. */
    UNKNOWN_BTID,
    /** The bootstrapping session's lifetime has ended. */
    EXPIRED,
    /** The BSF does not let this NAF obtain keys (TS 33.220 §4.4.3 authorisation). */
    NAF_NOT_AUTHORISED,
    /** The BSF could not be reached or answered out of protocol. */
    UNAVAILABLE
  }

  private final Reason reason;

  public NafKeyLookupException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public NafKeyLookupException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
