package org.ddsec.crypto.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ddsec.core.SecretBytes;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * SRTP key derivation (RFC 3711 §4.3) against RFC 3711 Appendix B.3, RFC 6188 §7.2 and §7.4, the
 * NIST CAVP SP 800-135 SRTP KDF vectors, and libsrtp's SRTCP keys (RFC 3711 Errata ID 3712).
 */
class SrtpKdfTest {

  // ---- RFC 3711 Appendix B.3 (AES-128, kdr 0) ----------------------------------------------------

  private static final String B3_MASTER_KEY = "E1F97A0D3E018BE0D64FA32C06DE4139";
  private static final String B3_MASTER_SALT = "0EC675AD498AFEEBB6960B3AABE6";

  private static SrtpKdf b3() {
    return new SrtpKdf(SecretBytes.fromHex(B3_MASTER_KEY), SecretBytes.fromHex(B3_MASTER_SALT), KeyDerivationRate.ZERO);
  }

  @Test
  void prfInput_rfc3711AppendixB3_matchesXorRows() {
    byte[] salt = Hex.decode(B3_MASTER_SALT);
    assertThat(Hex.encode(SrtpKdf.prfInput(salt, 0x00, 0, 6))).isEqualToIgnoringCase("0EC675AD498AFEEBB6960B3AABE6");
    assertThat(Hex.encode(SrtpKdf.prfInput(salt, 0x02, 0, 6))).isEqualToIgnoringCase("0EC675AD498AFEE9B6960B3AABE6");
    assertThat(Hex.encode(SrtpKdf.prfInput(salt, 0x01, 0, 6))).isEqualToIgnoringCase("0EC675AD498AFEEAB6960B3AABE6");
  }

