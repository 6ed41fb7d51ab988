package org.ddsec.cli.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.ddsec.cli.CliRun;
import org.junit.jupiter.api.Test;

class MikeyPrfCommandTest {

  // The TLS 1.2 PRF (P_SHA256) vector of the IETF TLS WG mailing list: secret 9bbe436b...,
  // label "test label" || seed a0ba9f93...; a 128-bit inkey is one MIKEY block, so the MIKEY
  // PRF-HMAC-SHA-256 output is P_SHA256 (see MikeyPrfTest in the crypto module).
  private static final String LABEL = "74657374206c6162656c" + "a0ba9f936cda311827a6f796ffd5198c";

  @Test
  void hmacSha256_tls12Vector_printsOut() {
    CliRun r = CliRun.of("crypto", "mikey-prf", "--prf", "hmac-sha-256", "--inkey", "9bbe436ba940f017b17652849a71db35",
        "--label", LABEL, "--bits", "800");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo("out=e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
        + "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
        + "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void mikey1_tek_printsReferenceValue() {
    // RFC 3830 §4.1.3 label 2ad01c64 || 01 || 12345678 || RAND; value from
    // crypto/src/test/python/mikey_kdf_reference.py case A (cross-implementation, not official).
    CliRun r = CliRun.of("crypto", "mikey-prf", "--prf", "mikey-1", "--inkey", "000102030405060708090a0b0c0d0e0f",
        "--label", "2ad01c64" + "01" + "12345678" + "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf", "--bits", "128");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip()).isEqualTo("out=9ba4f67e6a85e7e7e9aa57681ca1f27d");
  }

  @Test
  void unknownPrf_isOneLineUsageError() {
    CliRun r = CliRun.of("crypto", "mikey-prf", "--prf", "md5", "--inkey", "00", "--label", "", "--bits", "8");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ddsec crypto mikey-prf: --prf: 'md5' (expected: mikey-1 or hmac-sha-256)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void oddHexInkey_isOneLineErrorWithoutTheDigits() {
    CliRun r = CliRun.of("crypto", "mikey-prf", "--prf", "mikey-1", "--inkey", "abcde", "--label", "00", "--bits", "128");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ddsec crypto mikey-prf: --inkey: 5 hex digits (expected: an even number)");
  }

  @Test
  void nonHexLabel_namesPosition() {
    CliRun r = CliRun.of("crypto", "mikey-prf", "--prf", "mikey-1", "--inkey", "00", "--label", "0g", "--bits", "128");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ddsec crypto mikey-prf: --label: not a hex digit at position 1");
  }

  @Test
  void badBitsAndEmptyInkey_areRefused() {
    CliRun bits = CliRun.of("crypto", "mikey-prf", "--prf", "mikey-1", "--inkey", "00", "--label", "00", "--bits", "12");
    assertThat(bits.exitCode()).isEqualTo(2);
    assertThat(bits.err().strip()).isEqualTo("ddsec crypto mikey-prf: --bits: 12 (expected: a positive multiple of 8)");
    CliRun empty = CliRun.of("crypto", "mikey-prf", "--prf", "mikey-1", "--inkey", "", "--label", "00", "--bits", "128");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err().strip()).isEqualTo("ddsec crypto mikey-prf: --inkey: 0 bytes (expected: at least 1)");
  }

  @Test
  void nonNumericBits_isUsageErrorWithoutStackTrace() {
    CliRun r = CliRun.of("crypto", "mikey-prf", "--prf", "mikey-1", "--inkey", "00", "--label", "00", "--bits", "lots");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--bits").doesNotContain("Exception").doesNotContain("\tat ");
  }
}
