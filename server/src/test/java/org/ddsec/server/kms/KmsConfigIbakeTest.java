package org.ddsec.server.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Properties;
import org.ddsec.server.config.Props;
import org.ddsec.server.config.Props.ConfigException;
import org.junit.jupiter.api.Test;

/** The {@code ibake.*} keys of the KMS configuration: loaded, or refused naming the key and never showing a secret. */
class KmsConfigIbakeTest {

  // z_T = 0x…0102 (in range 2..q-1) and KSAK = 0x…07 (non-zero below q): small but valid scalars
  static final String Z = "00".repeat(126) + "0102";
  static final String KSAK = "00".repeat(31) + "07";

  static Props props(String... kv) {
    Properties p = new Properties();
    p.setProperty("kms.id", "sip:kms.ims.example.org");
    p.setProperty("zn.url", "https://127.0.0.1:1/");
    p.setProperty("keyring.1.secret", "11".repeat(32));
    p.setProperty("keyring.1.active-from", "2026-01-01T00:00:00Z");
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return new Props(p, Path.of("/tmp"), "kms.properties");
  }

  @Test
  void from_withIbakeKeys_loaded() throws Exception {
    KmsConfig c = KmsConfig.from(props("ibake.sakke-master-secret", Z, "ibake.eccsi-ksak", KSAK, "ibake.months-back", "3"));
    KmsConfig.Ibake i = c.ibake().orElseThrow();
    assertThat(HexFormat.of().formatHex(i.sakkeMasterSecret().unsafeBytes())).isEqualTo(Z);
    assertThat(i.monthsBack()).isEqualTo(3);
    assertThat(i.monthsAhead()).isEqualTo(1);
    assertThat(c.toString()).doesNotContain("0102").contains("not shown");
  }

  @Test
  void from_withoutIbakeKeys_noIbake() throws Exception {
    assertThat(KmsConfig.from(props()).ibake()).isEmpty();
  }

  @Test
  void from_badIbakeKeys_refusedNamingTheKeyWithoutTheValue() {
    String[][] bad = {
        {"ibake.sakke-master-secret", "00".repeat(127) + "01", "ibake.eccsi-ksak", KSAK}, // z = 1: out of range
        {"ibake.sakke-master-secret", "ff".repeat(128), "ibake.eccsi-ksak", KSAK}, // z ≥ q
        {"ibake.sakke-master-secret", Z.substring(2), "ibake.eccsi-ksak", KSAK}, // 127 octets
        {"ibake.sakke-master-secret", Z, "ibake.eccsi-ksak", "00".repeat(32)}, // KSAK = 0
        {"ibake.sakke-master-secret", Z}, // no KSAK
        {"ibake.months-back", "1"}, // window without keys
        {"ibake.sakke-master-secret", Z, "ibake.eccsi-ksak", KSAK, "ibake.months-ahead", "13"},
        {"ibake.sakke-master-secret", Z, "ibake.eccsi-ksak", KSAK, "ibake.unknown", "1"},
    };
    for (String[] kv : bad) {
      ConfigException e = assertThrows(ConfigException.class, () -> KmsConfig.from(props(kv)), String.join(" ", kv));
      assertThat(e.getMessage()).contains("ibake").doesNotContain("0102").doesNotContain("ffff");
    }
  }
}