  @Test
  void deriveKey_rfc3711AppendixB3_matchesCipherKeySaltAnd94ByteAuthKey() {
    try (SrtpKdf kdf = b3()) {
      assertThat(kdf.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, 0, 16).unsafeHex())
          .isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
      assertThat(kdf.deriveKey(SrtpKdf.Label.SRTP_SALT, 0, 14).unsafeHex())
          .isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
      assertThat(kdf.deriveKey(SrtpKdf.Label.SRTP_AUTHENTICATION, 0, 94).unsafeHex()).isEqualToIgnoringCase(
          "CEBE321F6FF7716B6FD4AB49AF256A15" + "6D38BAA48F0A0ACF3C34E2359E6CDBCE" + "E049646C43D9327AD175578EF7227098"
              + "6371C10C9A369AC2F94A8C5FBCDDDC25" + "6D6E919A48B610EF17C2041E47403576" + "6B68642C59BBFC2F34DB60DBDFB2");
    }
  }

  @Test
  void srtpSessionKeys_rfc3711AppendixB3_defaultLengths() {
    try (SrtpKdf kdf = b3(); SrtpSessionKeys k = kdf.srtpSessionKeys(0, SessionKeyLengths.aesCmHmacSha1(16))) {
      assertThat(k.encrKey().unsafeHex()).isEqualTo("c61e7a93744f39ee10734afe3ff7a087");
      assertThat(k.authKey().unsafeHex()).isEqualTo("cebe321f6ff7716b6fd4ab49af256a156d38baa4");
      assertThat(k.saltKey().unsafeHex()).isEqualTo("30cbbc08863d8c85d49db34a9ae1");
    }
  }

  // ---- RFC 6188 §7.2 (AES-256) and §7.4 (AES-192), kdr 0 ------------------------------------------

  @Test
  void srtpSessionKeys_rfc6188Section72Aes256_matches() {
    try (SrtpKdf kdf = new SrtpKdf(SecretBytes.fromHex("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6"),
            SecretBytes.fromHex("3b04803de51ee7c96423ab5b78d2"), KeyDerivationRate.ZERO);
        SrtpSessionKeys k = kdf.srtpSessionKeys(0, SessionKeyLengths.aesCmHmacSha1(32))) {
      assertThat(k.encrKey().unsafeHex()).isEqualTo("5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4");
      assertThat(k.saltKey().unsafeHex()).isEqualTo("fa31791685ca444a9e07c6c64e93");
      assertThat(k.authKey().unsafeHex()).isEqualTo("fd9c32d39ed5fbb5a9dc96b30818454d1313dc05");
    }
  }

  @Test
  void srtpSessionKeys_rfc6188Section74Aes192_matches() {
    try (SrtpKdf kdf = new SrtpKdf(SecretBytes.fromHex("73edc66c4fa15776fb57f9505c17136550ffda71f3e8e5f1"),
            SecretBytes.fromHex("c8522f3acd4ce86d5add78edbb11"), KeyDerivationRate.ZERO);
        SrtpSessionKeys k = kdf.srtpSessionKeys(0, SessionKeyLengths.aesCmHmacSha1(24))) {
      assertThat(k.encrKey().unsafeHex()).isEqualTo("31874736a8f1143870c26e4857d8a5b2c4a354407faadabb");
      assertThat(k.saltKey().unsafeHex()).isEqualTo("2372b82d639b6d8503a47adc0a6c");
      assertThat(k.authKey().unsafeHex()).isEqualTo("355b10973cd95b9eacf4061c7e1a7151e7cfbfcb");
    }
  }

  // ---- NIST CAVP SP 800-135 SRTP KDF (30 cases, kdr 0 and 2^0..2^8) ------------------------------

  record NistCase(String id, Map<String, String> v) {
    String get(String k) {
      return v.get(k);
    }
  }

  private static List<NistCase> nistCases() throws IOException {
    List<NistCase> out = new ArrayList<>();
    String section = "?";
    Map<String, String> cur = null;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        SrtpKdfTest.class.getResourceAsStream("nist-cavp-srtp-kdf.txt"), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        line = line.trim();
        if (line.startsWith("#[")) {
          section = line.substring(2, line.length() - 1);
        } else if (line.startsWith("COUNT")) {
          cur = new LinkedHashMap<>();
          out.add(new NistCase(section + " COUNT=" + line.substring(line.indexOf('=') + 1).trim(), cur));
        } else if (cur != null && line.contains("=")) {
          cur.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
        }
      }
    }
    return out;
  }

  @Test
  void nistCavpVectors_allThirtyCasesMatch() throws IOException {
    List<NistCase> cases = nistCases();
    assertThat(cases).hasSize(30);
    for (NistCase c : cases) {
      SecretBytes mk = SecretBytes.fromHex(c.get("k_master"));
      KeyDerivationRate kdr = new KeyDerivationRate(Long.parseLong(c.get("kdr"), 16));
      SessionKeyLengths len = SessionKeyLengths.aesCmHmacSha1(mk.length());
      try (SrtpKdf kdf = new SrtpKdf(mk, SecretBytes.fromHex(c.get("master_salt")), kdr, SrtcpIndexWidth.BITS_32_RFC_3711_TEXT);
          SrtpSessionKeys srtp = kdf.srtpSessionKeys(Long.parseLong(c.get("index"), 16), len);
          SrtpSessionKeys srtcp = kdf.srtcpSessionKeys(Long.parseLong(c.get("index (SRTCP)"), 16), len)) {
        assertThat(srtp.encrKey().unsafeHex()).as(c.id() + " SRTP k_e").isEqualTo(c.get("SRTP k_e"));
        assertThat(srtp.authKey().unsafeHex()).as(c.id() + " SRTP k_a").isEqualTo(c.get("SRTP k_a"));
        assertThat(srtp.saltKey().unsafeHex()).as(c.id() + " SRTP k_s").isEqualTo(c.get("SRTP k_s"));
        assertThat(srtcp.encrKey().unsafeHex()).as(c.id() + " SRTCP k_e").isEqualTo(c.get("SRTCP k_e"));
        assertThat(srtcp.authKey().unsafeHex()).as(c.id() + " SRTCP k_a").isEqualTo(c.get("SRTCP k_a"));
        assertThat(srtcp.saltKey().unsafeHex()).as(c.id() + " SRTCP k_s").isEqualTo(c.get("SRTCP k_s"));
      }
    }
  }

  // ---- SRTCP with RFC 3711 Errata ID 3712 (the default) -------------------------------------------

  @Test
  void srtcpSessionKeys_errata3712_matchLibsrtpOnNistAes256Count0() {
    // libsrtp's SRTCP keys for the NIST AES-256 COUNT = 0 inputs, posted as its "actual output" in
    // cisco/libsrtp issue #454 (2019): libsrtp puts every label in octet 7 (Errata ID 3712).
    try (SrtpKdf kdf = new SrtpKdf(SecretBytes.fromHex("a263d11aa2dcb2d59b52d6cc77bddb82798179cda98ad2ff70e83d184e9ef4a0"),
            SecretBytes.fromHex("883778c508eb03c45b29e8c0cbfe"), KeyDerivationRate.ZERO);
        SrtpSessionKeys k = kdf.srtcpSessionKeys(0x134c512aL, SessionKeyLengths.aesCmHmacSha1(32))) {
      assertThat(kdf.srtcpIndexWidth()).isEqualTo(SrtcpIndexWidth.BITS_48_ERRATA_3712);
      assertThat(k.encrKey().unsafeHex()).isEqualTo("61a74e317fd7580bfa7cbc7d6f2ea0830e29c7db157de5abdc2967a0cba197e0");
      assertThat(k.authKey().unsafeHex()).isEqualTo("fd051ca4df2c002b1a5f68d2a162dfdf01dd65a6");
      assertThat(k.saltKey().unsafeHex()).isEqualTo("922096357d7b767e9294e84d2f24");
    }
  }

  @Test
  void prfInput_srtcpLabel_sitsInOctet7With48BitROctet9With32BitR() {
    byte[] zeroSalt = new byte[14];
    assertThat(Hex.encode(SrtpKdf.prfInput(zeroSalt, 0x03, 0x7FFFFFFFL, SrtcpIndexWidth.BITS_48_ERRATA_3712.rBytes())))
        .isEqualTo("00000000000000" + "03" + "00007fffffff");
    assertThat(Hex.encode(SrtpKdf.prfInput(zeroSalt, 0x03, 0x7FFFFFFFL, SrtcpIndexWidth.BITS_32_RFC_3711_TEXT.rBytes())))
        .isEqualTo("000000000000000000" + "03" + "7fffffff");
  }

  @Test
  void aeadSalt96_isZeroAppended_asLibsrtp() {
    // RFC 7714 §11 gives no alignment for the 96-bit salt; libsrtp and jitsi-srtp append two zero
    // octets. The 12-byte salt must derive exactly what the zero-appended 14-byte salt derives.
    String key = "000102030405060708090a0b0c0d0e0f";
    try (SrtpKdf short96 = new SrtpKdf(SecretBytes.fromHex(key), SecretBytes.fromHex("0102030405060708090a0b0c"), KeyDerivationRate.ZERO);
        SrtpKdf padded = new SrtpKdf(SecretBytes.fromHex(key), SecretBytes.fromHex("0102030405060708090a0b0c0000"), KeyDerivationRate.ZERO);
        SrtpKdf rightAligned = new SrtpKdf(SecretBytes.fromHex(key), SecretBytes.fromHex("00000102030405060708090a0b0c"), KeyDerivationRate.ZERO)) {
      String k = short96.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, 0, 16).unsafeHex();
      assertThat(k).isEqualTo(padded.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, 0, 16).unsafeHex());
      assertThat(k).isNotEqualTo(rightAligned.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, 0, 16).unsafeHex());
    }
  }

  // ---- key derivation rate ------------------------------------------------------------------------

  @Test
  void srtpSessionKeys_withinOneKdrPeriod_areEqualAndAcrossPeriodsDiffer() {
    KeyDerivationRate kdr = KeyDerivationRate.ofPowerOfTwo(4); // 16 packets per period
    try (SrtpKdf kdf = new SrtpKdf(SecretBytes.fromHex(B3_MASTER_KEY), SecretBytes.fromHex(B3_MASTER_SALT), kdr)) {
      String first = kdf.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, 32, 16).unsafeHex();
      for (long i = 33; i < 48; i++) {
        assertThat(kdf.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, i, 16).unsafeHex()).as("index %d", i).isEqualTo(first);
      }
      assertThat(kdf.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, 31, 16).unsafeHex()).isNotEqualTo(first);
      assertThat(kdf.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, 48, 16).unsafeHex()).isNotEqualTo(first);
      assertThat(kdr.isDerivationPoint(32)).isTrue();
      assertThat(kdr.isDerivationPoint(47)).isFalse();
      assertThat(kdr.isDerivationPoint(48)).isTrue();
    }
  }

  @Test
  void srtpSessionKeys_kdrZero_sameKeysForEveryIndex() {
    try (SrtpKdf kdf = b3()) {
      Property.forAll(50, rnd -> {
        long index = rnd.nextLong(SrtpKdf.MAX_SRTP_INDEX + 1);
        assertThat(kdf.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, index, 16).unsafeHex())
            .isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
      });
    }
    assertThat(KeyDerivationRate.ZERO.isDerivationPoint(0)).isFalse();
  }

  @Test
  void deriveKey_rEqualsIndexDivKdrInTheLowOctets() {
    // r = index DIV kdr replaces the low 48 bits of key_id: index 0x123456789abc with kdr 2^8 gives
    // r = 0x00123456789a, the same x as kdr 1 with index 0x00123456789a.
    SecretBytes mk = SecretBytes.fromHex(B3_MASTER_KEY);
    SecretBytes ms = SecretBytes.fromHex(B3_MASTER_SALT);
    try (SrtpKdf a = new SrtpKdf(mk, ms, KeyDerivationRate.ofPowerOfTwo(8));
        SrtpKdf b = new SrtpKdf(mk, ms, KeyDerivationRate.ofPowerOfTwo(0))) {
      assertThat(a.deriveKey(SrtpKdf.Label.SRTP_SALT, 0x123456789abcL, 14).unsafeHex())
          .isEqualTo(b.deriveKey(SrtpKdf.Label.SRTP_SALT, 0x00123456789aL, 14).unsafeHex());
    }
  }

  @Test
  void keyDerivationRate_onlyZeroOrPowersOfTwoUpTo2To24() {
    for (long ok : new long[] {0, 1, 2, 1024, 1L << 24}) {
      assertThat(new KeyDerivationRate(ok).value()).isEqualTo(ok);
    }
    for (long bad : new long[] {-1, 3, 6, (1L << 24) + 1, 1L << 25}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KeyDerivationRate(bad));
      assertThat(e.getMessage()).startsWith("key_derivation_rate: " + bad + " ");
    }
    assertThrows(IllegalArgumentException.class, () -> KeyDerivationRate.ofPowerOfTwo(25));
    assertThat(KeyDerivationRate.ofPowerOfTwo(3).divide(17)).isEqualTo(2);
    assertThat(KeyDerivationRate.ZERO.divide(17)).isZero();
  }

  // ---- argument checks and secret hygiene -----------------------------------------------------------

  @Test
  void constructor_badMasterKeyOrSaltLength_throws() {
    SecretBytes salt = SecretBytes.fromHex(B3_MASTER_SALT);
    assertThrows(IllegalArgumentException.class, () -> new SrtpKdf(SecretBytes.copyOf(new byte[15]), salt, KeyDerivationRate.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new SrtpKdf(SecretBytes.fromHex(B3_MASTER_KEY), SecretBytes.copyOf(new byte[13]), KeyDerivationRate.ZERO));
  }

  @Test
  void deriveKey_indexBeyondItsWidth_throws() {
    try (SrtpKdf kdf = b3()) {
      assertThrows(IllegalArgumentException.class, () -> kdf.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, 1L << 48, 16));
      assertThrows(IllegalArgumentException.class, () -> kdf.deriveKey(SrtpKdf.Label.SRTCP_ENCRYPTION, 1L << 31, 16));
      assertThrows(IllegalArgumentException.class, () -> kdf.deriveKey(SrtpKdf.Label.SRTP_ENCRYPTION, -1, 16));
    }
  }

  @Test
  void close_wipesCopiesAndForbidsUse_butLeavesCallerKeysOpen() {
    SecretBytes mk = SecretBytes.fromHex(B3_MASTER_KEY);
    SrtpKdf kdf = new SrtpKdf(mk, SecretBytes.fromHex(B3_MASTER_SALT), KeyDerivationRate.ZERO);
    kdf.close();
    assertThat(mk.isClosed()).isFalse();
    assertThrows(IllegalStateException.class, () -> kdf.deriveKey(SrtpKdf.Label.SRTP_SALT, 0, 14));
    assertThat(kdf.toString()).isEqualTo("SrtpKdf[closed]");
  }

  @Test
  void toString_showsNoKeyBytes() {
    try (SrtpKdf kdf = b3(); SrtpSessionKeys k = kdf.srtpSessionKeys(0, SessionKeyLengths.aesCmHmacSha1(16))) {
      assertThat(kdf.toString()).doesNotContainIgnoringCase("E1F97A0D").doesNotContainIgnoringCase("0EC675AD");
      assertThat(k.toString()).doesNotContainIgnoringCase("c61e7a93").contains("16 bytes");
    }
  }
}
