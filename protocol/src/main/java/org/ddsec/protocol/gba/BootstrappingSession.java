package org.ddsec.protocol.gba;

import java.time.Instant;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;

/**
 * What the BSF keeps of one successful bootstrapping run (TS 33.220 §4.5.2): the B-TID, the
 * IMPI, the RAND (an input of Ks_NAF), the key Ks = CK || IK, when it was made and when it
 * expires (the key lifetime). {@link #toString()} never shows Ks.
 */
public record BootstrappingSession(String bTid, String impi, Bytes rand, SecretBytes ks, Instant createdAt, Instant expiresAt) {

  public BootstrappingSession {
    Objects.requireNonNull(bTid, "bTid");
    Objects.requireNonNull(impi, "impi");
    if (rand.length() != 16) {
      throw new IllegalArgumentException("RAND: " + rand.length() + " bytes (expected: 16)");
    }
    if (ks.length() != 32) {
      throw new IllegalArgumentException("Ks: " + ks.length() + " bytes (expected: 32)");
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expiry " + expiresAt + " (expected: after creation " + createdAt + ")");
    }
  }

  /** Valid up to, not including, its expiry. */
  public boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  /** A copy whose Ks is a fresh {@link SecretBytes}. */
  public BootstrappingSession copy() {
    return new BootstrappingSession(bTid, impi, rand, ks.slice(0, ks.length()), createdAt, expiresAt);
  }

  @Override
  public String toString() {
    return "BootstrappingSession[bTid=" + bTid + ", impi=" + impi + ", ks=" + ks + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
  }
}
