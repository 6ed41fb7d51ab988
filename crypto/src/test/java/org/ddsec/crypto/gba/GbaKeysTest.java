package org.ddsec.crypto.gba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ddsec.core.SecretBytes;
import org.ddsec.testkit.Hex;
import org.junit.jupiter.api.Test;

class GbaKeysTest {

  /**
   * The KDF is HMAC-SHA-256 over S (Annex B.2). Checked in two steps: the HMAC building block
   * against RFC 4231 §4.2 (test case 1), and derive() against that HMAC over the exact S layout
   * FC || P0 || L0.
   */
  @Test
  void kdf_isHmacSha256OverS_rfc4231() {
    SecretBytes key = SecretBytes.fromHex("0b".repeat(20));
    byte[] s = Kdf.s(0x01, "gba-me".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(Hex.encode(s)).isEqualTo("01" + "6762612d6d65" + "0006");
    assertThat(Kdf.derive(key, 0x01, "gba-me".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).unsafeHex())
        .isEqualTo(hmacSha256("0b".repeat(20), Hex.encode(s)));
    // RFC 4231 §4.2, the primitive the KDF is built on:
    assertThat(hmacSha256("0b".repeat(20), "4869205468657265"))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  }

  private static String hmacSha256(String keyHex, String dataHex) {
    try {
      javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
      m.init(new javax.crypto.spec.SecretKeySpec(Hex.decode(keyHex), "HmacSHA256"));
      return Hex.encode(m.doFinal(Hex.decode(dataHex)));
    } catch (java.security.GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Ks_NAF with Ks = CK || IK of TS 35.208 test set 1. TS 33.220 publishes no Ks_NAF test data;
   * the expected S and output were computed independently with Python's hmac/hashlib from the
   * Annex B.2/B.3 definitions (crypto/src/test/python/gba_ks_naf_reference.py; docs/crypto-vectors.md).
   */
  @Test
  void ksNaf_annexB3_independentlyComputed() {
    SecretBytes ck = SecretBytes.fromHex("b40ba9a3c58b2a05bbf0d987b21bf8cb");
    SecretBytes ik = SecretBytes.fromHex("f769bcd751044604127672711c6d3441");
    SecretBytes ks = GbaKeys.ks(ck, ik);
    assertThat(ks.unsafeHex()).isEqualTo("b40ba9a3c58b2a05bbf0d987b21bf8cbf769bcd751044604127672711c6d3441");
    byte[] rand = Hex.decode("23553cbe9637a89d218ae64dae47bf35");
    NafId naf = NafId.kms("kms.ims.example.org");
    assertThat(Hex.encode(Kdf.s(GbaKeys.FC_NAF, GbaKeys.GBA_ME, rand,
        "alice@ims.example.org".getBytes(java.nio.charset.StandardCharsets.UTF_8), naf.bytes())))
        .isEqualTo("016762612d6d65000623553cbe9637a89d218ae64dae47bf350010616c69636540696d732e6578616d706c652e6f726700156b6d732e696d732e6578616d706c652e6f726701000000060018");
    assertThat(GbaKeys.ksNaf(ks, rand, "alice@ims.example.org", naf).unsafeHex())
        .isEqualTo("eb2d1ae1f394d68407b698fddb7fcddf5a72183cac6e83b0aea131ba483123b3");
  }

  @Test
  void ksNaf_bindsEveryInput() {
    SecretBytes ks = SecretBytes.fromHex("11".repeat(32));
    byte[] rand = Hex.decode("00".repeat(16));
    String base = GbaKeys.ksNaf(ks, rand, "a@x", NafId.kms("kms.x")).unsafeHex();
    assertThat(GbaKeys.ksNaf(ks, Hex.decode("01" + "00".repeat(15)), "a@x", NafId.kms("kms.x")).unsafeHex()).isNotEqualTo(base);
    assertThat(GbaKeys.ksNaf(ks, rand, "b@x", NafId.kms("kms.x")).unsafeHex()).isNotEqualTo(base);
    assertThat(GbaKeys.ksNaf(ks, rand, "a@x", NafId.kms("kms.y")).unsafeHex()).isNotEqualTo(base);
    assertThat(GbaKeys.ksNaf(ks, rand, "a@x", new NafId("kms.x", new byte[] {1, 0, 0, 0, 2})).unsafeHex()).isNotEqualTo(base);
  }

  @Test
  void nafIdAndBtid_layout() {
    assertThat(Hex.encode(NafId.kms("k").bytes())).isEqualTo("6b0100000006");
    assertThat(GbaKeys.btid(Hex.decode("23553cbe9637a89d218ae64dae47bf35"), "bsf.ims.example.org"))
        .isEqualTo("I1U8vpY3qJ0hiuZNrke/NQ==@bsf.ims.example.org");
    assertThrows(IllegalArgumentException.class, () -> new NafId("k", new byte[4]));
    assertThrows(IllegalArgumentException.class, () -> GbaKeys.ksNaf(SecretBytes.fromHex("00"), new byte[15], "a", NafId.kms("k")));
    assertThrows(IllegalArgumentException.class, () -> Kdf.s(1, new byte[65536]));
  }
}
