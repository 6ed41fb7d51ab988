package org.ddsec.server.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain (leaf first). {@link #toString()} shows the subject
 * only. Keystores made from it live in memory unless written out with {@link #toPkcs12}.
 */
public record Credential(PrivateKey privateKey, List<X509Certificate> chain) {

  /** The alias of the key entry in keystores made by {@link #keyStore}. */
  public static final String ALIAS = "ddsec";

  public Credential {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("certificate chain: empty (expected: leaf first)");
    }
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  /** An in-memory PKCS#12 keystore with one key entry protected by {@code password}. */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(ALIAS, privateKey, password, chain.toArray(new X509Certificate[0]));
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new AssertionError("an in-memory PKCS#12 keystore cannot fail", e);
    }
  }

  /** The PKCS#12 file bytes of {@link #keyStore}, for handing a credential to another process. */
  public byte[] toPkcs12(char[] password) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      keyStore(password).store(out, password);
      return out.toByteArray();
    } catch (GeneralSecurityException | IOException e) {
      throw new AssertionError("writing an in-memory PKCS#12 keystore cannot fail", e);
    }
  }

  /** Reads a PKCS#12 keystore with one key entry (as written by {@link #toPkcs12}). */
  public static Credential fromPkcs12(byte[] pkcs12, char[] password) throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new java.io.ByteArrayInputStream(pkcs12), password);
    for (String alias : java.util.Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias)) {
        PrivateKey k = (PrivateKey) ks.getKey(alias, password);
        java.security.cert.Certificate[] c = ks.getCertificateChain(alias);
        X509Certificate[] x = new X509Certificate[c.length];
        for (int i = 0; i < c.length; i++) {
          x[i] = (X509Certificate) c[i];
        }
        return new Credential(k, List.of(x));
      }
    }
    throw new GeneralSecurityException("PKCS#12: no key entry (expected: one)");
  }

  @Override
  public String toString() {
    return "Credential[" + certificate().getSubjectX500Principal().getName() + ", private key hidden]";
  }
}
