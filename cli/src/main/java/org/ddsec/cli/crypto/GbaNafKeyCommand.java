package org.ddsec.cli.crypto;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.GbaKeys;
import org.ddsec.crypto.gba.NafId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./ddsec crypto gba-naf-key}: Ks_NAF = KDF(Ks, "gba-me", RAND, IMPI, NAF_Id), TS 33.220 Annex B.3. */
@Command(
    name = "gba-naf-key",
    mixinStandardHelpOptions = true,
    description = {
      "GBA NAF key (3GPP TS 33.220 Annex B.3): prints ks_naf = HMAC-SHA-256(Ks, 0x01 || \"gba-me\" || L0 || RAND || L1 || IMPI || L2 || NAF_Id || L3),",
      "with NAF_Id = FQDN || Ua security protocol identifier (01 00 00 00 06 for the TS 33.328 KMS)."
    })
public final class GbaNafKeyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--ks", required = true, paramLabel = "HEX", description = "Ks = CK || IK, 32 bytes.")
  String ks;

  @Option(names = "--rand", required = true, paramLabel = "HEX", description = "RAND of the bootstrapping, 16 bytes.")
  String rand;

  @Option(names = "--impi", required = true, paramLabel = "S", description = "IMPI, e.g. alice@ims.example.org.")
  String impi;

  @Option(names = "--naf-fqdn", required = true, paramLabel = "S", description = "FQDN of the NAF, e.g. kms.ims.example.org.")
  String nafFqdn;

  @Option(names = "--ua-id", paramLabel = "HEX", defaultValue = "0100000006",
      description = "Ua security protocol identifier, 5 bytes (default: ${DEFAULT-VALUE}, TS 33.328 KMS).")
  String uaId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      byte[] r = MilenageCommand.exact("--rand", rand, 16);
      byte[] ua = MilenageCommand.exact("--ua-id", uaId, 5);
      if (impi.isEmpty() || nafFqdn.isEmpty()) {
        throw new IllegalArgumentException("--impi and --naf-fqdn: empty (expected: a name)");
      }
      try (SecretBytes key = CryptoHex.parseSecret("--ks", ks, 32);
          SecretBytes naf = GbaKeys.ksNaf(key, r, impi, new NafId(nafFqdn, ua))) {
        out.println("ks_naf=" + naf.unsafeHex());
      }
    } catch (IllegalArgumentException e) {
      err.println("ddsec crypto gba-naf-key: " + e.getMessage());
      return 2;
    }
    out.flush();
    return 0;
  }
}
