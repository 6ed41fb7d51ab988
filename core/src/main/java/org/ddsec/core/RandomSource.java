package org.ddsec.core;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * Where the sans-I/O layers get random bytes (RANDs, nonces, cnonces). The services pass
 * {@link #secure()}; tests pass a seeded or scripted source so that runs are deterministic.
 */
@FunctionalInterface
public interface RandomSource {

  /** Fills {@code out} with random bytes. */
  void nextBytes(byte[] out);

  /** {@code n} random bytes. */
  default byte[] bytes(int n) {
    byte[] b = new byte[n];
    nextBytes(b);
    return b;
  }

  /** The platform's cryptographically strong generator ({@link SecureRandom}). */
  static RandomSource secure() {
    return secure(new SecureRandom());
  }

  /** A source backed by {@code random}. */
  static RandomSource secure(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return random::nextBytes;
  }
}
