package org.ddsec.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.MikeyPrf;
import org.ddsec.crypto.mikey.TrafficKeys;
import org.ddsec.testkit.Hex;
import org.junit.jupiter.api.Test;

/**
 * The MIKEY entry point: SRTP master key and salt from a TGK (RFC 3830 §4.1.3). No official
 * vector exists for this derivation; the expected values are crypto's cross-implementation
 * "case A" of {@code MikeyKeyDerivationTest} (TGK 00..0f, CS ID 1, CSB ID 0x12345678, RAND
 * a0..af, MIKEY-1), computed by {@code crypto/src/test/python/mikey_kdf_reference.py}.
 */
class SrtpMasterKeyTest {

  private static final byte[] RAND = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");

  private static SecretBytes tgk(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return SecretBytes.wrap(b);
  }

  @Test
  void fromMikeyTgk_aesCm128_isTekAndSaltOfRfc3830Section4_1_3() {
    try (SecretBytes tgk = tgk(16);
        SrtpMasterKey k = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MikeyPrf.MIKEY_1, tgk, 0x12345678L, 1, RAND)) {
      assertThat(k.key().unsafeHex()).isEqualTo("9ba4f67e6a85e7e7e9aa57681ca1f27d");
      assertThat(k.salt().unsafeHex()).isEqualTo("c19bd30c0f756df5cb26cb343639");
      assertThat(tgk.isClosed()).isFalse();
    }
  }

  @Test
  void fromMikeyTgk_aeadSuite_takes96SaltBitsWhichArePrefixOfThe112BitSalt() {
    // RFC 3830 §4.1.2: the outkey is the leftmost outkey_len bits, and 96 and 112 bits both need one HMAC block
    try (SecretBytes tgk = tgk(16);
        SrtpMasterKey k = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AEAD_AES_128_GCM, MikeyPrf.MIKEY_1, tgk, 0x12345678L, 1, RAND)) {
      assertThat(k.key().unsafeHex()).isEqualTo("9ba4f67e6a85e7e7e9aa57681ca1f27d");
      assertThat(k.salt().unsafeHex()).isEqualTo("c19bd30c0f756df5cb26cb34");
    }
  }

  @Test
  void fromMikeyTgk_aes256Gcm_matchesTrafficKeysOfTheSameInputs() {
    try (SecretBytes tgk = tgk(32);
        SrtpMasterKey k = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AEAD_AES_256_GCM, MikeyPrf.PRF_HMAC_SHA_256, tgk, 7, 2, RAND);
        TrafficKeys t = MikeyKeyDerivation.trafficKeys(MikeyPrf.PRF_HMAC_SHA_256, tgk, 2, 7, RAND, 32, 12)) {
      assertThat(k.key().length()).isEqualTo(32);
      assertThat(k.key().constantTimeEquals(t.tek())).isTrue();
      assertThat(k.salt().constantTimeEquals(t.salt())).isTrue();
    }
  }

  @Test
  void fromMikeyTgk_eachInputChangesTheKeys() {
    try (SecretBytes tgk = tgk(16); SrtpMasterKey base = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MikeyPrf.MIKEY_1, tgk, 1, 1, RAND);
        SrtpMasterKey otherCs = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MikeyPrf.MIKEY_1, tgk, 1, 2, RAND);
        SrtpMasterKey otherCsb = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MikeyPrf.MIKEY_1, tgk, 2, 1, RAND);
        SrtpMasterKey otherRand = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MikeyPrf.MIKEY_1, tgk, 1, 1, new byte[16]);
        SrtpMasterKey same = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MikeyPrf.MIKEY_1, tgk, 1, 1, RAND)) {
      assertThat(base.constantTimeEquals(same)).isTrue();
      assertThat(base.constantTimeEquals(otherCs)).isFalse();
      assertThat(base.constantTimeEquals(otherCsb)).isFalse();
      assertThat(base.constantTimeEquals(otherRand)).isFalse();
    }
  }

  @Test
  void fromMikeyTgk_keysFromBothEnds_interoperate() {
    try (SecretBytes tgk = tgk(16);
        SrtpMasterKey caller = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AEAD_AES_128_GCM, MikeyPrf.PRF_HMAC_SHA_256, tgk, 9, 1, RAND);
        SrtpMasterKey callee = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AEAD_AES_128_GCM, MikeyPrf.PRF_HMAC_SHA_256, tgk, 9, 1, RAND);
        SrtpSession tx = SrtpSession.sender(caller, SrtpOptions.DEFAULT); SrtpSession rx = SrtpSession.receiver(callee, SrtpOptions.DEFAULT)) {
      byte[] rtp = SrtpSessionTest.rtp(1, 160);
      assertThat(rx.unprotect(tx.protect(rtp).packet()).packet()).isEqualTo(rtp);
    }
  }

  @Test
  void close_wipesTheKeys() {
    SrtpMasterKey k = SrtpMasterKey.fromMikeyTgk(SrtpSuite.AES_CM_128_HMAC_SHA1_80, MikeyPrf.MIKEY_1, tgk(16), 1, 1, RAND);
    k.close();
    assertThat(k.toString()).isEqualTo("SrtpMasterKey[closed]");
    assertThrows(IllegalStateException.class, () -> k.key().length());
  }
}
