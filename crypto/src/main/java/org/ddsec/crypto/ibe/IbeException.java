package org.ddsec.crypto.ibe;

import java.util.Objects;

/**
 * Identity-based input refused: a malformed or invalid encapsulation, key or signature, or a
 * failed decapsulation, decryption or verification (RFC 6507, RFC 6508, ddsec's SAKKE+AES-GCM
 * IBE). Thrown by every checking method of {@code org.ddsec.crypto.ibe..}; none returns a boolean
 * a caller could ignore.
 *
 * <p>The {@link Reason} says what failed so a protocol layer can map it onto a MIKEY error; the
 * message names the field and the constraint, never a key, an SSV or a plaintext byte.
 */
public final class IbeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What was refused. */
  public enum Reason {
    /** A length or an encoding is wrong: not 0x04-uncompressed, a coordinate ≥ p, a scalar out of range. */
    MALFORMED,
    /** A well-encoded point that is not on the curve, or not in the subgroup of prime order. */
    INVALID_POINT,
    /** A key from the KMS failed its check: RSK (RFC 6508 §6.1.2) or SSK/PVT (RFC 6507 §5.1.2). */
    INVALID_KEY,
    /** SAKKE: the recomputed R_(b,S) differs from the received one (RFC 6508 §6.2.2 step 5). */
    DECAPSULATION_FAILED,
    /** The AEAD tag did not verify: wrong key, wrong identity, wrong associated data or a modified ciphertext. */
    DECRYPTION_FAILED,
    /** ECCSI: the signature does not verify for this identity, message and KPAK (RFC 6507 §5.2.2). */
    SIGNATURE_INVALID
  }

  private final Reason reason;

  public IbeException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
