package org.ddsec.cli.gba;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.ddsec.cli.crypto.CryptoHex;
import org.ddsec.client.gba.UeGbaClient;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.crypto.milenage.Milenage;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.gba.GbaClientException;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.Usim;
import org.ddsec.protocol.gba.UsimSqnArray;
import org.ddsec.server.bsf.BsfConfig;
import org.ddsec.server.tls.TlsContexts;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec ue ...}: the UE — GBA bootstrapping with an emulated USIM, and the UE client of
 * issue 6 against running services (register, call, inbox, fetch, play; docs/ue.md).
 */
@Command(name = "ue", mixinStandardHelpOptions = true,
    description = "UE tools: GBA bootstrapping with an emulated USIM; register, call, inbox, fetch, play against running services.",
    subcommands = {UeCommand.Bootstrap.class, UeRegisterCommand.class, UeCallCommand.class, UeInboxCommand.class, UeFetchCommand.class,
        UePlayCommand.class})
public final class UeCommand {

  @Command(
      name = "bootstrap",
      mixinStandardHelpOptions = true,
      description = {
        "Bootstrap with the BSF over HTTPS (Digest AKA, Milenage USIM); prints btid=, lifetime= and, with --show-naf-key,",
        "ks_naf= = KDF(Ks, \"gba-me\", RAND, IMPI, FQDN || Ua id) for cross-checks against the NAF's Zn answer."
      })
  static final class Bootstrap implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--impi", required = true, paramLabel = "IMPI", description = "Private identity (Digest username).")
    String impi;

    @Option(names = "--k", required = true, paramLabel = "HEX", description = "USIM key K, 16 bytes.")
    String k;

    static final class Operator {
      @Option(names = "--opc", paramLabel = "HEX", description = "OPc, 16 bytes.")
      String opc;

      @Option(names = "--op", paramLabel = "HEX", description = "OP, 16 bytes.")
      String op;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Operator operator;

    @Option(names = "--config", paramLabel = "FILE", description = "BSF configuration: gives the Ub address and tls.out-dir/ca.pem.")
    Path config;

    @Option(names = "--bsf", paramLabel = "URL", description = "Ub URL (default: from --config, else https://127.0.0.1:8443/).")
    URI bsf;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM certificate the BSF's must chain to (default: from --config, else bsf-tls/ca.pem).")
    Path ca;

    @Option(names = "--sqn-ms", paramLabel = "SEQ", defaultValue = "0",
        description = "Highest SEQ the emulated USIM has accepted (default: ${DEFAULT-VALUE}; larger than the HSS's forces AUTS re-sync).")
    long sqnMs;

    @Option(names = "--show-naf-key", paramLabel = "FQDN", description = "Also print Ks_NAF for this NAF FQDN.")
    String nafFqdn;

    @Option(names = "--ua-id", paramLabel = "HEX", defaultValue = "0100000006",
        description = "Ua security protocol identifier for --show-naf-key (default: ${DEFAULT-VALUE}, TS 33.328 KMS).")
    String uaId;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      URI ub;
      X509Certificate trust;
      byte[] ua;
      SecretBytes key;
      SecretBytes opc;
      try {
        ub = bsf;
        Path caFile = ca;
        if (config != null) {
          BsfConfig c = GbaCli.config(config);
          if (ub == null) {
            ub = URI.create("https://" + bracket(c.listeners().ubHost()) + ":" + c.listeners().ubPort() + "/");
          }
          if (caFile == null && c.tlsOutDir() != null) {
            caFile = c.tlsOutDir().resolve("ca.pem");
          }
        }
        ub = ub == null ? URI.create("https://127.0.0.1:8443/") : ub;
        if (!"https".equals(ub.getScheme())) {
          throw new GbaCli.UsageException("--bsf: " + ub + " (expected: an https:// URL)");
        }
        caFile = caFile == null ? Path.of("bsf-tls", "ca.pem") : caFile;
        try {
          trust = TlsContexts.readCertificate(Files.readAllBytes(caFile));
        } catch (IOException | CertificateException e) {
          throw new GbaCli.UsageException("--ca: " + caFile + ": not a readable PEM certificate (bsf serve writes it to tls.out-dir/ca.pem)");
        }
        ua = CryptoHex.parse("--ua-id", uaId);
        if (ua.length != 5) {
          throw new GbaCli.UsageException("--ua-id: " + ua.length + " bytes (expected: 5)");
        }
        if (sqnMs < 0 || sqnMs > Sqn.MAX_SEQ) {
          throw new GbaCli.UsageException("--sqn-ms: " + sqnMs + " (expected: 0.." + Sqn.MAX_SEQ + ")");
        }
        key = CryptoHex.parseSecret("--k", k, 16);
        if (operator.op != null) {
          try (SecretBytes op = CryptoHex.parseSecret("--op", operator.op, 16)) {
            opc = Milenage.computeOpc(key, op);
          }
        } else {
          opc = CryptoHex.parseSecret("--opc", operator.opc, 16);
        }
      } catch (GbaCli.UsageException | IllegalArgumentException e) {
        err.println("ddsec ue bootstrap: " + e.getMessage());
        return 2;
      }
      UeGbaClient client = new UeGbaClient(ub, TlsContexts.client(null, trust), Duration.ofSeconds(10), RandomSource.secure());
      try (Usim usim = new Usim(key, opc, sqnMs == 0 ? new UsimSqnArray() : UsimSqnArray.startingAt(Sqn.of(sqnMs, 0)));
          Bootstrapped b = client.bootstrap(impi, usim)) {
        out.println("btid=" + b.bTid());
        out.println("lifetime=" + b.lifetime());
        if (nafFqdn != null) {
          NafId naf = new NafId(nafFqdn, ua);
          try (SecretBytes ksNaf = b.ksNaf(naf)) {
            out.println("naf_id=" + naf);
            out.println("ks_naf=" + ksNaf.unsafeHex());
          }
        }
      } catch (GbaClientException e) {
        err.println("ddsec ue bootstrap: " + e.reason() + ": " + e.getMessage());
        return 1;
      } finally {
        key.close();
        opc.close();
      }
      out.flush();
      return 0;
    }

    private static String bracket(String h) {
      return h.contains(":") ? "[" + h + "]" : h;
    }
  }
}
