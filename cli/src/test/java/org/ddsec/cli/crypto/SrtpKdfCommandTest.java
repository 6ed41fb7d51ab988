package org.ddsec.cli.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.ddsec.cli.CliRun;
import org.junit.jupiter.api.Test;

class SrtpKdfCommandTest {

  // RFC 3711 Appendix B.3
  private static final String B3_KEY = "E1F97A0D3E018BE0D64FA32C06DE4139";
  private static final String B3_SALT = "0EC675AD498AFEEBB6960B3AABE6";

  private static String value(CliRun r, String name) {
    for (String line : r.out().split("\\R")) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no line " + name + "= in:\n" + r.out());
  }

  @Test
  void rfc3711AppendixB3_printsSrtpKeysOfTheRfc() {
    CliRun r = CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY, "--master-salt", B3_SALT);
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out().split("\\R")).extracting(l -> l.substring(0, l.indexOf('=')))
        .containsExactly("srtp_encr_key", "srtp_auth_key", "srtp_salt", "srtcp_encr_key", "srtcp_auth_key", "srtcp_salt");
    assertThat(value(r, "srtp_encr_key")).isEqualTo("c61e7a93744f39ee10734afe3ff7a087");
    assertThat(value(r, "srtp_auth_key")).isEqualTo("cebe321f6ff7716b6fd4ab49af256a156d38baa4"); // first 160 of the 94 octets
    assertThat(value(r, "srtp_salt")).isEqualTo("30cbbc08863d8c85d49db34a9ae1");
    assertThat(value(r, "srtcp_encr_key")).hasSize(32).isNotEqualTo(value(r, "srtp_encr_key"));
    assertThat(value(r, "srtcp_auth_key")).hasSize(40);
    assertThat(value(r, "srtcp_salt")).hasSize(28);
  }

  @Test
  void rfc6188Section72Aes256_printsRfcKeys() {
    CliRun r = CliRun.of("crypto", "srtp-kdf", "--master-key", "f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6",
        "--master-salt", "3b04803de51ee7c96423ab5b78d2");
    assertThat(r.exitCode()).isZero();
    assertThat(value(r, "srtp_encr_key")).isEqualTo("5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4");
    assertThat(value(r, "srtp_auth_key")).isEqualTo("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05");
    assertThat(value(r, "srtp_salt")).isEqualTo("fa31791685ca444a9e07c6c64e93");
  }

  @Test
  void nistCavpAes128Count1_withKdrIndicesAnd32BitSrtcpR_printsAllSixKeys() {
    // NIST CAVP SP 800-135 SRTP KDF, [AES-128] COUNT = 1: kdr 1, index 0x638bc149df0b, SRTCP index 0x63bda774.
    CliRun r = CliRun.of("crypto", "srtp-kdf", "--master-key", "ed7a0c0ccff1d84a824e91b01fa457a4",
        "--master-salt", "c62625901085724166e934a0a998", "--kdr", "1",
        "--index", Long.toString(0x638bc149df0bL), "--srtcp-index", Long.toString(0x63bda774L), "--srtcp-r-bits", "32");
    assertThat(r.exitCode()).isZero();
    assertThat(value(r, "srtp_encr_key")).isEqualTo("f2dedeb13382ab3869d27f16ee75c2cb");
    assertThat(value(r, "srtp_auth_key")).isEqualTo("77b63e42c98e552cf687e86fbdbe1b293eddf289");
    assertThat(value(r, "srtp_salt")).isEqualTo("109be6ef148b7739694622aafd0c");
    assertThat(value(r, "srtcp_encr_key")).isEqualTo("20e5f1dfc13620704e44e06ec8ff4f19");
    assertThat(value(r, "srtcp_auth_key")).isEqualTo("dcb3bc06d10e31dcb4c9085f3f12fd37d3bf6b79");
    assertThat(value(r, "srtcp_salt")).isEqualTo("77ac07862fc1469b9cb3cabd2953");
  }

  @Test
  void srtcpKeys_default48BitR_matchLibsrtp() {
    // NIST AES-256 COUNT = 0 inputs; libsrtp's SRTCP keys as posted in cisco/libsrtp issue #454.
    CliRun r = CliRun.of("crypto", "srtp-kdf", "--master-key", "a263d11aa2dcb2d59b52d6cc77bddb82798179cda98ad2ff70e83d184e9ef4a0",
        "--master-salt", "883778c508eb03c45b29e8c0cbfe");
    assertThat(value(r, "srtcp_encr_key")).isEqualTo("61a74e317fd7580bfa7cbc7d6f2ea0830e29c7db157de5abdc2967a0cba197e0");
    assertThat(value(r, "srtcp_auth_key")).isEqualTo("fd051ca4df2c002b1a5f68d2a162dfdf01dd65a6");
    assertThat(value(r, "srtcp_salt")).isEqualTo("922096357d7b767e9294e84d2f24");
  }

  @Test
  void srtcpIndex_defaultsToIndex() {
    CliRun implicit = CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY, "--master-salt", B3_SALT, "--kdr", "4", "--index", "4096");
    CliRun explicit = CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY, "--master-salt", B3_SALT, "--kdr", "4", "--index", "4096",
        "--srtcp-index", "4096");
    assertThat(implicit.exitCode()).isZero();
    assertThat(implicit.out()).isEqualTo(explicit.out());
  }

  @Test
  void indexBeyond31BitsWithoutSrtcpIndex_isRefused() {
    CliRun r = CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY, "--master-salt", B3_SALT, "--index", "4294967296");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("ddsec crypto srtp-kdf: SRTCP index (from --index): 4294967296");
  }

  @Test
  void badInputs_areOneLineErrorsWithoutKeyDigitsOrStackTraces() {
    assertError(CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY + "0", "--master-salt", B3_SALT),
        "--master-key: 33 hex digits (expected: an even number)");
    assertError(CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY + "00", "--master-salt", B3_SALT),
        "--master-key: 17 bytes (expected: 16, 24 or 32)");
    assertError(CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY, "--master-salt", B3_SALT + "00"),
        "--master-salt: 15 bytes (expected: 14 or 12)");
    assertError(CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY, "--master-salt", B3_SALT, "--kdr", "3"),
        "--kdr: 3 (expected: 0 or a power of 2 from 1 to 2^24)");
    assertError(CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY, "--master-salt", B3_SALT, "--index", "281474976710656"),
        "--index: 281474976710656 (expected: 0..281474976710655, 48 bits)");
    assertError(CliRun.of("crypto", "srtp-kdf", "--master-key", B3_KEY, "--master-salt", B3_SALT, "--srtcp-r-bits", "40"),
        "--srtcp-r-bits: 40 (expected: 48 or 32)");
  }

  private static void assertError(CliRun r, String message) {
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).isEqualTo("ddsec crypto srtp-kdf: " + message);
    assertThat(r.err()).doesNotContainIgnoringCase("E1F97A0D").doesNotContain("Exception");
  }

  @Test
  void missingMasterKey_isUsageError() {
    CliRun r = CliRun.of("crypto", "srtp-kdf", "--master-salt", B3_SALT);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--master-key").doesNotContain("\tat ");
  }
}
