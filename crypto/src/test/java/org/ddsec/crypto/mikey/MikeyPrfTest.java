package org.ddsec.crypto.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ddsec.core.SecretBytes;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * MIKEY PRF (RFC 3830 §4.1.2, RFC 6043 §6.1).
 *
 * <p>No RFC or 3GPP document publishes a MIKEY PRF known-answer vector. The P-function of RFC
 * 3830 §4.1.2 is, word for word, the TLS {@code P_hash(secret, seed)} of RFC 2246 §5 and RFC
 * 5246 §5 with {@code seed = label}, so it is checked against published TLS PRF vectors:
 *
 * <ul>
 *   <li>the TLS 1.2 PRF (P_SHA256) vector published on the IETF TLS working-group mailing list
 *       (secret 9bbe436b..., label "test label"), reproduced in many TLS test suites;
 *   <li>the NIST CAVP SP 800-135 TLS KDF vectors ("800-135testvectors", TLS 1.0/1.1 and TLS 1.2
 *       SHA-256, COUNT = 0), as reproduced in OpenSSL's {@code
 *       test/recipes/30-test_evp_data/evpkdf_tls11_prf.txt} / {@code evpkdf_tls12_prf.txt} and
 *       SymCrypt's {@code unittest/kat_kdf.dat}.
 * </ul>
 *
 * The MIKEY-specific part (inkey split into 256-bit blocks, XOR, truncation) is checked by
 * properties, and by {@link MikeyKeyDerivationTest}'s cross-implementation values.
 */
class MikeyPrfTest {

  // ---- TLS 1.2 PRF, IETF TLS WG mailing-list vector (P_SHA256, 16-byte secret => n = 1) -------

  private static final String TLS12_SECRET = "9bbe436ba940f017b17652849a71db35";
  private static final String TLS12_SEED = "a0ba9f936cda311827a6f796ffd5198c";
  private static final String TLS12_OUT =
      "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
          + "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
          + "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
          + "87347b66";

  @Test
  void derive_prfHmacSha256OnTls12MailingListVector_matches() {
    // MIKEY label = TLS label || seed; a 128-bit inkey is one block, so PRF = P_SHA256.
    byte[] label = concat(ascii("test label"), Hex.decode(TLS12_SEED));
    SecretBytes out = MikeyPrf.PRF_HMAC_SHA_256.derive(SecretBytes.copyOf(Hex.decode(TLS12_SECRET)), label, 800);
    assertThat(out.unsafeHex()).isEqualTo(TLS12_OUT);
  }

  // ---- NIST CAVP SP 800-135 TLS 1.2 (SHA-256), COUNT = 0 -------------------------------------

  private static final String NIST12_PMS =
      "f8938ecc9edebc5030c0c6a441e213cd24e6f770a50dda07876f8d55da062bcadb386b411fd4fe4313a604fce6c17fbc";
  private static final String NIST12_CLIENT_HELLO_RANDOM = "36c129d01a3200894b9179faac589d9835d58775f9b5ea3587cb8fd0364cae8c";
  private static final String NIST12_SERVER_HELLO_RANDOM = "f6c9575ed7ddd73e1f7d16eca115415812a43c2b747daaaae043abfb50053fce";
  private static final String NIST12_MASTER =
      "202c88c00f84a17a20027079604787461176455539e705be730890602c289a5001e34eeb3a043e5d52a65e66125188bf";
  private static final String NIST12_SERVER_RANDOM = "ae6c806f8ad4d80784549dff28a4b58fd837681a51d928c3e30ee5ff14f39868";
  private static final String NIST12_CLIENT_RANDOM = "62e1fd91f23f558a605f28478c58cf72637b89784d959df7e946d3f07bd1b616";
  private static final String NIST12_KEY_BLOCK =
      "d06139889fffac1e3a71865f504aa5d0d2a2e89506c6f2279b670c3e1b74f531016a2530c51a3a0f7e1d6590d0f0566b"
          + "2f387f8d11fd4f731cdd572d2eae927f6f2f81410b25e6960be68985add6c38445ad9f8c64bf8068bf9a6679485d966f"
          + "1ad6f68b43495b10a683755ea2b858d70ccac7ec8b053c6bd41ca299d4e51928";

  @Test
  void pFunction_hmacSha256OnNistTls12MasterSecret_matches() {
    // RFC 5246 §8.1: master_secret = PRF(pms, "master secret", ClientHello.random + ServerHello.random)[0..47]
    byte[] label = concat(ascii("master secret"), Hex.decode(NIST12_CLIENT_HELLO_RANDOM), Hex.decode(NIST12_SERVER_HELLO_RANDOM));
    byte[] p = PFunction.p("HmacSHA256", Hex.decode(NIST12_PMS), label, 2);
    assertThat(Hex.encode(Arrays.copyOf(p, 48))).isEqualTo(NIST12_MASTER);
  }

