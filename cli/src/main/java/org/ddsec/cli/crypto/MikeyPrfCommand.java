package org.ddsec.cli.crypto;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyPrf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec crypto mikey-prf}: one MIKEY PRF output, {@code PRF(inkey, label)} truncated to
 * {@code --bits} (RFC 3830 §4.1.2, RFC 6043 §6.1), printed as {@code out=<hex>}.
 */
@Command(
    name = "mikey-prf",
    mixinStandardHelpOptions = true,
    description = {
      "MIKEY PRF(inkey, label) of RFC 3830 §4.1.2 / RFC 6043 §6.1; prints out=<hex>.",
      "The label is the whole PRF label (e.g. constant || cs_id || csb_id || RAND), in hex."
    })
public final class MikeyPrfCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--prf", required = true, paramLabel = "mikey-1|hmac-sha-256",
      description = "mikey-1 (code 0, HMAC-SHA-1) or hmac-sha-256 (code 1, PRF-HMAC-SHA-256).")
  String prf;

  @Option(names = "--inkey", required = true, paramLabel = "HEX", description = "The input key (at least one byte).")
  String inkey;

  @Option(names = "--label", required = true, paramLabel = "HEX", description = "The PRF label (may be empty: --label '').")
  String label;

  @Option(names = "--bits", required = true, paramLabel = "N", description = "outkey_len in bits: a positive multiple of 8.")
  int bits;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      MikeyPrf p = parsePrf(prf);
      byte[] labelBytes = CryptoHex.parse("--label", label);
      if (bits <= 0 || bits % 8 != 0) {
        throw new IllegalArgumentException("--bits: " + bits + " (expected: a positive multiple of 8)");
      }
      try (SecretBytes key = CryptoHex.parseSecret("--inkey", inkey);
          SecretBytes result = p.derive(key, labelBytes, bits)) {
        out.println("out=" + result.unsafeHex());
      }
    } catch (IllegalArgumentException e) {
      err.println("ddsec crypto mikey-prf: " + e.getMessage());
      return 2;
    }
    out.flush();
    return 0;
  }

  private static MikeyPrf parsePrf(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "mikey-1":
        return MikeyPrf.MIKEY_1;
      case "hmac-sha-256":
      case "prf-hmac-sha-256":
        return MikeyPrf.PRF_HMAC_SHA_256;
      default:
        throw new IllegalArgumentException("--prf: '" + s + "' (expected: mikey-1 or hmac-sha-256)");
    }
  }
}
