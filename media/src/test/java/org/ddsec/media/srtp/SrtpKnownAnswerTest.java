package org.ddsec.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.srtp.SrtpSessionKeys;
import org.ddsec.media.srtp.internal.AesGcmTransform;
import org.ddsec.testkit.Hex;
import org.junit.jupiter.api.Test;

/**
 * Whole protected packets against published vectors.
 *
 * <ul>
 *   <li>AES-CM + HMAC-SHA1 from master key to wire bytes: RFC 3711 Appendix B gives the
 *       keystream (B.2) and key derivation (B.3, tested in crypto's {@code SrtpKdfTest}) but no
 *       packet; libsrtp's {@code srtp_validate()} ({@code test/srtp_driver.c}) protects a packet
 *       under exactly the B.3 master key and salt, and its reference packets are the de-facto
 *       known answers every SRTP stack checks against.
 *   <li>AEAD_AES_128/256_GCM with session keys: RFC 7714 §16 (SRTP) and §17 (SRTCP).
 *   <li>AEAD_AES_128_GCM from master key: libsrtp's {@code srtp_validate_gcm()}, which also pins
 *       how the 96-bit master salt meets the 112-bit KDF input.
 * </ul>
 */
class SrtpKnownAnswerTest {

  // RFC 3711 Appendix B.3 master key and salt (= libsrtp test_key)
  private static final String B3_KEY = "e1f97a0d3e018be0d64fa32c06de4139";
  private static final String B3_SALT = "0ec675ad498afeebb6960b3aabe6";

  // libsrtp srtp_validate(): SSRC 0xcafebabe, SEQ 0x1234, 16 octets of 0xab
  private static final String LIBSRTP_RTP = "800f1234decafbadcafebabe" + "abababababababababababababababab";
  private static final String LIBSRTP_SRTP_80 = "800f1234decafbadcafebabe" + "4e55dc4ce79978d88ca4d215949d2402" + "b78d6acc99ea179b8dbb";
  private static final String LIBSRTP_SRTP_32 = "800f1234decafbadcafebabe" + "4e55dc4ce79978d88ca4d215949d2402" + "b78d6acc";
  private static final String LIBSRTP_RTCP = "81c8000bcafebabe" + "abababababababababababababababab";
  private static final String LIBSRTP_SRTCP_80 = "81c8000bcafebabe" + "7128035be487b9bdbef89041f977a5a8" + "80000001" + "993e08cd54d6c1230798";

  // libsrtp srtp_validate_gcm(): master key 00..0f, master salt a0..ab
  private static final String GCM_KEY = "000102030405060708090a0b0c0d0e0f";
  private static final String GCM_SALT = "a0a1a2a3a4a5a6a7a8a9aaab";
  private static final String LIBSRTP_SRTP_GCM = "800f1234decafbadcafebabe"
      + "c5002ede04cfdd2eb91159e0880aa06e" + "d2976826f796b201df3131a127e8a392";
  private static final String LIBSRTP_SRTCP_GCM = "81c8000bcafebabe"
      + "c98b8b5df0392a55852b6c21ac8e7025" + "c52c6fbea2b3b446ea31123ba88ce61e" + "80000001";

  // RFC 7714 §16: packet, session key 00..0f (00..1f), session salt "Quid pro quo"
  private static final String RFC7714_SALT = "517569642070726f2071756f";
  private static final String RFC7714_KEY_128 = "000102030405060708090a0b0c0d0e0f";
  private static final String RFC7714_KEY_256 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  private static final String RFC7714_RTP = "8040f17b8041f8d35501a0b2"
      + "47616c6c" + "69612065" + "7374206f" + "6d6e6973" + "20646976" + "69736120" + "696e2070" + "61727465" + "73207472" + "6573";

  private static SrtpMasterKey master(SrtpSuite suite, String key, String salt) {
    return SrtpMasterKey.of(suite, SecretBytes.fromHex(key), SecretBytes.fromHex(salt));
  }

  private static SrtpSessionKeys gcmSessionKeys(String key) {
    return new SrtpSessionKeys(SecretBytes.fromHex(key), SecretBytes.copyOf(new byte[0]), SecretBytes.fromHex(RFC7714_SALT));
  }

