package org.ddsec.cli.serve;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.ddsec.core.RandomSource;
import org.ddsec.server.config.Props;
import org.ddsec.server.mailbox.MailboxConfig;
import org.ddsec.server.mailbox.MailboxService;
import org.ddsec.server.store.StoreException;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec serve mailbox --config FILE}: the mailbox service (its recipients' HTTPS
 * interface; deposits arrive through the SIP front, which the IMS command wires to it) until
 * interrupted.
 */
@Command(
    name = "mailbox",
    mixinStandardHelpOptions = true,
    description = {
      "Run the mailbox service: deposits (via its SIP front), SRTP storage, the recipients' HTTPS inbox (TS 33.222 Digest).",
      "Prints mailbox= and metrics= lines, then serves until interrupted (Ctrl-C)."
    })
public final class ServeMailboxCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "Mailbox configuration (Java properties, see docs/services.md).")
  Path config;

  @Option(names = "--run-for", hidden = true, paramLabel = "DURATION", description = "Stop after this long (tests).")
  Duration runFor;

  /** The running service, for a SIP front started in the same process. */
  MailboxService service;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MailboxConfig c;
    try {
      c = MailboxConfig.load(config);
    } catch (Props.ConfigException e) {
      err.println("ddsec serve mailbox: " + e.getMessage());
      return 2;
    }
    MailboxConfig.TlsFiles f = c.tls();
    if (f.clientCredential() == null) {
      err.println("ddsec serve mailbox: " + config + ": tls.client-credential: missing (expected: the mailbox's client credential for the KMS"
          + " and Zn, naming " + c.nafFqdn() + ")");
      return 2;
    }
    MailboxService.Tls tls;
    try {
      List<X509Certificate> trust = new ArrayList<>(ServeTls.trust(f.trust()));
      Credential server;
      if (f.credential() == null) {
        CertificateAuthority ca = CertificateAuthority.generate("ddsec mailbox CA");
        server = ServeTls.server(null, null, ca, c.nafFqdn(), f.altNames());
        trust.add(ca.certificate());
        if (f.outDir() != null) {
          ServeTls.writeCa(ca, f.outDir(), "mailbox-ca.pem");
          out.println("tls=" + f.outDir());
        }
      } else {
        server = ServeTls.credential(f.credential(), f.credentialPassword());
      }
      X509Certificate[] anchors = ServeTls.array(trust);
      SSLContext client = TlsContexts.client(ServeTls.credential(f.clientCredential(), f.clientCredentialPassword()), anchors);
      tls = new MailboxService.Tls(TlsContexts.server(server, anchors), client, client);
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      err.println("ddsec serve mailbox: TLS files: " + e.getMessage());
      return 1;
    }
    try {
      service = MailboxService.start(c, tls, Clock.systemUTC(), RandomSource.secure());
    } catch (StoreException e) {
      err.println("ddsec serve mailbox: database: " + e.getMessage());
      return 1;
    } catch (java.io.IOException e) {
      err.println("ddsec serve mailbox: " + e.getMessage());
      return 1;
    }
    MailboxService s = service;
    return ServeLoop.run(s, "mailbox", out, runFor, () -> {
      out.println("mailbox=" + s.uri().resolve("/mailbox/v1/messages"));
      out.println("metrics=" + s.uri().resolve("/metrics"));
    });
  }
}
