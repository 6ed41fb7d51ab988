package org.ddsec.testkit;

import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/**
 * Proves rejection: every single-bit flip and every truncation of a protected message must make
 * the verifier throw {@code expected} (the typed error), never accept and never throw anything
 * else.
 */
public final class Tamper {

  /** A verification that either returns (accepts) or throws. */
  @FunctionalInterface
  public interface Verifier {
    void verify(byte[] candidate) throws Exception;
  }

  private Tamper() {}

  /** Flips each bit of {@code message} in turn; each must be refused with {@code expected}. */
  public static int assertEveryBitFlipRejected(byte[] message, Class<? extends Exception> expected, Verifier v) {
    int n = 0;
    for (int i = 0; i < message.length * 8; i++) {
      byte[] m = message.clone();
      m[i / 8] ^= (byte) (0x80 >>> (i % 8));
      expectRefusal(m, expected, v, "bit " + i + " flipped (byte " + i / 8 + ")");
      n++;
    }
    return n;
  }

  /** Every proper prefix of {@code message} (lengths 0..n-1) must be refused with {@code expected}. */
  public static int assertEveryTruncationRejected(byte[] message, Class<? extends Exception> expected, Verifier v) {
    for (int len = 0; len < message.length; len++) {
      expectRefusal(Arrays.copyOf(message, len), expected, v, "truncated to " + len + " bytes");
    }
    return message.length;
  }

  private static void expectRefusal(byte[] m, Class<? extends Exception> expected, Verifier v, String what) {
    try {
      v.verify(m);
    } catch (Exception e) {
      if (!expected.isInstance(e)) {
        throw new AssertionFailedError(what + ": refused with " + e + " (expected: " + expected.getSimpleName() + ")", e);
      }
      return;
    } catch (Error e) {
      throw new AssertionFailedError(what + ": threw " + e + " (expected: " + expected.getSimpleName() + ")", e);
    }
    throw new AssertionFailedError(what + ": accepted (expected: " + expected.getSimpleName() + ")");
  }
}
