package org.ddsec.protocol.kmsdd.kms;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.SecretBytes;

/**
 * One version of the KMS key-ring secret Kkms. A version is <em>current</em> from {@code
 * activeFrom} until it is retired; a retired version still resolves the tokens it issued until
 * {@code readableUntil} (retirement plus the retention period), then it is gone.
 */
public record KeyVersion(long version, SecretBytes secret, Instant activeFrom, Optional<Instant> retiredAt, Instant readableUntil) {

  public KeyVersion {
    if (version < 0 || version > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("key version: " + version + " (expected: 32 bits)");
    }
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(activeFrom, "activeFrom");
    Objects.requireNonNull(retiredAt, "retiredAt");
    Objects.requireNonNull(readableUntil, "readableUntil");
  }

  public boolean isReadableAt(Instant now) {
    return !now.isBefore(activeFrom) && now.isBefore(readableUntil);
  }

  @Override
  public String toString() {
    return "KeyVersion[" + version + ", active from " + activeFrom + retiredAt.map(r -> ", retired " + r).orElse("")
        + ", readable until " + readableUntil + "]";
  }
}
