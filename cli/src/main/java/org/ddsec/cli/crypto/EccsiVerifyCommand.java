package org.ddsec.cli.crypto;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.eccsi.Eccsi;
import org.ddsec.crypto.ibe.eccsi.EccsiKpak;
import org.ddsec.crypto.ibe.eccsi.EccsiParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./ddsec crypto eccsi-verify}: checks an ECCSI signature (RFC 6507 §5.2.2, P-256) against a KPAK and a signer identity. */
@Command(
    name = "eccsi-verify",
    mixinStandardHelpOptions = true,
    description = {
      "ECCSI signature check (RFC 6507 §5.2.2, P-256/SHA-256), e.g. of a MIKEY-SAKKE SIGN payload:",
      "prints valid=true, or the reason on stderr with exit code 1 (2 for malformed arguments).",
      "The signer identity is \"YYYY-MM\\0\" + URI + \"\\0\" (RFC 6509 §3.2), from --period and --uri."
    })
public final class EccsiVerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--kpak", required = true, paramLabel = "HEX", description = "KPAK, 04 || x || y (65 bytes).")
  String kpak;

  @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "Key period of the signer identity.")
  String period;

  @Option(names = "--uri", required = true, paramLabel = "URI", description = "Signer URI, e.g. tel:+447700900123.")
  String uri;

  @Option(names = "--message", required = true, paramLabel = "HEX", description = "The signed bytes.")
  String message;

  @Option(names = "--signature", required = true, paramLabel = "HEX", description = "r || s || PVT (129 bytes).")
  String signature;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EccsiKpak k;
    Identity id;
    Bytes m;
    Bytes sig;
    try {
      id = Identity.of(KeyPeriod.parse(period), uri);
      m = Bytes.of(CryptoHex.parse("--message", message));
      sig = Bytes.of(CryptoHex.parse("--signature", signature));
      k = EccsiKpak.decode(EccsiParameters.p256(), Bytes.of(CryptoHex.parse("--kpak", kpak)));
    } catch (IllegalArgumentException | IbeException e) {
      err.println("ddsec crypto eccsi-verify: " + e.getMessage());
      return 2;
    }
    try {
      Eccsi.verify(k, id, m, sig);
    } catch (IbeException e) {
      err.println("ddsec crypto eccsi-verify: " + e.reason() + ": " + e.getMessage());
      return 1;
    }
    out.println("valid=true");
    out.flush();
    return 0;
  }
}