  @Test
  void pFunction_hmacSha256OnNistTls12KeyBlock_matches() {
    // RFC 5246 §6.3: key_block = PRF(master_secret, "key expansion", server_random + client_random)
    byte[] label = concat(ascii("key expansion"), Hex.decode(NIST12_SERVER_RANDOM), Hex.decode(NIST12_CLIENT_RANDOM));
    byte[] p = PFunction.p("HmacSHA256", Hex.decode(NIST12_MASTER), label, 4);
    assertThat(Hex.encode(p)).isEqualTo(NIST12_KEY_BLOCK);
  }

  // ---- NIST CAVP SP 800-135 TLS 1.0/1.1 (P_MD5 XOR P_SHA1), COUNT = 0 -------------------------

  private static final String NIST11_PMS =
      "bded7fa5c1699c010be23dd06ada3a48349f21e5f86263d512c0c5cc379f0e780ec55d9844b2f1db02a96453513568d0";
  private static final String NIST11_CLIENT_HELLO_RANDOM = "e5acaf549cd25c22d964c0d930fa4b5261d2507fad84c33715b7b9a864020693";
  private static final String NIST11_SERVER_HELLO_RANDOM = "135e4d557fdf3aa6406d82975d5c606a9734c9334b42136e96990fbd5358cdb2";
  private static final String NIST11_MASTER =
      "2f6962dfbc744c4b2138bb6b3d33054c5ecc14f24851d9896395a44ab3964efc2090c5bf51a0891209f46c1e1e998f62";
  private static final String NIST11_SERVER_RANDOM = "67267e650eb32444119d222a368c191af3082888dc35afe8368e638c828874be";
  private static final String NIST11_CLIENT_RANDOM = "d58a7b1cd4fedaa232159df652ce188f9d997e061b9bf48e83b62990440931f6";
  private static final String NIST11_KEY_BLOCK =
      "3088825988e77fce68d19f756e18e43eb7fe672433504feaf99b3c503d9091b164f166db301d70c9fc0870b4a94563907b"
          + "ee1a61fb786cb717576890bcc51cb9ead97e01d0a2fea99c953377b195205ff07b369589178796edc963fd80fdbe518a"
          + "2fc1c35c18ae8d";

  /**
   * RFC 2246 §5: PRF(secret, label, seed) = P_MD5(S1, label + seed) XOR P_SHA-1(S2, label + seed),
   * S1 and S2 the two halves of the secret. S2 (24 bytes) is one MIKEY inkey block, so the P_SHA-1
   * half is exactly MIKEY-1's PRF; the P_MD5 half uses the same P-function with HMAC-MD5.
   */
  private static byte[] tls10Prf(byte[] secret, byte[] label, int outBytes) {
    int half = secret.length / 2;
    byte[] s1 = Arrays.copyOfRange(secret, 0, half);
    byte[] s2 = Arrays.copyOfRange(secret, half, secret.length);
    byte[] md5 = PFunction.p("HmacMD5", s1, label, (outBytes + 15) / 16);
    byte[] sha1 = MikeyPrf.MIKEY_1.derive(SecretBytes.copyOf(s2), label, outBytes * 8).unsafeBytes();
    byte[] out = new byte[outBytes];
    for (int i = 0; i < outBytes; i++) {
      out[i] = (byte) (md5[i] ^ sha1[i]);
    }
    return out;
  }

  @Test
  void derive_mikey1AsTls10PrfHalfOnNistMasterSecret_matches() {
    byte[] label = concat(ascii("master secret"), Hex.decode(NIST11_CLIENT_HELLO_RANDOM), Hex.decode(NIST11_SERVER_HELLO_RANDOM));
    assertThat(Hex.encode(tls10Prf(Hex.decode(NIST11_PMS), label, 48))).isEqualTo(NIST11_MASTER);
  }

  @Test
  void derive_mikey1AsTls10PrfHalfOnNistKeyBlock_matches() {
    // 104 bytes = 832 bits: m = ceil(832 / 160) = 6 SHA-1 blocks, truncated.
    byte[] label = concat(ascii("key expansion"), Hex.decode(NIST11_SERVER_RANDOM), Hex.decode(NIST11_CLIENT_RANDOM));
    assertThat(Hex.encode(tls10Prf(Hex.decode(NIST11_MASTER), label, 104))).isEqualTo(NIST11_KEY_BLOCK);
  }

  // ---- the MIKEY part: 256-bit inkey blocks, XOR, truncation ------------------------------------

