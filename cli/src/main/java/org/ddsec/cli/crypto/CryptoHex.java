package org.ddsec.cli.crypto;

import org.ddsec.core.SecretBytes;

/**
 * Hex arguments of the {@code crypto} commands. Errors name the option and the length or the
 * position of the bad digit, never the digits, since the argument may be a key. Also used by the
 * {@code media} commands for their keys.
 */
public final class CryptoHex {

  private CryptoHex() {}

  /** Parses upper- or lower-case hex. */
  public static byte[] parse(String option, String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException(option + ": " + hex.length() + " hex digits (expected: an even number)");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < hex.length(); i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0) {
        SecretBytes.wipe(out);
        throw new IllegalArgumentException(option + ": not a hex digit at position " + i);
      }
      out[i / 2] |= (byte) (i % 2 == 0 ? d << 4 : d);
    }
    return out;
  }

  /** Parses a key of at least one byte into a secret. */
  public static SecretBytes parseSecret(String option, String hex) {
    byte[] b = parse(option, hex);
    if (b.length == 0) {
      throw new IllegalArgumentException(option + ": 0 bytes (expected: at least 1)");
    }
    return SecretBytes.wrap(b);
  }

  /** Parses a key whose length is one of {@code allowed} (in bytes) into a secret. */
  public static SecretBytes parseSecret(String option, String hex, int... allowed) {
    byte[] b = parse(option, hex);
    for (int n : allowed) {
      if (b.length == n) {
        return SecretBytes.wrap(b);
      }
    }
    int n = b.length;
    SecretBytes.wipe(b);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < allowed.length; i++) {
      expected.append(i == 0 ? "" : i == allowed.length - 1 ? " or " : ", ").append(allowed[i]);
    }
    throw new IllegalArgumentException(option + ": " + n + " bytes (expected: " + expected + ")");
  }
}
