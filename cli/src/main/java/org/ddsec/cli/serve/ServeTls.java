package org.ddsec.cli.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;

/**
 * TLS files of {@code ./ddsec serve kms|mailbox}: PKCS#12 credentials, PEM trust anchors, and a
 * throw-away CA when no server credential is configured (its {@code <name>-ca.pem} and the client
 * credentials it issues are written to the out-dir, as {@code bsf serve} does).
 */
final class ServeTls {

  private ServeTls() {}

  static Credential credential(Path p12, String password) throws IOException, GeneralSecurityException {
    return Credential.fromPkcs12(Files.readAllBytes(p12), password.toCharArray());
  }

  static List<X509Certificate> trust(List<Path> pems) throws IOException, GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    for (Path p : pems) {
      out.add(TlsContexts.readCertificate(Files.readAllBytes(p)));
    }
    return out;
  }

  /** A server credential: the configured one, or one issued by {@code ca} for {@code host} and {@code alt}. */
  static Credential server(Path p12, String password, CertificateAuthority ca, String host, List<String> alt)
      throws IOException, GeneralSecurityException {
    return p12 != null ? credential(p12, password) : ca.issueServer(host, Duration.ofDays(30), alt.toArray(new String[0]));
  }

  /** Writes {@code ca} as PEM to {@code dir/name}. */
  static Path writeCa(CertificateAuthority ca, Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path p = dir.resolve(name);
    Files.writeString(p, TlsContexts.pem(ca.certificate()), StandardCharsets.US_ASCII);
    return p;
  }

  /** Writes a client credential issued by {@code ca} for {@code identity} to {@code dir/<identity>.p12} (owner-only). */
  static Path writeClient(CertificateAuthority ca, Path dir, String identity, String password) throws IOException {
    Files.createDirectories(dir);
    Path p = dir.resolve(identity + ".p12");
    Files.write(p, ca.issueClient(identity, Duration.ofDays(30)).toPkcs12(password.toCharArray()));
    try {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    return p;
  }

  static X509Certificate[] array(List<X509Certificate> l) {
    return l.toArray(new X509Certificate[0]);
  }
}