  @Test
  void rfc7714Packet_isTheGalliaString() {
    assertThat(new String(Hex.decode(RFC7714_RTP), 12, 38, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("Gallia est omnis divisa in partes tres");
  }

  @Test
  void protect_aesCm128HmacSha1_80_rfc3711B3Key_matchesLibsrtpReferencePacket() {
    try (SrtpMasterKey k = master(SrtpSuite.AES_CM_128_HMAC_SHA1_80, B3_KEY, B3_SALT);
        SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      SrtpResult p = tx.protect(Hex.decode(LIBSRTP_RTP));
      assertThat(p.status()).isEqualTo(SrtpStatus.OK);
      assertThat(Hex.encode(p.packet())).isEqualTo(LIBSRTP_SRTP_80);
      assertThat(p.index()).isEqualTo(0x1234);
      SrtpResult u = rx.unprotect(Hex.decode(LIBSRTP_SRTP_80));
      assertThat(u.status()).isEqualTo(SrtpStatus.OK);
      assertThat(Hex.encode(u.packet())).isEqualTo(LIBSRTP_RTP);
    }
  }

  @Test
  void protect_aesCm128HmacSha1_32_keepsTheFirst32TagBits() {
    try (SrtpMasterKey k = master(SrtpSuite.AES_CM_128_HMAC_SHA1_32, B3_KEY, B3_SALT);
        SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      assertThat(Hex.encode(tx.protect(Hex.decode(LIBSRTP_RTP)).packet())).isEqualTo(LIBSRTP_SRTP_32);
      assertThat(Hex.encode(rx.unprotect(Hex.decode(LIBSRTP_SRTP_32)).packet())).isEqualTo(LIBSRTP_RTP);
    }
  }

  @Test
  void protectRtcp_aesCm128_firstIndexIsZeroAndSecondMatchesLibsrtp() {
    // RFC 3711 §3.4: the SRTCP index starts at 0; libsrtp increments before its first packet, so
    // its reference packet carries index 1 — our second packet.
    for (SrtpSuite suite : new SrtpSuite[] {SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_32}) {
      try (SrtpMasterKey k = master(suite, B3_KEY, B3_SALT);
          SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
          SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
        SrtpResult first = tx.protectRtcp(Hex.decode(LIBSRTP_RTCP));
        assertThat(first.index()).isZero();
        assertThat(Hex.encode(first.packet()).substring(48, 56)).isEqualTo("80000000");
        assertThat(Hex.encode(tx.protectRtcp(Hex.decode(LIBSRTP_RTCP)).packet())).as(suite.name()).isEqualTo(LIBSRTP_SRTCP_80);
        SrtpResult u = rx.unprotectRtcp(Hex.decode(LIBSRTP_SRTCP_80));
        assertThat(u.status()).isEqualTo(SrtpStatus.OK);
        assertThat(u.index()).isEqualTo(1);
        assertThat(Hex.encode(u.packet())).isEqualTo(LIBSRTP_RTCP);
      }
    }
  }

  @Test
  void protect_aeadAes128Gcm_masterKeyAnd96BitSalt_matchesLibsrtpGcmReferencePackets() {
    try (SrtpMasterKey k = master(SrtpSuite.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT);
        SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      assertThat(Hex.encode(tx.protect(Hex.decode(LIBSRTP_RTP)).packet())).isEqualTo(LIBSRTP_SRTP_GCM);
      tx.protectRtcp(Hex.decode(LIBSRTP_RTCP)); // index 0
      assertThat(Hex.encode(tx.protectRtcp(Hex.decode(LIBSRTP_RTCP)).packet())).isEqualTo(LIBSRTP_SRTCP_GCM);
      assertThat(Hex.encode(rx.unprotect(Hex.decode(LIBSRTP_SRTP_GCM)).packet())).isEqualTo(LIBSRTP_RTP);
      assertThat(Hex.encode(rx.unprotectRtcp(Hex.decode(LIBSRTP_SRTCP_GCM)).packet())).isEqualTo(LIBSRTP_RTCP);
    }
  }

  // ---- RFC 7714 §16 / §17 (session keys given directly) -----------------------------------------

  @Test
  void rfc7714Section16_1_aes128GcmEncryption_matchesAndDecrypts() {
    String expected = "8040f17b8041f8d35501a0b2"
        + "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf8833"
        + "899d7f27beb16a9152cf765ee4390cce";
    try (AesGcmTransform t = new AesGcmTransform(gcmSessionKeys(RFC7714_KEY_128))) {
      assertThat(Hex.encode(t.iv(0x5501a0b2L, 0xf17b))).isEqualTo("51753c6580c2726f20718414"); // §16 IV
      assertThat(Hex.encode(t.protectRtp(Hex.decode(RFC7714_RTP), 12, 0x5501a0b2L, 0xf17b))).isEqualTo(expected); // §16.1.1
      assertThat(Hex.encode(t.unprotectRtp(Hex.decode(expected), 12, 0x5501a0b2L, 0xf17b))).isEqualTo(RFC7714_RTP); // §16.1.2
    }
  }

  @Test
  void rfc7714Section16_2_aes256GcmEncryption_matchesAndDecrypts() {
    String expected = "8040f17b8041f8d35501a0b2"
        + "32b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799b87b"
        + "7aa3db36dfffd6b0f9bb7878d7a76c13";
    try (AesGcmTransform t = new AesGcmTransform(gcmSessionKeys(RFC7714_KEY_256))) {
      assertThat(Hex.encode(t.protectRtp(Hex.decode(RFC7714_RTP), 12, 0x5501a0b2L, 0xf17b))).isEqualTo(expected); // §16.2.1
      assertThat(Hex.encode(t.unprotectRtp(Hex.decode(expected), 12, 0x5501a0b2L, 0xf17b))).isEqualTo(RFC7714_RTP); // §16.2.2
    }
  }

  private static final String RFC7714_RTCP = "81c8000d4d6172734e5450314e54503252545020" + "0000042a0000e9304c756e61"
      + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";

  @Test
  void rfc7714Section17_1_srtcpAes128GcmEncryptionAndTagging_matches() {
    String expected = "81c8000d4d617273"
        + "63e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded0bb9275b"
        + "c84aa45896cf4d2fc5abf87245d9eade" + "800005d4";
    try (AesGcmTransform t = new AesGcmTransform(gcmSessionKeys(RFC7714_KEY_128))) {
      assertThat(Hex.encode(t.iv(0x4d617273L, 0x5d4))).isEqualTo("517524055203726f207170bb"); // §17 IV
      assertThat(Hex.encode(t.protectRtcp(Hex.decode(RFC7714_RTCP), 0x4d617273L, 0x5d4, true))).isEqualTo(expected);
      assertThat(Hex.encode(t.unprotectRtcp(Hex.decode(expected), 0x4d617273L, 0x5d4, true))).isEqualTo(RFC7714_RTCP);
    }
  }

  @Test
  void rfc7714Section17_2_srtcpAes256GcmVerificationAndDecryption_matches() {
    String received = "81c8000d4d617273"
        + "d50ae4d1f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be8415f658c61de0476f1b6fad"
        + "1d1eb30c4446839f57ff6f6cb26ac3be" + "800005d4";
    try (AesGcmTransform t = new AesGcmTransform(gcmSessionKeys(RFC7714_KEY_256))) {
      assertThat(Hex.encode(t.unprotectRtcp(Hex.decode(received), 0x4d617273L, 0x5d4, true))).isEqualTo(RFC7714_RTCP);
      assertThat(Hex.encode(t.protectRtcp(Hex.decode(RFC7714_RTCP), 0x4d617273L, 0x5d4, true))).isEqualTo(received);
    }
  }

  @Test
  void rfc7714Section17_3_srtcpAes128GcmTaggingOnly_matches() {
    String expected = RFC7714_RTCP + "841dd9683dd78ec92ae58790125f62b3" + "000005d4";
    try (AesGcmTransform t = new AesGcmTransform(gcmSessionKeys(RFC7714_KEY_128))) {
      assertThat(Hex.encode(t.protectRtcp(Hex.decode(RFC7714_RTCP), 0x4d617273L, 0x5d4, false))).isEqualTo(expected);
      assertThat(Hex.encode(t.unprotectRtcp(Hex.decode(expected), 0x4d617273L, 0x5d4, false))).isEqualTo(RFC7714_RTCP);
    }
  }

  @Test
  void rfc7714Section17_4_srtcpAes256GcmTagVerification_matches() {
    String received = RFC7714_RTCP + "91db4afbfeee5a978fab4393ed2615fe" + "000005d4";
    try (AesGcmTransform t = new AesGcmTransform(gcmSessionKeys(RFC7714_KEY_256))) {
      assertThat(Hex.encode(t.unprotectRtcp(Hex.decode(received), 0x4d617273L, 0x5d4, false))).isEqualTo(RFC7714_RTCP);
      byte[] bad = Hex.decode(received);
      bad[bad.length - 5] ^= 1; // last tag octet
      assertThat(t.unprotectRtcp(bad, 0x4d617273L, 0x5d4, false)).isNull();
    }
  }

  @Test
  void session_rfc7714Srtcp_e0PacketThroughReceiverSession_acceptedAsAuthenticatedOnly() {
    // A receiver session takes E = 0 SRTCP (RFC 7714 §9.3) as well as E = 1.
    try (SrtpMasterKey k = master(SrtpSuite.AEAD_AES_128_GCM, GCM_KEY, GCM_SALT);
        SrtpSession tx = SrtpSession.sender(k, new SrtpOptions(org.ddsec.crypto.srtp.KeyDerivationRate.ZERO, 128, false));
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      byte[] p = tx.protectRtcp(Hex.decode(LIBSRTP_RTCP)).packet();
      assertThat(Hex.encode(p)).startsWith(LIBSRTP_RTCP).endsWith("00000000");
      assertThat(Hex.encode(rx.unprotectRtcp(p).packet())).isEqualTo(LIBSRTP_RTCP);
    }
  }
}
