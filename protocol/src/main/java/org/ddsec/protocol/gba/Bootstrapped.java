package org.ddsec.protocol.gba;

import java.time.Instant;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.GbaKeys;
import org.ddsec.crypto.gba.NafId;

/**
 * The UE's result of a bootstrapping run (TS 33.220 §4.5.2 step 9): B-TID, key lifetime, and
 * Ks = CK || IK with the RAND and IMPI from which the UE derives Ks_NAF locally (§4.5.3, Annex
 * B.3). {@link #toString()} never shows Ks; {@link #close()} wipes it.
 */
public record Bootstrapped(String bTid, String impi, Bytes rand, SecretBytes ks, Instant lifetime) implements AutoCloseable {

  public Bootstrapped {
    Objects.requireNonNull(bTid, "bTid");
    Objects.requireNonNull(impi, "impi");
    Objects.requireNonNull(rand, "rand");
    Objects.requireNonNull(ks, "ks");
    Objects.requireNonNull(lifetime, "lifetime");
  }

  /** Ks_NAF for {@code nafId} = KDF(Ks, "gba-me", RAND, IMPI, NAF_Id). */
  public SecretBytes ksNaf(NafId nafId) {
    return GbaKeys.ksNaf(ks, rand.toByteArray(), impi, nafId);
  }

  @Override
  public void close() {
    ks.close();
  }

  @Override
  public String toString() {
    return "Bootstrapped[bTid=" + bTid + ", impi=" + impi + ", ks=" + ks + ", lifetime=" + lifetime + "]";
  }
}
