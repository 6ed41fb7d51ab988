package org.ddsec.cli.serve;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.ddsec.server.ims.ImsCore;
import org.ddsec.server.ims.ImsCoreConfig;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.sip.SipTraceEvent;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ddsec serve ims --config FILE}: the IMS core (registrar and proxy, UDP and TLS) until
 * interrupted. Prints {@code udp=}, {@code tls=} and (with a throw-away CA) {@code ca=} lines.
 */
@Command(
    name = "ims",
    mixinStandardHelpOptions = true,
    description = {
      "Run the IMS core: SIP registrar and proxy over UDP and TLS; calls for unregistered or silent users go to their mailbox.",
      "Configuration keys: docs/sip.md. Prints udp=, tls= (and ca=) lines, then serves until interrupted."
    })
public final class ServeImsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "IMS core configuration (Java properties, see docs/sip.md).")
  Path config;

  @Option(names = "--trace", description = "Print one line per SIP message sent or received.")
  boolean trace;

  @Option(names = "--run-for", hidden = true, paramLabel = "DURATION", description = "Stop after this long (tests, demos); ISO-8601, e.g. PT5S.")
  String runFor;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ImsCoreConfig c;
    Duration limit = null;
    try {
      c = ImsCoreConfig.load(config);
      if (runFor != null) {
        limit = Duration.parse(runFor);
      }
    } catch (ImsCoreConfig.ConfigException e) {
      err.println("ddsec serve ims: " + e.getMessage());
      return 2;
    } catch (java.time.format.DateTimeParseException e) {
      err.println("ddsec serve ims: --run-for: " + runFor + " (expected: an ISO-8601 duration such as PT5S)");
      return 2;
    }
    SSLContext server = null;
    SSLContext client = null;
    Path caFile = null;
    try {
      ImsCoreConfig.TlsFiles f = c.tlsFiles();
      if (f != null && f.keystore() != null) {
        Credential cred = Credential.fromPkcs12(Files.readAllBytes(f.keystore()), f.keystorePassword().toCharArray());
        X509Certificate[] trust = f.trust() == null ? new X509Certificate[] {cred.chain().get(cred.chain().size() - 1)} : readCertificates(f.trust());
        server = TlsContexts.server(cred, trust);
        client = TlsContexts.client(null, trust);
      } else if (c.tls() != null) {
        CertificateAuthority ca = CertificateAuthority.generate("ddsec ims-core CA");
        List<String> names = f == null ? List.of("localhost", "127.0.0.1") : f.altNames();
        String host = c.advertisedHost() != null ? c.advertisedHost() : c.tls().getAddress().getHostAddress();
        Credential cred = ca.issueServer(host, Duration.ofDays(30), names.toArray(new String[0]));
        X509Certificate[] trust = f != null && f.trust() != null ? concat(ca.certificate(), readCertificates(f.trust())) : new X509Certificate[] {ca.certificate()};
        server = TlsContexts.server(cred, ca.certificate());
        client = TlsContexts.client(null, trust);
        if (f != null && f.outDir() != null) {
          Files.createDirectories(f.outDir());
          caFile = f.outDir().resolve("ca.pem");
          Files.writeString(caFile, TlsContexts.pem(ca.certificate()), StandardCharsets.US_ASCII); // before listening
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      err.println("ddsec serve ims: TLS key material: " + e.getMessage());
      return 1;
    }
    SipObserver observer = trace ? new SipObserver() {
      @Override
      public void onMessage(SipTraceEvent e) {
        synchronized (out) {
          out.println(e + (e.bodySummary().isEmpty() ? "" : "  [" + e.bodySummary() + "]"));
          out.flush();
        }
      }

      @Override
      public void onRefused(String stack, org.ddsec.protocol.sip.Transport t, String remote, String reason, int answered) {
        synchronized (out) {
          out.println(stack + " REFUSED " + t + " " + remote + " " + (answered > 0 ? answered : "dropped") + ": " + reason);
          out.flush();
        }
      }
    } : SipObserver.NONE;
    ImsCore core;
    try {
      core = ImsCore.start(c, server, client, observer);
    } catch (IOException e) {
      err.println("ddsec serve ims: " + (e instanceof BindException ? "cannot listen: " : "") + e.getMessage());
      return 1;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      core.close();
    }, "ims-core-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("udp=" + core.udpUri());
    core.tlsUri().ifPresent(u -> out.println("tls=" + u));
    if (caFile != null) {
      out.println("ca=" + caFile);
    }
    out.flush();
    if (limit != null) {
      stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
      Runtime.getRuntime().removeShutdownHook(hook);
      core.close();
    } else {
      stop.await();
    }
    return 0;
  }

  private static X509Certificate[] readCertificates(Path pem) throws IOException, CertificateException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    List<X509Certificate> l = new ArrayList<>();
    int from = 0;
    while (true) {
      int b = text.indexOf("-----BEGIN CERTIFICATE-----", from);
      if (b < 0) {
        break;
      }
      int e = text.indexOf("-----END CERTIFICATE-----", b);
      if (e < 0) {
        throw new CertificateException(pem + ": unterminated PEM certificate");
      }
      e += "-----END CERTIFICATE-----".length();
      l.add(TlsContexts.readCertificate(text.substring(b, e).getBytes(StandardCharsets.US_ASCII)));
      from = e;
    }
    if (l.isEmpty()) {
      throw new CertificateException(pem + ": no PEM certificate (expected: -----BEGIN CERTIFICATE----- …)");
    }
    return l.toArray(new X509Certificate[0]);
  }

  private static X509Certificate[] concat(X509Certificate a, X509Certificate[] rest) {
    X509Certificate[] out = new X509Certificate[rest.length + 1];
    out[0] = a;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
