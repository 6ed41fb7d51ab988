package org.ddsec.client.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.server.config.Props.ConfigException;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UE file: what {@code write} renders {@code load} reads back; defaults; OP instead of OPc; refusals naming the key. */
class UePropertiesTest {

  // TS 35.208 test set 1: K, OP and the OPc derived from them.
  private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
  private static final String OP = "cdc202d5123e20f62b6d676ac72cb318";
  private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

  @TempDir Path dir;

  private Path ca() throws Exception {
    Path p = dir.resolve("tls/ca.pem");
    Files.createDirectories(p.getParent());
    Files.writeString(p, TlsContexts.pem(CertificateAuthority.generate("ue test CA").certificate()), StandardCharsets.US_ASCII);
    return p;
  }

  private UserEquipment.Config config(boolean e2m) throws Exception {
    return new UserEquipment.Config("sip:alice@ims.example", "alice@ims.example", SecretBytes.fromHex(K), SecretBytes.fromHex(OPC),
        URI.create("https://127.0.0.1:8443/"), new Hop(Transport.TLS, "127.0.0.1", 5061), "sip:kms.ims.example", "kms.ims.example",
        URI.create("https://127.0.0.1:8450/"), "sip:vm.ims.example", "vm.ims.example", URI.create("https://127.0.0.1:8460/"),
        TlsContexts.client(null, CertificateAuthority.generate("unused").certificate()), e2m, Duration.ofSeconds(12));
  }

  @Test
  void writeThenLoad_sameConfiguration_ownerOnlyRelativeTrust() throws Exception {
    Path ca = ca();
    Path f = dir.resolve("ue.properties");
    UeProperties.write(f, config(true), List.of(ca));
    assertThat(Files.readString(f)).contains("tls.trust = tls/ca.pem\n", "ims.proxy = sip:127.0.0.1:5061;transport=tls\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    UserEquipment.Config c = UeProperties.load(f);
    assertThat(c.impu()).isEqualTo("sip:alice@ims.example");
    assertThat(c.impi()).isEqualTo("alice@ims.example");
    assertThat(c.k().unsafeHex()).isEqualTo(K);
    assertThat(c.opc().unsafeHex()).isEqualTo(OPC);
    assertThat(c.bsfUb()).isEqualTo(URI.create("https://127.0.0.1:8443/"));
    assertThat(c.imsCore()).isEqualTo(new Hop(Transport.TLS, "127.0.0.1", 5061));
    assertThat(List.of(c.kmsId(), c.kmsFqdn(), c.kms().toString(), c.mailboxId(), c.mailboxFqdn(), c.mailbox().toString()))
        .containsExactly("sip:kms.ims.example", "kms.ims.example", "https://127.0.0.1:8450/", "sip:vm.ims.example", "vm.ims.example",
            "https://127.0.0.1:8460/");
    assertThat(c.e2m()).isTrue();
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(c.ibake()).isFalse();
    assertThat(Files.readString(f)).contains("ue.solution = kms-dd\n");
  }

  @Test
  void writeThenLoad_ibakeSolutions_roundTrip() throws Exception {
    Path ca = ca();
    for (org.ddsec.protocol.ibakedd.IbakeMode m : org.ddsec.protocol.ibakedd.IbakeMode.values()) {
      Path f = dir.resolve("ue-" + m + ".properties");
      UeProperties.write(f, config(false).withIbake(m), List.of(ca));
      assertThat(Files.readString(f)).contains(m == org.ddsec.protocol.ibakedd.IbakeMode.DDSEC_SIGNED ? "ue.solution = ibake-dd\n"
          : "ue.solution = ibake-dd-strict\n");
      UserEquipment.Config c = UeProperties.load(f);
      assertThat(c.ibake()).isTrue();
      assertThat(c.ibakeMode()).isEqualTo(m);
    }
  }

  @Test
  void load_minimalFileWithOp_defaultsAndOpcDerived() throws Exception {
    ca();
    Path f = dir.resolve("min.properties");
    Files.writeString(f, "ue.impu = sip:bob@ims.example\nue.k = " + K + "\nue.op = " + OP + "\nbsf.url = https://127.0.0.1:8443/\n"
        + "ims.proxy = sips:127.0.0.1\nkms.id = sip:kms.ims.example\nkms.url = https://127.0.0.1:8450/\nmailbox.id = sip:vm.ims.example\n"
        + "mailbox.url = https://127.0.0.1:8460/\ntls.trust = tls/ca.pem, tls/ca.pem\n");
    UserEquipment.Config c = UeProperties.load(f);
    assertThat(c.impi()).isEqualTo("bob@ims.example");
    assertThat(c.opc().unsafeHex()).isEqualTo(OPC); // TS 35.208 set 1
    assertThat(c.imsCore()).isEqualTo(new Hop(Transport.TLS, "127.0.0.1", 5061));
    assertThat(c.kmsFqdn()).isEqualTo("kms.ims.example");
    assertThat(c.mailboxFqdn()).isEqualTo("vm.ims.example");
    assertThat(c.e2m()).isFalse();
    assertThat(c.ibake()).isFalse();
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void load_eachRequiredKeyMissing_refusedNamingIt() throws Exception {
    Path ca = ca();
    Path good = dir.resolve("good.properties");
    UeProperties.write(good, config(false), List.of(ca));
    String text = Files.readString(good);
    for (String key : List.of("ue.impu", "ue.k", "ue.opc", "bsf.url", "ims.proxy", "kms.id", "kms.url", "mailbox.id", "mailbox.url", "tls.trust")) {
      Path f = dir.resolve("missing.properties");
      Files.writeString(f, text.replaceAll("(?m)^" + key.replace(".", "\\.") + " = .*\n", ""));
      ConfigException e = assertThrows(ConfigException.class, () -> UeProperties.load(f), key);
      assertThat(e.getMessage()).as(key).startsWith(f + ": " + key + ": missing");
    }
  }

  @Test
  void load_badValues_refusedWithoutEchoingSecrets() throws Exception {
    Path ca = ca();
    Path good = dir.resolve("good.properties");
    UeProperties.write(good, config(false), List.of(ca));
    String text = Files.readString(good);
    String[][] cases = {
      {"ue\\.k = .*", "ue.k = " + K + "00", "ue.k: 17 octets (expected: 16; value not shown)"},
      {"ue\\.impi = .*", "ue.impi = alice", "ue.impi: alice (expected: a private identity user@realm)"},
      {"ue\\.impu = .*", "ue.impu = tel:+1555", "ue.impu: tel:+1555 (expected: a sip: URI"},
      {"ue\\.timeout = .*", "ue.timeout = PT0S", "ue.timeout: PT0S (expected: a duration > 0)"},
      {"ims\\.proxy = .*", "ims.proxy = sip:127.0.0.1;transport=sctp", "ims.proxy: sip:127.0.0.1;transport=sctp (expected: the IMS core's TLS address"},
      {"kms\\.fqdn = .*", "kms.fqdn = kms_1", "kms.fqdn: kms_1 (expected: a host name)"},
      {"bsf\\.url = .*", "bsf.url = https://127.0.0.1:8443/\nbsf.zn = x", "bsf.zn: unknown key"},
    };
    for (String[] c : cases) {
      Path f = dir.resolve("bad.properties");
      Files.writeString(f, text.replaceAll("(?m)^" + c[0] + "$", c[1]));
      ConfigException e = assertThrows(ConfigException.class, () -> UeProperties.load(f), c[2]);
      assertThat(e.getMessage()).as(c[2]).startsWith(f + ": " + c[2]).doesNotContain(K).doesNotContain(OPC);
    }
  }
}
