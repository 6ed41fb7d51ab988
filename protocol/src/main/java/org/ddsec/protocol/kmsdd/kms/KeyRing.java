package org.ddsec.protocol.kmsdd.kms;

import java.time.Instant;
import java.util.Optional;

/**
 * The KMS's versioned secret Kkms: the only key material the KMS itself owns. New tokens use the
 * current version; a token names its version, and resolves only while that version is readable.
 */
public interface KeyRing {

  /** The version new tokens are issued under at {@code now}. */
  KeyVersion current(Instant now);

  /** Version {@code version} if it exists and is still readable at {@code now}. */
  Optional<KeyVersion> readable(long version, Instant now);
}
