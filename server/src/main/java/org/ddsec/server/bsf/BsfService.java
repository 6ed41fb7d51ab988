package org.ddsec.server.bsf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.ddsec.core.RandomSource;
import org.ddsec.protocol.gba.Bsf;
import org.ddsec.server.store.JdbcStores;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running BSF assembled from a {@link BsfConfig}: JDBC stores (H2 file or PostgreSQL), a
 * throw-away CA with the BSF's server certificate and one client certificate per authorised
 * NAF, and the HTTPS listeners. With {@code tls.out-dir} set it writes {@code ca.pem} (what UEs
 * and NAFs trust) and {@code <naf-fqdn>.p12} (each NAF's client credential, PKCS#12 with {@code
 * tls.out-password}) there, so other processes can connect.
 */
public final class BsfService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BsfService.class);

  private final JdbcStores stores;
  private final BsfServer server;
  private final CertificateAuthority ca;

  private BsfService(JdbcStores stores, BsfServer server, CertificateAuthority ca) {
    this.stores = stores;
    this.server = server;
    this.ca = ca;
  }

  /** Starts the BSF with the system clock, a {@link SecureRandom} and a fresh CA. */
  public static BsfService start(BsfConfig config) throws Exception {
    return start(config, Clock.systemUTC(), CertificateAuthority.generate("ddsec test-bed CA"));
  }

  /** Starts the BSF with {@code clock} and certificates from {@code ca}. */
  public static BsfService start(BsfConfig config, Clock clock, CertificateAuthority ca) throws Exception {
    Objects.requireNonNull(config, "config");
    JdbcStores stores = JdbcStores.open(config.dbUrl(), config.dbUser(), config.dbPassword());
    try {
      Bsf bsf = new Bsf(config.settings(), stores.subscribers(), stores.sessions(), clock, RandomSource.secure());
      Credential serverCred = ca.issueServer(config.settings().bsfHost(), Duration.ofDays(30), config.tlsAltNames().toArray(new String[0]));
      SSLContext tls = TlsContexts.server(serverCred, ca.certificate());
      if (config.tlsOutDir() != null) {
        // before listening, so that a peer that sees the port open also finds the files
        writeTlsFiles(ca, config.tlsOutDir(), config.tlsOutPassword().toCharArray(), config.settings());
      }
      BsfServer server = BsfServer.start(bsf, config.listeners(), tls, tls);
      return new BsfService(stores, server, ca);
    } catch (Exception | Error e) {
      stores.close();
      throw e;
    }
  }

  private static void writeTlsFiles(CertificateAuthority ca, Path dir, char[] password, Bsf.Settings settings) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("ca.pem"), TlsContexts.pem(ca.certificate()), StandardCharsets.US_ASCII);
    for (String naf : settings.authorisedNafs()) {
      Credential c = ca.issueClient(naf, Duration.ofDays(30));
      Path p = dir.resolve(naf + ".p12");
      Files.write(p, c.toPkcs12(password));
      try {
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
    }
    LOG.info("wrote {} (CA) and client credentials for NAFs {} to {}", "ca.pem", settings.authorisedNafs(), dir);
  }

  public BsfServer server() {
    return server;
  }

  public JdbcStores stores() {
    return stores;
  }

  public CertificateAuthority ca() {
    return ca;
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      stores.close();
    }
  }
}
