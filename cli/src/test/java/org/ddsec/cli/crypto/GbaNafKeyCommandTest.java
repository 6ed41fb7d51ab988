package org.ddsec.cli.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.ddsec.cli.CliRun;
import org.junit.jupiter.api.Test;

class GbaNafKeyCommandTest {

  /** Same inputs and expected value as GbaKeysTest (computed independently, docs/crypto-vectors.md). */
  @Test
  void ksNaf_printed() {
    CliRun r = CliRun.of("crypto", "gba-naf-key",
        "--ks", "b40ba9a3c58b2a05bbf0d987b21bf8cbf769bcd751044604127672711c6d3441",
        "--rand", "23553cbe9637a89d218ae64dae47bf35", "--impi", "alice@ims.example.org",
        "--naf-fqdn", "kms.ims.example.org", "--ua-id", "0100000006");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo("ks_naf=eb2d1ae1f394d68407b698fddb7fcddf5a72183cac6e83b0aea131ba483123b3");
  }

  @Test
  void badUaId_refused() {
    CliRun r = CliRun.of("crypto", "gba-naf-key", "--ks", "00".repeat(32), "--rand", "00".repeat(16),
        "--impi", "a", "--naf-fqdn", "k", "--ua-id", "01000000");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ddsec crypto gba-naf-key: --ua-id: 4 bytes (expected: 5)");
  }
}
