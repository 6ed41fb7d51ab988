package org.ddsec.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

  private final CertificateAuthority ca = CertificateAuthority.generate("unit CA");

  @Test
  void issueServer_signedByCaWithSans() throws Exception {
    Credential c = ca.issueServer("bsf.ims.example.org", Duration.ofDays(1), "127.0.0.1", "::1", "localhost");
    c.certificate().verify(ca.certificate().getPublicKey());
    List<Object> names = c.certificate().getSubjectAlternativeNames().stream().map(l -> l.get(1)).map(Object.class::cast).toList();
    assertThat(names).contains("bsf.ims.example.org", "127.0.0.1", "localhost");
    assertThat(c.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(c.chain()).hasSize(2);
  }

  @Test
  void issueClient_identityInCnAndSan() throws Exception {
    Credential c = ca.issueClient("kms.ims.example.org", Duration.ofDays(1));
    c.certificate().verify(ca.certificate().getPublicKey());
    assertThat(c.certificate().getSubjectX500Principal().getName()).contains("CN=kms.ims.example.org");
    List<Object> names = c.certificate().getSubjectAlternativeNames().stream().map(l -> l.get(1)).map(Object.class::cast).toList();
    assertThat(names).containsExactly("kms.ims.example.org");
    assertThat(c.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
  }

  @Test
  void pkcs12_roundTrip_sameKeyAndChain() throws Exception {
    Credential c = ca.issueClient("naf", Duration.ofDays(1));
    Credential back = Credential.fromPkcs12(c.toPkcs12("pw".toCharArray()), "pw".toCharArray());
    assertThat(back.certificate()).isEqualTo(c.certificate());
    assertThat(back.privateKey().getEncoded()).isEqualTo(c.privateKey().getEncoded());
    assertThat(c.toString()).endsWith("private key hidden]");
  }

  @Test
  void pem_thenRead_sameCertificate() throws Exception {
    String pem = TlsContexts.pem(ca.certificate());
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(TlsContexts.readCertificate(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII))).isEqualTo(ca.certificate());
  }
}
