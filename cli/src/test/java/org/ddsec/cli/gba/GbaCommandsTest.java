package org.ddsec.cli.gba;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.ddsec.cli.CliRun;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.server.bsf.BsfConfig;
import org.ddsec.server.bsf.BsfNafKeyLookup;
import org.ddsec.server.bsf.BsfService;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code subscriber add|list|remove}, {@code ue bootstrap}, {@code bsf serve|load} end to end on loopback. */
class GbaCommandsTest {

  private static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
  private static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
  private static final String IMPI = "alice@ims.example.org";
  private static final String KMS = "kms.ims.example.org";

  @TempDir Path dir;

  private Path config() throws Exception {
    Path f = dir.resolve("bsf.properties");
    Files.writeString(f, "bsf.host=bsf.ims.example.org\nbsf.realm=ims.example.org\nub.port=0\nzn.port=0\nzn.nafs=" + KMS + "\ntls.out-dir=tls\n");
    return f;
  }

  @Test
  void subscriber_addListRemove_roundTrip() throws Exception {
    String cfg = config().toString();
    CliRun add = CliRun.of("subscriber", "add", "--config", cfg, "--impi", IMPI, "--impu", "sip:alice@ims.example.org", "--k", K, "--opc", OPC);
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out().strip()).isEqualTo("added=" + IMPI);
    CliRun dup = CliRun.of("subscriber", "add", "--config", cfg, "--impi", IMPI, "--k", K, "--opc", OPC);
    assertThat(dup.exitCode()).isEqualTo(1);
    assertThat(dup.err().strip()).isEqualTo("ddsec subscriber add: " + IMPI + ": already present (remove it first)");
    CliRun list = CliRun.of("subscriber", "list", "--config", cfg);
    assertThat(list.out().strip()).isEqualTo(IMPI + " impus=sip:alice@ims.example.org amf=0000 seq=0 ind=0");
    assertThat(list.out()).doesNotContain(K).doesNotContain(OPC);
    assertThat(CliRun.of("subscriber", "remove", "--config", cfg, "--impi", IMPI).out().strip()).isEqualTo("removed=" + IMPI);
    assertThat(CliRun.of("subscriber", "remove", "--config", cfg, "--impi", IMPI).exitCode()).isEqualTo(1);
  }

  @Test
  void subscriber_shortKey_usageErrorWithoutDigits() throws Exception {
    CliRun r = CliRun.of("subscriber", "add", "--config", config().toString(), "--impi", IMPI, "--k", "465b5ce8", "--opc", OPC);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ddsec subscriber add: --k: 4 bytes (expected: 16)");
  }

  @Test
  void subscriber_opGiven_opcStored() throws Exception {
    // TS 35.208 test set 1: OP cdc202d5… gives OPc cd63cb71…; the USIM below holds only OPc.
    String cfg = config().toString();
    assertThat(CliRun.of("subscriber", "add", "--config", cfg, "--impi", IMPI, "--k", K, "--op", "cdc202d5123e20f62b6d676ac72cb318").exitCode()).isZero();
    try (var stores = org.ddsec.server.store.JdbcStores.open(BsfConfig.load(Path.of(cfg)).dbUrl(), "", "")) {
      assertThat(stores.subscribers().find(IMPI).orElseThrow().opc().unsafeHex()).isEqualTo(OPC);
    }
  }

  @Test
  void badConfig_usageError() throws Exception {
    Path f = dir.resolve("bad.properties");
    Files.writeString(f, "bsf.host=x\nbsf.lifetime=PT1H\n");
    CliRun r = CliRun.of("bsf", "serve", "--config", f.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("ddsec bsf serve: " + f + ": bsf.lifetime: unknown key");
  }

  @Test
  void ueBootstrap_showNafKey_equalsZnAnswer() throws Exception {
    Path cfg = config();
    assertThat(CliRun.of("subscriber", "add", "--config", cfg.toString(), "--impi", IMPI, "--k", K, "--opc", OPC).exitCode()).isZero();
    CertificateAuthority ca = CertificateAuthority.generate("cli CA");
    try (BsfService bsf = BsfService.start(BsfConfig.load(cfg), Clock.systemUTC(), ca)) {
      CliRun r = CliRun.of("ue", "bootstrap", "--bsf", bsf.server().ubUri().toString(), "--ca", dir.resolve("tls/ca.pem").toString(),
          "--impi", IMPI, "--k", K, "--opc", OPC, "--sqn-ms", "300", "--show-naf-key", KMS);
      assertThat(r.exitCode()).as(r.err()).isZero();
      String btid = line(r.out(), "btid=");
      String ksNaf = line(r.out(), "ks_naf=");
      assertThat(line(r.out(), "lifetime=")).endsWith("Z");
      Credential naf = Credential.fromPkcs12(Files.readAllBytes(dir.resolve("tls/" + KMS + ".p12")), "ddsec".toCharArray());
      BsfNafKeyLookup zn = new BsfNafKeyLookup(bsf.server().znUri(), TlsContexts.client(naf, ca.certificate()), NafId.kms(KMS), Duration.ofSeconds(5));
      assertThat(zn.lookup(btid).ksNaf().unsafeHex()).isEqualTo(ksNaf);
    }
  }

  @Test
  void ueBootstrap_unknownImpi_exit1WithReason() throws Exception {
    Path cfg = config();
    try (BsfService bsf = BsfService.start(BsfConfig.load(cfg), Clock.systemUTC(), CertificateAuthority.generate("cli CA"))) {
      CliRun r = CliRun.of("ue", "bootstrap", "--bsf", bsf.server().ubUri().toString(), "--ca", dir.resolve("tls/ca.pem").toString(),
          "--impi", "nobody@ims.example.org", "--k", K, "--opc", OPC);
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.err().strip()).startsWith("ddsec ue bootstrap: REFUSED: BSF answered 403");
    }
  }

  @Test
  void ueBootstrap_missingCa_usageError() {
    CliRun r = CliRun.of("ue", "bootstrap", "--ca", dir.resolve("none.pem").toString(), "--impi", IMPI, "--k", K, "--opc", OPC);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--ca:").contains("not a readable PEM certificate");
  }

  @Test
  void bsfServe_runFor_exitsCleanly() throws Exception {
    CliRun r = CliRun.of("bsf", "serve", "--config", config().toString(), "--run-for", "PT1S");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("ub=https://127.0.0.1:").contains("zn=https://127.0.0.1:");
    assertThat(dir.resolve("tls/ca.pem")).exists();
  }

  @Test
  void bsfLoad_small_reportsRates() {
    CliRun r = CliRun.of("bsf", "load", "--bootstraps", "20", "--concurrency", "2", "--warmup", "4", "--no-progress");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("bootstraps=20 concurrency=2 failures=0").contains("zn_lookups=20 concurrency=2 failures=0")
        .contains("bootstraps_per_s=").contains("lookups_per_s=");
  }

  @Test
  void bsfLoad_badStore_usageError() {
    CliRun r = CliRun.of("bsf", "load", "--store", "redis");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ddsec bsf load: --store: redis (expected: memory or h2)");
  }

  private static String line(String out, String prefix) {
    return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no " + prefix + " in " + out))
        .substring(prefix.length());
  }
}
