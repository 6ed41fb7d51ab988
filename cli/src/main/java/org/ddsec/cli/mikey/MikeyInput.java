package org.ddsec.cli.mikey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns what a user pastes into MIKEY bytes: base64 (RFC 4567 uses standard base64), hex, an SDP
 * {@code a=key-mgmt:mikey <base64>} line (or a whole SDP body containing one), or {@code @file}
 * whose content is any of these or the raw binary message.
 */
final class MikeyInput {

  private MikeyInput() {}

  /** Thrown for input that is none of the accepted forms; the message says why. */
  static final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    BadInputException(String msg) {
      super(msg);
    }
  }

  static byte[] parse(String arg) throws BadInputException {
    if (arg.startsWith("@")) {
      Path p = Path.of(arg.substring(1));
      byte[] content;
      try {
        content = Files.readAllBytes(p);
      } catch (IOException e) {
        throw new BadInputException("cannot read " + p + ": " + e.getMessage());
      }
      if (!looksLikeText(content)) {
        return content;
      }
      return parseText(new String(content, StandardCharsets.US_ASCII));
    }
    return parseText(arg);
  }

  private static boolean looksLikeText(byte[] b) {
    for (byte x : b) {
      if ((x < 0x20 || x > 0x7E) && x != '\n' && x != '\r' && x != '\t') {
        return false;
      }
    }
    return b.length > 0;
  }

  static byte[] parseText(String text) throws BadInputException {
    String t = text.strip();
    int km = t.indexOf("a=key-mgmt:");
    if (km >= 0) {
      String line = t.substring(km + "a=key-mgmt:".length()).lines().findFirst().orElse("").strip();
      int sp = line.indexOf(' ');
      String protocol = sp < 0 ? line : line.substring(0, sp);
      if (!protocol.equals("mikey")) {
        throw new BadInputException("a=key-mgmt: protocol \"" + protocol + "\" (expected: mikey)");
      }
      return base64(line.substring(sp + 1).strip());
    }
    String compact = t.replaceAll("\\s+", "");
    if (compact.isEmpty()) {
      throw new BadInputException("empty input (expected: base64, hex, an a=key-mgmt:mikey line or @file)");
    }
    if (compact.matches("(?i)(0x)?[0-9a-f]+") && compact.length() % 2 == 0 && !compact.matches(".*[g-z].*")) {
      String h = compact.toLowerCase(Locale.ROOT).startsWith("0x") ? compact.substring(2) : compact;
      // Hex and base64 overlap only for strings of [0-9a-fA-F]; MIKEY always starts 0x01 ("01" in hex, "AQ" in base64).
      if (h.startsWith("01")) {
        return hex(h);
      }
    }
    return base64(compact);
  }

  private static byte[] base64(String s) throws BadInputException {
    try {
      return Base64.getDecoder().decode(s.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("not base64 or hex: " + e.getMessage());
    }
  }

  private static byte[] hex(String h) {
    byte[] out = new byte[h.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
