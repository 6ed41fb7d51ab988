package org.ddsec.server.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for ddsec's test beds and demo services: an ECDSA P-256
 * root generated at start (nothing touches disk), which issues server certificates for a host
 * name (TLS server auth, SAN dNSName/iPAddress) and client certificates for an identity (TLS
 * client auth, CN and SAN dNSName = the identity, e.g. a NAF's FQDN). Every service of the
 * networked set-up uses one of these, so each peer trusts exactly the CA of its test bed.
 *
 * <p>Not a production CA: no revocation, no persistence, keys in memory only. Thread-safe.
 */
public final class CertificateAuthority {

  private static final String SIG = "SHA256withECDSA";
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final Clock clock;
  private final SecureRandom random;
  private final KeyPair keyPair;
  private final X509Certificate certificate;
  private final X500Name name;

  private CertificateAuthority(Clock clock, SecureRandom random, KeyPair keyPair, X509Certificate certificate, X500Name name) {
    this.clock = clock;
    this.random = random;
    this.keyPair = keyPair;
    this.certificate = certificate;
    this.name = name;
  }

  /** A new root CA "CN={@code commonName}, O=ddsec test bed", valid for {@code validity} from now. */
  public static CertificateAuthority generate(String commonName, Duration validity, Clock clock, SecureRandom random) {
    Objects.requireNonNull(commonName, "commonName");
    KeyPair kp = newKeyPair(random);
    X500Name n = dn(commonName);
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(n, serial(random), Date.from(now.minusSeconds(60)),
          Date.from(now.plus(validity)), n, kp.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
      X509Certificate cert = sign(b, kp, random);
      return new CertificateAuthority(clock, random, kp, cert, n);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("CA generation failed", e);
    }
  }

  /** A CA valid for 30 days, with the system clock and a fresh {@link SecureRandom}. */
  public static CertificateAuthority generate(String commonName) {
    return generate(commonName, Duration.ofDays(30), Clock.systemUTC(), new SecureRandom());
  }

  /** The root certificate peers trust. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * A TLS server certificate for {@code host} (CN and first SAN) and {@code alternativeNames}
   * (IP literals become iPAddress SANs, anything else dNSName), valid for {@code validity}.
   */
  public Credential issueServer(String host, Duration validity, String... alternativeNames) {
    List<String> names = new ArrayList<>();
    names.add(host);
    names.addAll(List.of(alternativeNames));
    return issue(host, names, KeyPurposeId.id_kp_serverAuth, validity);
  }

  /**
   * A TLS client certificate for {@code identity} (CN, and SAN dNSName when it looks like a
   * host name), valid for {@code validity}. A NAF's identity is its FQDN.
   */
  public Credential issueClient(String identity, Duration validity) {
    List<String> names = identity.matches("[A-Za-z0-9.-]+") ? List.of(identity) : List.of();
    return issue(identity, names, KeyPurposeId.id_kp_clientAuth, validity);
  }

  private Credential issue(String commonName, List<String> sanNames, KeyPurposeId purpose, Duration validity) {
    KeyPair kp = newKeyPair(random);
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(random), Date.from(now.minusSeconds(60)),
          Date.from(now.plus(validity)), dn(commonName), kp.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
      if (!sanNames.isEmpty()) {
        GeneralName[] g = new GeneralName[sanNames.size()];
        for (int i = 0; i < g.length; i++) {
          g[i] = generalName(sanNames.get(i));
        }
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(g));
      }
      return new Credential(kp.getPrivate(), List.of(sign(b, keyPair, random), certificate));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new IllegalStateException("certificate issuance failed for " + commonName, e);
    }
  }

  private static GeneralName generalName(String n) {
    if (IPV4.matcher(n).matches() || n.contains(":")) {
      try {
        return new GeneralName(GeneralName.iPAddress, new org.bouncycastle.asn1.DEROctetString(InetAddress.getByName(n).getAddress()));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("IP literal: " + n + " (expected: IPv4 or IPv6 address)", e);
      }
    }
    return new GeneralName(GeneralName.dNSName, n);
  }

  private static X500Name dn(String cn) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "ddsec test bed").addRDN(BCStyle.CN, cn).build();
  }

  private static BigInteger serial(SecureRandom r) {
    return new BigInteger(127, r).add(BigInteger.ONE);
  }

  private static KeyPair newKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError("P-256 is always available", e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer, SecureRandom random) throws GeneralSecurityException {
    try {
      ContentSigner s = new JcaContentSignerBuilder(SIG).setSecureRandom(random).build(signer.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(b.build(s));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("signer", e);
    }
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + certificate.getSubjectX500Principal().getName() + "]";
  }
}
