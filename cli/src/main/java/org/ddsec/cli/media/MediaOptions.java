package org.ddsec.cli.media;

import java.util.Locale;
import org.ddsec.cli.crypto.CryptoHex;
import org.ddsec.core.SecretBytes;
import org.ddsec.media.audio.G711;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpSuite;
import picocli.CommandLine.Option;

/** The options {@code media encode} and {@code media decode} share: suite and keys. */
final class MediaOptions {

  @Option(names = "--suite", required = true, paramLabel = "SUITE",
      description = "AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, AEAD_AES_128_GCM or AEAD_AES_256_GCM.")
  String suite;

  @Option(names = "--master-key", required = true, paramLabel = "HEX",
      description = "SRTP master key: 16 bytes (32 for AEAD_AES_256_GCM).")
  String masterKey;

  @Option(names = "--master-salt", required = true, paramLabel = "HEX",
      description = "SRTP master salt: 14 bytes for AES_CM, 12 for AEAD (RFC 7714).")
  String masterSalt;

  SrtpSuite suite() {
    try {
      return SrtpSuite.fromName(suite);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--suite: " + suite + " (expected: AES_CM_128_HMAC_SHA1_80, AES_CM_128_HMAC_SHA1_32, "
          + "AEAD_AES_128_GCM or AEAD_AES_256_GCM)", e);
    }
  }

  /** The master key and salt, checked against the suite's lengths. */
  SrtpMasterKey key() {
    SrtpSuite s = suite();
    try (SecretBytes k = CryptoHex.parseSecret("--master-key", masterKey, s.masterKeyBytes());
        SecretBytes salt = CryptoHex.parseSecret("--master-salt", masterSalt, s.masterSaltBytes())) {
      return SrtpMasterKey.of(s, k, salt);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " for " + s, e);
    }
  }

  static G711 codec(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "pcmu" -> G711.PCMU;
      case "pcma" -> G711.PCMA;
      default -> throw new IllegalArgumentException("--codec: " + name + " (expected: pcmu or pcma)");
    };
  }

  /** A 32-bit unsigned value, decimal or 0x-hex. */
  static long u32(String option, String v) {
    long x;
    try {
      x = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": " + v + " (expected: a number, decimal or 0x-hex)", e);
    }
    if (x < 0 || x > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(option + ": " + v + " (expected: 0..4294967295, 32 bits)");
    }
    return x;
  }
}
