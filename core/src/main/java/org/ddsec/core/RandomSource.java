package org.ddsec.core;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Where the sans-I/O layers get random bytes (RANDs, CSB IDs, nonces, cnonces). Injected, so that
 * the protocol logic is deterministic under test; the services pass {@link #secure()}.
 */
@FunctionalInterface
public interface RandomSource {

  /** Fills {@code out} with random bytes. */
  void nextBytes(byte[] out);

  /** {@code n} fresh random bytes. */
  default byte[] bytes(int n) {
    byte[] b = new byte[n];
    nextBytes(b);
    return b;
  }

  /** An unsigned 32-bit random value (e.g. a CSB ID or SSRC). */
  default long nextU32() {
    byte[] b = bytes(4);
    return (b[0] & 0xFFL) << 24 | (b[1] & 0xFFL) << 16 | (b[2] & 0xFFL) << 8 | (b[3] & 0xFFL);
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

  /**
   * A deterministic generator for tests and reproducible simulations. <strong>Not for keys that
   * protect anything</strong>: the sequence follows from {@code seed}.
   */
  static RandomSource insecureSeeded(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return out -> {
      synchronized (r) {
        for (int i = 0; i < out.length; i++) {
          out[i] = (byte) r.nextInt(256);
        }
      }
    };
  }
}