  @Test
  void derive_longInkey_isXorOfPerBlockPrfs() {
    for (MikeyPrf prf : MikeyPrf.values()) {
      Property.forAll(200, rnd -> {
        byte[] inkey = Property.bytes(rnd, 1, 130);
        byte[] label = Property.bytes(rnd, 0, 40);
        int outBytes = 1 + rnd.nextInt(80);
        byte[] expected = new byte[outBytes];
        for (int off = 0; off < inkey.length; off += 32) {
          byte[] s = Arrays.copyOfRange(inkey, off, Math.min(off + 32, inkey.length));
          byte[] p = PFunction.p(prf == MikeyPrf.MIKEY_1 ? "HmacSHA1" : "HmacSHA256", s, label, 1 + (outBytes * 8 - 1) / prf.hashBits());
          for (int i = 0; i < outBytes; i++) {
            expected[i] ^= p[i];
          }
        }
        assertThat(prf.derive(SecretBytes.copyOf(inkey), label, outBytes * 8).unsafeBytes())
            .as("%s, inkey %d bytes, out %d bytes", prf, inkey.length, outBytes)
            .isEqualTo(expected);
      });
    }
  }

  @Test
  void derive_inkeyOf33Bytes_differsFromItsFirst32Bytes() {
    byte[] k = new byte[33];
    Arrays.fill(k, (byte) 0x5a);
    byte[] label = {1, 2, 3};
    for (MikeyPrf prf : MikeyPrf.values()) {
      byte[] whole = prf.derive(SecretBytes.copyOf(k), label, 128).unsafeBytes();
      byte[] first = prf.derive(SecretBytes.copyOf(k, 0, 32), label, 128).unsafeBytes();
      byte[] second = prf.derive(SecretBytes.copyOf(k, 32, 1), label, 128).unsafeBytes();
      assertThat(whole).isNotEqualTo(first);
      for (int i = 0; i < 16; i++) {
        assertThat(whole[i]).isEqualTo((byte) (first[i] ^ second[i]));
      }
    }
  }

  @Test
  void derive_shorterOutput_isPrefixOfLongerOutput() {
    for (MikeyPrf prf : MikeyPrf.values()) {
      Property.forAll(100, rnd -> {
        SecretBytes inkey = SecretBytes.copyOf(Property.bytes(rnd, 1, 70));
        byte[] label = Property.bytes(rnd, 4, 40);
        int a = 1 + rnd.nextInt(64);
        int b = a + rnd.nextInt(64);
        byte[] shortOut = prf.derive(inkey, label, a * 8).unsafeBytes();
        byte[] longOut = prf.derive(inkey, label, b * 8).unsafeBytes();
        assertThat(shortOut).hasSize(a);
        assertThat(longOut).hasSize(b).startsWith(shortOut);
      });
    }
  }

  @Test
  void derive_twoPrfs_giveDifferentOutputs() {
    SecretBytes inkey = SecretBytes.copyOf(new byte[16]);
    assertThat(MikeyPrf.MIKEY_1.derive(inkey, new byte[4], 128).unsafeBytes())
        .isNotEqualTo(MikeyPrf.PRF_HMAC_SHA_256.derive(inkey, new byte[4], 128).unsafeBytes());
  }

  @Test
  void derive_leavesInkeyOpenAndUnchanged() {
    byte[] k = Hex.decode(TLS12_SECRET);
    SecretBytes inkey = SecretBytes.copyOf(k);
    MikeyPrf.MIKEY_1.derive(inkey, new byte[] {1}, 160).close();
    assertThat(inkey.isClosed()).isFalse();
    assertThat(inkey.unsafeBytes()).isEqualTo(k);
  }

  @Test
  void derive_outBitsNotPositiveMultipleOf8_throws() {
    SecretBytes inkey = SecretBytes.copyOf(new byte[16]);
    for (int bad : new int[] {0, -8, 7, 129}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MikeyPrf.MIKEY_1.derive(inkey, new byte[0], bad));
      assertThat(e.getMessage()).contains(String.valueOf(bad));
    }
  }

  @Test
  void derive_emptyInkey_throws() {
    assertThrows(IllegalArgumentException.class, () -> MikeyPrf.PRF_HMAC_SHA_256.derive(SecretBytes.copyOf(new byte[0]), new byte[0], 128));
  }

  // ---- wire code points -------------------------------------------------------------------------

  @Test
  void fromCode_assignedValues_roundTrip() {
    // RFC 3830 §6.1 Table 6.1.c, RFC 6043 §6.1 Table 6.3
    assertThat(MikeyPrf.fromCode(0)).isEqualTo(MikeyPrf.MIKEY_1);
    assertThat(MikeyPrf.fromCode(1)).isEqualTo(MikeyPrf.PRF_HMAC_SHA_256);
    for (MikeyPrf p : MikeyPrf.values()) {
      assertThat(MikeyPrf.fromCode(p.code())).isEqualTo(p);
    }
    assertThat(MikeyPrf.MIKEY_1.rfcName()).isEqualTo("MIKEY-1");
    assertThat(MikeyPrf.PRF_HMAC_SHA_256.rfcName()).isEqualTo("PRF-HMAC-SHA-256");
  }

  @Test
  void fromCode_unassignedValue_throwsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MikeyPrf.fromCode(2));
    assertThat(e.getMessage()).startsWith("PRF func: 2 ");
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
