package org.ddsec.protocol.gba;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.ddsec.core.SecretBytes;

/**
 * What a NAF learns over Zn for one B-TID (TS 33.220 §4.5.3): the NAF-specific key Ks_NAF, the
 * subscriber's private identity (IMPI), the public identities (IMPUs, from the GBA user security
 * settings) the key may vouch for, and the key's expiry (the Ks lifetime).
 *
 * <p>The record holds the key; it never prints it ({@link #toString()} shows the B-TID, the
 * identities and the expiry only).
 */
public record NafKey(String bTid, String impi, Set<String> impus, SecretBytes ksNaf, Instant expiresAt) {

  public NafKey {
    Objects.requireNonNull(bTid, "bTid");
    Objects.requireNonNull(impi, "impi");
    impus = Set.copyOf(impus);
    Objects.requireNonNull(ksNaf, "ksNaf");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether {@code impu} is one of this subscriber's public identities. */
  public boolean vouchesFor(String impu) {
    return impus.contains(impu);
  }

  /** Whether the key is still valid at {@code now} (valid up to, not including, its expiry). */
  public boolean isValidAt(Instant now) {
    return now.isBefore(expiresAt);
  }

  @Override
  public String toString() {
    return "NafKey[bTid=" + bTid + ", impi=" + impi + ", impus=" + impus + ", ksNaf=" + ksNaf + ", expiresAt=" + expiresAt + "]";
  }
}
