package org.ddsec.crypto.ibe;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Deterministic randomness for tests: a {@link SecureRandom} whose bytes come from a seeded
 * {@link SplittableRandom} (reproducible cases), or from a fixed script of byte strings (to feed
 * Bouncy Castle a chosen SSV or j). Never for production.
 */
public final class TestRandom extends SecureRandom {

  private static final long serialVersionUID = 1L;
  private final transient SplittableRandom source;
  private final transient byte[][] script;
  private transient int next;

  private TestRandom(SplittableRandom source, byte[][] script) {
    super(new byte[0]);
    this.source = source;
    this.script = script;
  }

  /** Seeded pseudo-random bytes. */
  public static TestRandom seeded(long seed) {
    return new TestRandom(new SplittableRandom(seed), null);
  }

  /** Pseudo-random bytes from the property runner's case generator. */
  public static TestRandom from(SplittableRandom r) {
    return new TestRandom(r.split(), null);
  }

  /** Answers each nextBytes call with the next array of {@code script} (its length must match). */
  public static TestRandom scripted(byte[]... script) {
    return new TestRandom(null, script);
  }

  @Override
  public void nextBytes(byte[] bytes) {
    if (script != null) {
      byte[] s = script[next++];
      if (s.length != bytes.length) {
        throw new IllegalStateException("scripted random: asked for " + bytes.length + " bytes, script has " + s.length);
      }
      System.arraycopy(s, 0, bytes, 0, s.length);
      return;
    }
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) source.nextInt(256);
    }
  }

  @Override
  public void setSeed(long seed) {
    // SecureRandom's constructor calls this; the seed of a TestRandom is fixed at creation
  }
}
