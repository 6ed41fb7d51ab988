package org.ddsec.testkit;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.opentest4j.AssertionFailedError;

/**
 * A minimal property-based test runner: runs a property on many pseudo-random cases, each from
 * its own seed, and on failure names the seed that reproduces it.
 *
 * <p>{@code -Dddsec.property.tries=N} changes the number of cases; {@code
 * -Dddsec.property.seed=S} replays exactly one failing case. There is no shrinking: generators
 * should keep cases small enough to read. (ddsec does not use jqwik; see docs/decisions.md.)
 */
public final class Property {

  private static final long DEFAULT_BASE_SEED = 0x5EED_DD5EC0DEL;

  private Property() {}

  /** Runs {@code property} on {@code tries} cases (or on the one seed given by the system property). */
  public static void forAll(int tries, Consumer<SplittableRandom> property) {
    String replay = System.getProperty("ddsec.property.seed");
    if (replay != null && !replay.isBlank()) {
      runOne(Long.parseLong(replay.trim()), -1, property);
      return;
    }
    int n = Integer.getInteger("ddsec.property.tries", tries);
    SplittableRandom seeds = new SplittableRandom(Long.getLong("ddsec.property.baseSeed", DEFAULT_BASE_SEED));
    for (int i = 0; i < n; i++) {
      runOne(seeds.nextLong(), i, property);
    }
  }

  private static void runOne(long seed, int index, Consumer<SplittableRandom> property) {
    try {
      property.accept(new SplittableRandom(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionFailedError(
          "property failed on case " + index + " (replay with -Dddsec.property.seed=" + seed + "): " + e, e);
    }
  }

  /** {@code n} random bytes. */
  public static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  /** Between {@code min} and {@code max} (inclusive) random bytes. */
  public static byte[] bytes(SplittableRandom r, int min, int max) {
    return bytes(r, min + r.nextInt(max - min + 1));
  }

  /** Picks one element of {@code options}. */
  @SafeVarargs
  public static <T> T oneOf(SplittableRandom r, T... options) {
    return options[r.nextInt(options.length)];
  }
}
