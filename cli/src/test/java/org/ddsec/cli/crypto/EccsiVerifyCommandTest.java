package org.ddsec.cli.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.ddsec.cli.CliRun;
import org.junit.jupiter.api.Test;

class EccsiVerifyCommandTest {

  // RFC 6507 Appendix A: KPAK, the signer "2011-02\0tel:+447700900123\0", M = "message\0", Sig.
  private static final String KPAK = "0450d4670bde75244f28d2838a0d25558a7a72686d4522d4c8273fb6442aebfa93"
      + "dbdd37551afd263b5dfd617f3960c65a8c298850ff99f20366dce7d4367217f4";
  private static final String SIG = "269d4c8fdeb66a74e4ef8c0d5dcc597ddfe6029c2affc4936008cd2cc1045d81"
      + "e09b528d0ef8d6df1aa3ecbf80110cfcec9fc68252cebb679f4134846940ccfd"
      + "04758a142779be89e829e71984cb40ef758cc4ad775fc5b9a3e1c8ed52f6fa36d9"
      + "a79d247692f4eda3a6bdab77d6aa6474a464ae4934663c5265ba7018ba091f79";

  private static CliRun verify(String period, String signature) {
    return CliRun.of("crypto", "eccsi-verify", "--kpak", KPAK, "--period", period, "--uri", "tel:+447700900123",
        "--message", "6d65737361676500", "--signature", signature);
  }

  @Test
  void rfc6507AppendixA_isValid() {
    CliRun r = verify("2011-02", SIG);
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo("valid=true");
  }

  @Test
  void otherPeriod_isInvalid_exit1() {
    CliRun r = verify("2011-03", SIG);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ddsec crypto eccsi-verify: SIGNATURE_INVALID: ");
  }

  @Test
  void truncatedSignature_isMalformed_exit1() {
    CliRun r = verify("2011-02", SIG.substring(0, 256));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("ddsec crypto eccsi-verify: MALFORMED: ECCSI signature: 128 octets");
  }

  @Test
  void badHex_exit2() {
    CliRun r = verify("2011-02", "zz");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ddsec crypto eccsi-verify: --signature: not a hex digit at position 0");
  }
}
