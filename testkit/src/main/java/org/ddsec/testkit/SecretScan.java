package org.ddsec.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * "No key material in the logs": the forms a secret would take in text — hex in either case,
 * base64, and the hex of its first 8 octets (a truncated dump) — and a search of lines for any of
 * them. A hit names the line's number and which secret (by its index), never the secret itself.
 */
public final class SecretScan {
  private SecretScan() {}

  /** The textual forms of {@code secret} that a leak would show. */
  public static List<String> forms(byte[] secret) {
    String hex = Hex.encode(secret);
    List<String> out = new ArrayList<>(List.of(hex, hex.toUpperCase(Locale.ROOT), Base64.getEncoder().encodeToString(secret)));
    if (secret.length > 8) {
      out.add(Hex.encode(Arrays.copyOf(secret, 8)));
    }
    return out;
  }

  /** The first line of {@code lines} holding a form of one of {@code secrets}, described without the secret. */
  public static Optional<String> firstHit(Collection<String> lines, List<byte[]> secrets) {
    List<List<String>> forms = secrets.stream().map(SecretScan::forms).toList();
    int n = 0;
    for (String line : lines) {
      n++;
      for (int s = 0; s < forms.size(); s++) {
        for (String f : forms.get(s)) {
          if (line.contains(f)) {
            return Optional.of("line " + n + " holds secret #" + s + " (" + (f.length() == 16 && secrets.get(s).length > 8 ? "8-octet prefix" : "whole")
                + "): " + line.substring(0, Math.min(60, line.indexOf(f))) + "…");
          }
        }
      }
    }
    return Optional.empty();
  }
}
