package org.ddsec.crypto.ecdh;

import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;

/**
 * One side's ephemeral Diffie-Hellman key on P-256: the secret scalar x (32 octets, big-endian,
 * 1 ≤ x ≤ n-1) and the public value [x]G as a SEC 1 uncompressed point (65 octets). {@link
 * #close()} wipes the scalar (best-effort on the JVM); {@link EcdhP256#sessionPoint} then throws.
 */
public final class EphemeralKey implements AutoCloseable {

  private final SecretBytes scalar;
  private final Bytes publicPoint;

  EphemeralKey(SecretBytes scalar, Bytes publicPoint) {
    this.scalar = Objects.requireNonNull(scalar, "scalar");
    this.publicPoint = Objects.requireNonNull(publicPoint, "publicPoint");
  }

  /** [x]G, 0x04 || X || Y (65 octets): what goes into an ECCPT payload. */
  public Bytes publicPoint() {
    return publicPoint;
  }

  SecretBytes scalar() {
    return scalar;
  }

  @Override
  public void close() {
    scalar.close();
  }

  @Override
  public String toString() {
    return "EphemeralKey[P-256, public " + publicPoint.hex().substring(0, 18) + "…]";
  }
}
