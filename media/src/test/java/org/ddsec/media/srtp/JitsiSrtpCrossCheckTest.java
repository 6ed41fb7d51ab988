package org.ddsec.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.ddsec.core.SecretBytes;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.utils.logging2.LoggerImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ddsec's JCE SRTP against an independent implementation, {@code org.jitsi:jitsi-srtp} (test
 * scope only): a stream protected by one is accepted by the other, in both directions, for every
 * suite, across the 65,535 → 0 sequence wrap, plus SRTCP. jitsi-srtp picks its AES provider by a
 * start-up benchmark; it is pinned to Bouncy Castle so that the AES under test is not the JCE's
 * own (REFERENCES.md).
 */
class JitsiSrtpCrossCheckTest {

  private static final int SSRC = 0x1234_5678;
  private static final int PACKETS = 300;
  private static final int FIRST_SEQ = 65_400; // the stream wraps after 136 packets

  /** Held so the level set on it survives garbage collection of the logger. */
  private static final java.util.logging.Logger JITSI_LOG = java.util.logging.Logger.getLogger("org.jitsi");

  @BeforeAll
  static void pinProvider() {
    JITSI_LOG.setLevel(java.util.logging.Level.WARNING); // its INFO lines (provider choice) are noise here
    Aes.setFactoryClassName("org.jitsi.srtp.crypto.Aes$BouncyCastleCipherFactory");
  }

  private static SrtpPolicy policy(SrtpSuite suite, boolean rtcp) {
    return switch (suite) {
      case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, 14);
      case AES_CM_128_HMAC_SHA1_32 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, 16, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20,
          rtcp ? 10 : 4, 14);
      case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 16, SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
      case AEAD_AES_256_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, 32, SrtpPolicy.NULL_AUTHENTICATION, 0, 16, 12);
    };
  }

  private static SrtpContextFactory jitsi(SrtpSuite suite, boolean sender, SrtpMasterKey k) {
    byte[] key = k.key().unsafeBytes();
    byte[] salt = k.salt().unsafeBytes();
    try {
      return new SrtpContextFactory(sender, key, salt, policy(suite, false), policy(suite, true), new LoggerImpl("jitsi-srtp"));
    } finally {
      SecretBytes.wipe(key);
      SecretBytes.wipe(salt);
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpSuite.class)
  void ddsecProtects_jitsiUnprotects(SrtpSuite suite) throws Exception {
    try (SrtpMasterKey k = SrtpSessionTest.key(suite); SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT)) {
      SrtpContextFactory f = jitsi(suite, false, k);
      SrtpCryptoContext rx = f.deriveContext(SSRC, 0);
      for (int i = 0; i < PACKETS; i++) {
        byte[] rtp = SrtpSessionTest.rtp((FIRST_SEQ + i) & 0xFFFF, 160);
        JitsiByteArrayBuffer buf = new JitsiByteArrayBuffer(tx.protect(rtp).packet());
        assertThat(rx.reverseTransformPacket(buf, false)).as("%s packet %d", suite, i).isEqualTo(SrtpErrorStatus.OK);
        assertThat(buf.bytes()).isEqualTo(rtp);
      }
      SrtcpCryptoContext rtcpRx = f.deriveControlContext(SSRC);
      for (int i = 0; i < 3; i++) {
        JitsiByteArrayBuffer buf = new JitsiByteArrayBuffer(tx.protectRtcp(SrtpSessionTest.rtcpSenderReport()).packet());
        assertThat(rtcpRx.reverseTransformPacket(buf)).as("%s SRTCP %d", suite, i).isEqualTo(SrtpErrorStatus.OK);
        assertThat(buf.bytes()).isEqualTo(SrtpSessionTest.rtcpSenderReport());
      }
      f.close();
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpSuite.class)
  void jitsiProtects_ddsecUnprotects(SrtpSuite suite) throws Exception {
    try (SrtpMasterKey k = SrtpSessionTest.key(suite); SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      SrtpContextFactory f = jitsi(suite, true, k);
      SrtpCryptoContext tx = f.deriveContext(SSRC, 0);
      for (int i = 0; i < PACKETS; i++) {
        byte[] rtp = SrtpSessionTest.rtp((FIRST_SEQ + i) & 0xFFFF, 160);
        JitsiByteArrayBuffer buf = new JitsiByteArrayBuffer(rtp);
        assertThat(tx.transformPacket(buf)).isEqualTo(SrtpErrorStatus.OK);
        SrtpResult u = rx.unprotect(buf.bytes());
        assertThat(u.status()).as("%s packet %d", suite, i).isEqualTo(SrtpStatus.OK);
        assertThat(u.index()).isEqualTo(FIRST_SEQ + i);
        assertThat(u.packet()).isEqualTo(rtp);
      }
      SrtcpCryptoContext rtcpTx = f.deriveControlContext(SSRC);
      for (int i = 0; i < 3; i++) {
        JitsiByteArrayBuffer buf = new JitsiByteArrayBuffer(SrtpSessionTest.rtcpSenderReport());
        assertThat(rtcpTx.transformPacket(buf)).isEqualTo(SrtpErrorStatus.OK);
        SrtpResult u = rx.unprotectRtcp(buf.bytes());
        assertThat(u.status()).as("%s SRTCP %d", suite, i).isEqualTo(SrtpStatus.OK);
        assertThat(u.packet()).isEqualTo(SrtpSessionTest.rtcpSenderReport());
      }
      f.close();
    }
  }
}
