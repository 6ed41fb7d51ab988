package org.ddsec.server.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * SSLContext builders over in-memory keystores (TLS 1.3 and 1.2 as the JDK negotiates). A server
 * context presents a {@link Credential}; a client context trusts given CA certificates and may
 * present a client credential (mutual TLS).
 */
public final class TlsContexts {

  private static final char[] IN_MEMORY = "in-memory".toCharArray();

  private TlsContexts() {}

  /** A server context presenting {@code credential}; client certificates, if requested, must chain to {@code trusted}. */
  public static SSLContext server(Credential credential, X509Certificate... trusted) {
    return context(credential, trusted);
  }

  /** A client context trusting {@code trusted}, presenting {@code credential} if not null. */
  public static SSLContext client(Credential credential, X509Certificate... trusted) {
    return context(credential, trusted);
  }

  /** An in-memory trust store holding {@code certificates}. */
  public static KeyStore trustStore(X509Certificate... certificates) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      for (int i = 0; i < certificates.length; i++) {
        ks.setCertificateEntry("ca-" + i, certificates[i]);
      }
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new AssertionError("an in-memory trust store cannot fail", e);
    }
  }

  /** PEM encoding of a certificate. */
  public static String pem(X509Certificate c) {
    try {
      return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
          .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new AssertionError("a generated certificate encodes", e);
    }
  }

  /** Reads the first PEM (or DER) certificate of {@code data}. */
  public static X509Certificate readCertificate(byte[] data) throws CertificateException {
    return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(data));
  }

  private static SSLContext context(Credential credential, X509Certificate[] trusted) {
    try {
      KeyManagerFactory kmf = null;
      if (credential != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(credential.keyStore(IN_MEMORY), IN_MEMORY);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore(trusted));
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS context", e);
    }
  }
}
