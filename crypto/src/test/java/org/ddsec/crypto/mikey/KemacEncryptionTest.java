package org.ddsec.crypto.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.AuthenticationException;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.Test;

/** KEMAC Encr data encryption (RFC 3830 §4.2.3, RFC 6043 §6.2). */
class KemacEncryptionTest {

  private static final SecretBytes ZERO_SALT_14 = SecretBytes.copyOf(new byte[14]);

  // ---- AES-CM IV: (S XOR (0x0000 || CSB ID || T)) || 0x0000 ----------------------------------------

  @Test
  void aesCmIv_zeroSalt_isCsbIdAndTimestampInPlace() {
    byte[] iv = KemacEncryption.AES_CM_128.aesCmIv(ZERO_SALT_14, 0x11223344L, 0x5566778899AABBCCL);
    assertThat(Hex.encode(iv)).isEqualTo("0000" + "11223344" + "5566778899aabbcc" + "0000");
  }

  @Test
  void aesCmIv_salt_isXoredByteByByte() {
    SecretBytes s = SecretBytes.fromHex("0102030405060708090a0b0c0d0e");
    byte[] iv = KemacEncryption.AES_CM_256.aesCmIv(s, 0xFFFFFFFFL, 0x8000000000000001L);
    // 01 02 | 03^ff 04^ff 05^ff 06^ff | 07^80 08 09 0a 0b 0c 0d 0e^01 | 00 00
    assertThat(Hex.encode(iv)).isEqualTo("0102" + "fcfbfaf9" + "870809" + "0a0b0c0d0f" + "0000");
  }

  @Test
  void aesCmIv_32BitCounterTimestamp_isPaddedWithLeadingZeros() {
    // RFC 3830 §6.6: COUNTER is padded with leading zeros to 64 bits.
    byte[] iv = KemacEncryption.AES_CM_128.aesCmIv(ZERO_SALT_14, 0, 0xCAFEBABEL);
    assertThat(Hex.encode(iv)).isEqualTo("0000" + "00000000" + "00000000cafebabe" + "0000");
  }

  @Test
  void aesCmIv_csbIdBeyond32Bits_throws() {
    assertThrows(IllegalArgumentException.class, () -> KemacEncryption.AES_CM_128.aesCmIv(ZERO_SALT_14, 1L << 32, 0));
  }

  // ---- AES-CM against the RFC 3711 B.2 / RFC 6188 §7.1 keystreams ---------------------------------

