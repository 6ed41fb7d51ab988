package org.ddsec.crypto.kmsdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.ddsec.core.SecretBytes;
import org.ddsec.testkit.Hex;
import org.junit.jupiter.api.Test;

/**
 * KMS-DD key derivations against values computed independently with Python's hmac/hashlib by
 * {@code crypto/src/test/python/kmsdd_kdf_reference.py} (same inputs; not official vectors — the
 * profile is ddsec's own). The TS 33.220 KDF itself is checked against RFC 4231 in GbaKeysTest.
 */
class KmsDdKdfTest {

  static final SecretBytes KA = SecretBytes.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  static final SecretBytes KKMS = SecretBytes.fromHex("202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f");
  static final byte[] RA = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
  static final byte[] MSG = Hex.decode("00112233445566778899aabbccddeeff");
  static final String A = "sip:alice@ims.example";
  static final String B = "sip:bob@ims.example";
  static final String BM = "sip:vm.ims.example";

  @Test
  void everyDerivation_matchesIndependentReference() {
    assertThat(KmsDdKdf.ticketProtectionKey(KA, 0xFDD1).unsafeHex())
        .isEqualTo("c47564a346a514df634fce71adc121ac49d460c2f8e668a63ac6501265145aac");
    assertThat(KmsDdKdf.mpki(KA, RA, A, B).unsafeHex()).isEqualTo("5caa8140fb971e7f30f1d47f570bbccd9ba0a50ef2c5d8d62b62f8aeeb292d10");
    SecretBytes kd = KmsDdKdf.derivationSecret(KKMS, 7);
    assertThat(kd.unsafeHex()).isEqualTo("9f3199e61e6bacb86da1deacd9223af37f64ba1ee8e7e6b26281d803ca4dc1b1");
    assertThat(KmsDdKdf.tokenProtectionKey(KKMS, 7).unsafeHex())
        .isEqualTo("82c20f0c62a0097f9e58d3425e2addc458c2e09f91708b7c72f81f2a92614307");
    assertThat(KmsDdKdf.mediaKey(kd, RA, A, B, MSG).unsafeHex())
        .isEqualTo("364b79c603785de7d473ff55508eef3f4880dde4ed7f94dc6559b8c40f6498c6");
    assertThat(KmsDdKdf.endToMailboxKey(kd, RA, A, BM, MSG).unsafeHex())
        .isEqualTo("cbaaa96ed02abf8e00a8e032e1dad676eb9fa9a1936240ceb2a7fb361590af48");
    assertThat(Hex.encode(KmsDdKdf.messageId("ticket data".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("b6819c8f05f702ff8cae0eb68400f3b2");
  }

  @Test
  void mediaKey_bindsRecipientAndMessage_unlikeTheSeedsKdf() {
    SecretBytes kd = KmsDdKdf.derivationSecret(KKMS, 1);
    Set<String> keys = new HashSet<>();
    keys.add(KmsDdKdf.mediaKey(kd, RA, A, B, MSG).unsafeHex());
    keys.add(KmsDdKdf.mediaKey(kd, RA, A, "sip:carol@ims.example", MSG).unsafeHex());
    byte[] other = MSG.clone();
    other[0] ^= 1;
    keys.add(KmsDdKdf.mediaKey(kd, RA, A, B, other).unsafeHex());
    keys.add(KmsDdKdf.mediaKey(KmsDdKdf.derivationSecret(KKMS, 2), RA, A, B, MSG).unsafeHex());
    assertThat(keys).hasSize(4);
  }

  @Test
  void labels_keepDerivationsApart_sameInputsDifferentUse() {
    // TPK of the three ticket types and MPKi from the same Ka never coincide.
    Set<String> keys = new HashSet<>();
    for (int type : new int[] {0xFDD1, 0xFDD2, 0xFDD3}) {
      keys.add(KmsDdKdf.ticketProtectionKey(KA, type).unsafeHex());
    }
    keys.add(KmsDdKdf.mpki(KA, RA, A, B).unsafeHex());
    keys.add(KmsDdKdf.derivationSecret(KA, 1).unsafeHex());
    keys.add(KmsDdKdf.tokenProtectionKey(KA, 1).unsafeHex());
    assertThat(keys).hasSize(6);
  }
}
