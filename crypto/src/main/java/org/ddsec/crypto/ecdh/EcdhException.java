package org.ddsec.crypto.ecdh;

/**
 * A peer's elliptic-curve Diffie-Hellman value was refused: not an uncompressed SEC 1 point of
 * the right length, a coordinate out of range, or a point off the curve. The message names the
 * constraint, never a scalar.
 */
public final class EcdhException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What was wrong with the point. */
  public enum Reason {
    /** Not 0x04 || X || Y of 65 octets, or a coordinate ≥ p. */
    MALFORMED,
    /** Well encoded, but not a point of the curve (or the point at infinity). */
    INVALID_POINT
  }

  private final Reason reason;

  public EcdhException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
