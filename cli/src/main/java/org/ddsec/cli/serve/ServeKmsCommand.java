package org.ddsec.cli.serve;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import org.ddsec.core.RandomSource;
import org.ddsec.server.config.Props;
import org.ddsec.server.kms.KmsConfig;
import org.ddsec.server.kms.KmsService;
import org.ddsec.server.store.StoreException;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./ddsec serve kms --config FILE}: the KMS service until interrupted (docs/services.md). */
@Command(
    name = "kms",
    mixinStandardHelpOptions = true,
    description = {
      "Run the KMS: POST /kms/v1/mikey over HTTPS (mailboxes by mutual TLS plus Km, users by their GBA key over Zn).",
      "Prints kms= and metrics= lines, then serves until interrupted (Ctrl-C)."
    })
public final class ServeKmsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "KMS configuration (Java properties, see docs/services.md).")
  Path config;

  @Option(names = "--run-for", hidden = true, paramLabel = "DURATION", description = "Stop after this long (tests).")
  Duration runFor;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KmsConfig c;
    try {
      c = KmsConfig.load(config);
    } catch (Props.ConfigException e) {
      err.println("ddsec serve kms: " + e.getMessage());
      return 2;
    }
    KmsConfig.TlsFiles f = c.tls();
    if (f.znCredential() == null) {
      err.println("ddsec serve kms: " + config + ": zn.credential: missing (expected: the KMS's client credential for Zn, e.g. the BSF's "
          + c.nafFqdn() + ".p12)");
      return 2;
    }
    KmsService.Tls tls;
    try {
      List<X509Certificate> trust = new ArrayList<>(ServeTls.trust(f.trust()));
      Credential server;
      if (f.credential() == null) {
        CertificateAuthority ca = CertificateAuthority.generate("ddsec KMS CA");
        trust.add(ca.certificate());
        server = ServeTls.server(null, null, ca, c.nafFqdn(), f.altNames());
        if (f.outDir() != null) {
          ServeTls.writeCa(ca, f.outDir(), "kms-ca.pem");
          for (KmsConfig.Mailbox m : c.mailboxes()) {
            ServeTls.writeClient(ca, f.outDir(), m.tlsIdentity(), f.credentialPassword());
          }
          out.println("tls=" + f.outDir());
        }
      } else {
        server = ServeTls.credential(f.credential(), f.credentialPassword());
      }
      X509Certificate[] anchors = ServeTls.array(trust);
      SSLContext zn = TlsContexts.client(ServeTls.credential(f.znCredential(), f.znCredentialPassword()), anchors);
      tls = new KmsService.Tls(TlsContexts.server(server, anchors), zn);
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      err.println("ddsec serve kms: TLS files: " + e.getMessage());
      return 1;
    }
    KmsService service;
    try {
      service = KmsService.start(c, tls, Clock.systemUTC(), RandomSource.secure());
    } catch (StoreException e) {
      err.println("ddsec serve kms: replay database: " + e.getMessage());
      return 1;
    } catch (java.io.IOException e) {
      err.println("ddsec serve kms: cannot listen: " + e.getMessage());
      return 1;
    }
    return ServeLoop.run(service, "kms", out, runFor, () -> {
      out.println("kms=" + service.uri().resolve(org.ddsec.server.kms.KmsServer.PATH));
      out.println("metrics=" + service.uri().resolve("/metrics"));
    });
  }
}