  @Test
  void encrypt_aesCm128_isRfc3711AppendixB2Keystream() {
    // S = F0F1..FD with CSB ID 0 and T 0 gives IV F0F1..FD0000, the B.2 counter; encrypting zeros
    // yields the keystream. Key and blocks from RFC 3711 Appendix B.2.
    byte[] ct = KemacEncryption.AES_CM_128.encrypt(SecretBytes.fromHex("2B7E151628AED2A6ABF7158809CF4F3C"),
        SecretBytes.fromHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"), 0, 0, SecretBytes.copyOf(new byte[48]));
    assertThat(Hex.encode(ct)).isEqualToIgnoringCase(
        "E03EAD0935C95E80E166B16DD92B4EB4" + "D23513162B02D0F72A43A2FE4A5F97AB" + "41E95B3BB0A2E8DD477901E4FCA894C0");
  }

  @Test
  void encrypt_aesCm256_isRfc6188Section71Keystream() {
    byte[] ct = KemacEncryption.AES_CM_256.encrypt(
        SecretBytes.fromHex("57f82fe3613fd170a85ec93c40b1f0922ec4cb0dc025b58272147cc438944a98"),
        SecretBytes.fromHex("f0f1f2f3f4f5f6f7f8f9fafbfcfd"), 0, 0, SecretBytes.copyOf(new byte[35]));
    assertThat(Hex.encode(ct)).isEqualTo("92bdd28a93c3f52511c677d08b5515a4" + "9da71b2378a854f67050756ded165bac" + "63c486");
  }

  @Test
  void encrypt_aesCmWithCsbIdAndTimestamp_usesTheXoredIv() {
    // Same key and keystream, but S chosen so that S XOR (0000 || CSB ID || T) = F0F1..FD.
    long csbId = 0xA5A5A5A5L;
    long t = 0x0123456789ABCDEFL;
    byte[] s = Hex.decode("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
    for (int i = 0; i < 4; i++) {
      s[2 + i] ^= (byte) (csbId >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      s[6 + i] ^= (byte) (t >>> (56 - 8 * i));
    }
    byte[] ct = KemacEncryption.AES_CM_128.encrypt(SecretBytes.fromHex("2B7E151628AED2A6ABF7158809CF4F3C"),
        SecretBytes.copyOf(s), csbId, t, SecretBytes.copyOf(new byte[16]));
    assertThat(Hex.encode(ct)).isEqualToIgnoringCase("E03EAD0935C95E80E166B16DD92B4EB4");
  }

  @Test
  void decrypt_aesCm_roundTrips() throws AuthenticationException {
    for (KemacEncryption alg : new KemacEncryption[] {KemacEncryption.AES_CM_128, KemacEncryption.AES_CM_256}) {
      Property.forAll(50, rnd -> {
        SecretBytes k = SecretBytes.copyOf(Property.bytes(rnd, alg.encrKeyBytes()));
        SecretBytes s = SecretBytes.copyOf(Property.bytes(rnd, alg.saltKeyBytes()));
        long csb = rnd.nextLong(1L << 32);
        long t = rnd.nextLong();
        byte[] p = Property.bytes(rnd, 0, 300);
        byte[] ct = alg.encrypt(k, s, csb, t, SecretBytes.copyOf(p));
        assertThat(ct).hasSize(p.length);
        try {
          assertThat(alg.decrypt(k, s, csb, t, ct).unsafeBytes()).isEqualTo(p);
        } catch (AuthenticationException e) {
          throw new AssertionError(e);
        }
      });
    }
  }

  // ---- AES-KW (RFC 3394) -------------------------------------------------------------------------

  private static final String KW_KEK = "000102030405060708090A0B0C0D0E0F";
  private static final String KW_DEFAULT_IV = "A6A6A6A6A6A6A6A6";
  private static final String KW_KEY_DATA = "00112233445566778899AABBCCDDEEFF";
  private static final String KW_CIPHERTEXT = "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5";

  @Test
  void encrypt_aesKwWithDefaultIvAsSalt_isRfc3394Section41() {
    // RFC 3394 §4.1: 128 bits of key data with a 128-bit KEK, default IV A6A6A6A6A6A6A6A6 (§2.2.3.1).
    byte[] ct = KemacEncryption.AES_KW_128.encrypt(SecretBytes.fromHex(KW_KEK), SecretBytes.fromHex(KW_DEFAULT_IV), 0, 0,
        SecretBytes.fromHex(KW_KEY_DATA));
    assertThat(Hex.encode(ct)).isEqualToIgnoringCase(KW_CIPHERTEXT);
  }

  @Test
  void decrypt_aesKwRfc3394Section41_unwraps() throws AuthenticationException {
    SecretBytes p = KemacEncryption.AES_KW_128.decrypt(SecretBytes.fromHex(KW_KEK), SecretBytes.fromHex(KW_DEFAULT_IV), 0, 0,
        Hex.decode(KW_CIPHERTEXT));
    assertThat(p.unsafeHex()).isEqualToIgnoringCase(KW_KEY_DATA);
  }

  @Test
  void decrypt_aesKwWithOtherSalt_throwsAuthenticationException() {
    // The salt is the RFC 3394 initial value: unwrapping with another S fails the integrity check.
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> KemacEncryption.AES_KW_128.decrypt(
        SecretBytes.fromHex(KW_KEK), SecretBytes.fromHex("A6A6A6A6A6A6A6A7"), 0, 0, Hex.decode(KW_CIPHERTEXT)));
    assertThat(e.getMessage()).isEqualTo("AES-KW-128 integrity check failed");
  }

  @Test
  void decrypt_aesKwEveryBitFlipAndTruncation_throwsAuthenticationException() {
    SecretBytes k = SecretBytes.fromHex(KW_KEK);
    SecretBytes s = SecretBytes.fromHex("0706050403020100");
    byte[] ct = KemacEncryption.AES_KW_128.encrypt(k, s, 0, 0, SecretBytes.fromHex(KW_KEY_DATA + "0001020304050607"));
    Tamper.assertEveryBitFlipRejected(ct, AuthenticationException.class, c -> KemacEncryption.AES_KW_128.decrypt(k, s, 0, 0, c));
    Tamper.assertEveryTruncationRejected(ct, AuthenticationException.class, c -> KemacEncryption.AES_KW_128.decrypt(k, s, 0, 0, c));
  }

  @Test
  void decrypt_aesKwBadLength_throwsNamingLength() {
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> KemacEncryption.AES_KW_128.decrypt(
        SecretBytes.fromHex(KW_KEK), SecretBytes.fromHex(KW_DEFAULT_IV), 0, 0, new byte[20]));
    assertThat(e.getMessage()).isEqualTo("AES-KW-128 ciphertext: 20 bytes (expected: a multiple of 8, at least 24)");
  }

  @Test
  void encrypt_aesKwPlaintextNotMultipleOf8_throws() {
    assertThrows(IllegalArgumentException.class, () -> KemacEncryption.AES_KW_128.encrypt(
        SecretBytes.fromHex(KW_KEK), SecretBytes.fromHex(KW_DEFAULT_IV), 0, 0, SecretBytes.copyOf(new byte[17])));
    assertThrows(IllegalArgumentException.class, () -> KemacEncryption.AES_KW_128.encrypt(
        SecretBytes.fromHex(KW_KEK), SecretBytes.fromHex(KW_DEFAULT_IV), 0, 0, SecretBytes.copyOf(new byte[8])));
  }

  // ---- NULL, lengths, code points ------------------------------------------------------------------

  @Test
  void insecureNull_passesDataThrough() throws AuthenticationException {
    byte[] p = {1, 2, 3};
    assertThat(KemacEncryption.INSECURE_NULL.encrypt(null, null, 0, 0, SecretBytes.copyOf(p))).isEqualTo(p);
    assertThat(KemacEncryption.INSECURE_NULL.decrypt(null, null, 0, 0, p).unsafeBytes()).isEqualTo(p);
  }

  @Test
  void encrypt_wrongKeyOrSaltLength_throwsNamingLengths() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KemacEncryption.AES_CM_256.encrypt(
        SecretBytes.copyOf(new byte[16]), ZERO_SALT_14, 0, 0, SecretBytes.copyOf(new byte[1])));
    assertThat(e.getMessage()).isEqualTo("AES-CM-256 encr_key: 16 bytes (expected: 32)");
    assertThrows(IllegalArgumentException.class, () -> KemacEncryption.AES_CM_128.encrypt(
        SecretBytes.copyOf(new byte[16]), SecretBytes.copyOf(new byte[8]), 0, 0, SecretBytes.copyOf(new byte[1])));
  }

  @Test
  void fromCode_assignedValues_haveRfcKeyAndSaltLengths() {
    // RFC 3830 §6.2 Table 6.2.a and §4.2.3; RFC 6043 §6.2 Table 6.5
    assertThat(KemacEncryption.fromCode(0)).isEqualTo(KemacEncryption.INSECURE_NULL);
    assertThat(KemacEncryption.fromCode(1)).isEqualTo(KemacEncryption.AES_CM_128);
    assertThat(KemacEncryption.fromCode(2)).isEqualTo(KemacEncryption.AES_KW_128);
    assertThat(KemacEncryption.fromCode(3)).isEqualTo(KemacEncryption.AES_CM_256);
    assertThat(KemacEncryption.AES_CM_128.saltKeyBytes()).isEqualTo(14);
    assertThat(KemacEncryption.AES_KW_128.saltKeyBytes()).isEqualTo(8);
    assertThat(KemacEncryption.AES_CM_256.encrKeyBytes()).isEqualTo(32);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KemacEncryption.fromCode(4));
    assertThat(e.getMessage()).startsWith("Encr alg: 4 ");
  }
}
