package org.ddsec.cli.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.ddsec.cli.CliRun;
import org.junit.jupiter.api.Test;

class MilenageCommandTest {

  /** 3GPP TS 35.208 §4.3.1, test set 1. */
  @Test
  void ts35208Set1_withOp_printsEveryFunction() {
    CliRun r = CliRun.of("crypto", "milenage", "--k", "465b5ce8b199b49faa5f0a2ee238a6bc",
        "--op", "cdc202d5123e20f62b6d676ac72cb318", "--rand", "23553cbe9637a89d218ae64dae47bf35",
        "--sqn", "ff9bb4d0b607", "--amf", "b9b9");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "opc=cd63cb71954a9f4e48a5994e37a02baf",
        "f1=4a9ffac354dfafb3",
        "f1*=01cfaf9ec4e871e9",
        "f2=a54211d5e3ba50bf",
        "f3=b40ba9a3c58b2a05bbf0d987b21bf8cb",
        "f4=f769bcd751044604127672711c6d3441",
        "f5=aa689c648370",
        "f5*=451e8beca43b");
  }

  /** TS 35.208 §4.3.2, test set 2, given OPc instead of OP. */
  @Test
  void ts35208Set2_withOpc() {
    CliRun r = CliRun.of("crypto", "milenage", "--k", "fec86ba6eb707ed08905757b1bb44b8f",
        "--opc", "1006020f0a478bf6b699f15c062e42b3", "--rand", "9f7c8d021accf4db213ccff0c7f71a6a",
        "--sqn", "9d0277595ffc", "--amf", "725c");
    assertThat(r.out()).contains("f1=9cabc3e99baf7281").contains("f2=8011c48c0c214ed2").contains("f5*=deacdd848cc6");
  }

  @Test
  void badInput_oneLineError_noKeyDigits() {
    CliRun r = CliRun.of("crypto", "milenage", "--k", "465b5ce8b199b49faa5f0a2ee238a6", "--op", "cdc202d5123e20f62b6d676ac72cb318",
        "--rand", "23553cbe9637a89d218ae64dae47bf35", "--sqn", "ff9bb4d0b607", "--amf", "b9b9");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ddsec crypto milenage: --k: 15 bytes (expected: 16)");
    CliRun both = CliRun.of("crypto", "milenage", "--k", "00".repeat(16), "--op", "00".repeat(16), "--opc", "00".repeat(16),
        "--rand", "00".repeat(16), "--sqn", "00".repeat(6), "--amf", "0000");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }
}
