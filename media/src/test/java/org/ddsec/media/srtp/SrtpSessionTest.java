package org.ddsec.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.rtp.RtpPacket;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** SRTP/SRTCP context behaviour (RFC 3711 §3.3, §3.4): rejection, replay, ROC, order, loss. */
class SrtpSessionTest {

  static final long SSRC = 0x1234_5678L;

  /** Refusal by a status, in the exception form {@link Tamper} expects. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final SrtpStatus status;

    Refused(SrtpStatus status) {
      super(status.name());
      this.status = status;
    }
  }

  static SrtpMasterKey key(SrtpSuite suite) {
    byte[] k = new byte[suite.masterKeyBytes()];
    byte[] s = new byte[suite.masterSaltBytes()];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (0x10 + i);
    }
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) (0xA0 + i);
    }
    return SrtpMasterKey.of(suite, SecretBytes.wrap(k), SecretBytes.wrap(s));
  }

  static byte[] rtp(int seq, int payloadBytes) {
    byte[] payload = new byte[payloadBytes];
    for (int i = 0; i < payloadBytes; i++) {
      payload[i] = (byte) (seq * 7 + i);
    }
    return RtpPacket.of(false, 0, seq & 0xFFFF, 160L * seq & 0xFFFF_FFFFL, SSRC, Bytes.of(payload)).encode();
  }

  static byte[] rtcpSenderReport() {
    byte[] b = new byte[28]; // SR with no report blocks (RFC 3550 §6.4.1)
    b[0] = (byte) 0x80;
    b[1] = (byte) 200;
    b[3] = 6;
    b[4] = 0x12;
    b[5] = 0x34;
    b[6] = 0x56;
    b[7] = 0x78;
    for (int i = 8; i < 28; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  @ParameterizedTest
  @EnumSource(SrtpSuite.class)
  void unprotect_everyBitFlipAndTruncation_isRefusedAndChangesNothing(SrtpSuite suite) {
    try (SrtpMasterKey k = key(suite); SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      byte[] first = tx.protect(rtp(1000, 160)).packet();
      byte[] second = tx.protect(rtp(1001, 160)).packet();
      assertThat(rx.unprotect(first).status()).isEqualTo(SrtpStatus.OK);
      Tamper.Verifier v = c -> {
        SrtpResult r = rx.unprotect(c);
        if (!r.isOk()) {
          throw new Refused(r.status());
        }
      };
      assertThat(Tamper.assertEveryBitFlipRejected(second, Refused.class, v)).isEqualTo(second.length * 8);
      assertThat(Tamper.assertEveryTruncationRejected(second, Refused.class, v)).isEqualTo(second.length);
      // nothing above touched the context: the genuine packet still decrypts, at the index expected
      assertThat(rx.highestIndex(SSRC)).hasValue(1000);
      SrtpResult ok = rx.unprotect(second);
      assertThat(ok.status()).isEqualTo(SrtpStatus.OK);
      assertThat(ok.packet()).isEqualTo(rtp(1001, 160));
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpSuite.class)
  void unprotectRtcp_everyBitFlipAndTruncation_isRefused(SrtpSuite suite) {
    try (SrtpMasterKey k = key(suite); SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      byte[] p = tx.protectRtcp(rtcpSenderReport()).packet();
      Tamper.Verifier v = c -> {
        SrtpResult r = rx.unprotectRtcp(c);
        if (!r.isOk()) {
          throw new Refused(r.status());
        }
      };
      Tamper.assertEveryBitFlipRejected(p, Refused.class, v);
      Tamper.assertEveryTruncationRejected(p, Refused.class, v);
      assertThat(rx.unprotectRtcp(p).packet()).isEqualTo(rtcpSenderReport());
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpSuite.class)
  void unprotect_replayedPacket_isReplayFail(SrtpSuite suite) {
    try (SrtpMasterKey k = key(suite); SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      byte[] a = tx.protect(rtp(5, 20)).packet();
      byte[] b = tx.protect(rtp(6, 20)).packet();
      assertThat(rx.unprotect(a).status()).isEqualTo(SrtpStatus.OK);
      assertThat(rx.unprotect(b).status()).isEqualTo(SrtpStatus.OK);
      assertThat(rx.unprotect(a).status()).isEqualTo(SrtpStatus.REPLAY_FAIL);
      assertThat(rx.unprotect(b).status()).isEqualTo(SrtpStatus.REPLAY_FAIL);
      byte[] c = tx.protectRtcp(rtcpSenderReport()).packet();
      assertThat(rx.unprotectRtcp(c).status()).isEqualTo(SrtpStatus.OK);
      assertThat(rx.unprotectRtcp(c).status()).isEqualTo(SrtpStatus.REPLAY_FAIL);
    }
  }

  @Test
  void unprotect_packetBelowTheWindow_isReplayOldAndInsideTheWindowIsAccepted() {
    SrtpOptions w64 = new SrtpOptions(KeyDerivationRate.ZERO, 64, true);
    try (SrtpMasterKey k = key(SrtpSuite.AES_CM_128_HMAC_SHA1_80); SrtpSession tx = SrtpSession.sender(k, w64);
        SrtpSession rx = SrtpSession.receiver(k, w64)) {
      List<byte[]> p = new ArrayList<>();
      for (int seq = 0; seq < 200; seq++) {
        p.add(tx.protect(rtp(seq, 10)).packet());
      }
      assertThat(rx.unprotect(p.get(199)).status()).isEqualTo(SrtpStatus.OK);
      assertThat(rx.unprotect(p.get(199 - 63)).status()).isEqualTo(SrtpStatus.OK); // oldest slot in a 64-window
      assertThat(rx.unprotect(p.get(199 - 64)).status()).isEqualTo(SrtpStatus.REPLAY_OLD);
      assertThat(rx.unprotect(p.get(10)).status()).isEqualTo(SrtpStatus.REPLAY_OLD);
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpSuite.class)
  void stream_crossingSequenceWrap65535To0_decryptsAndIncrementsRoc(SrtpSuite suite) {
    try (SrtpMasterKey k = key(suite); SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      for (int i = 0; i < 400; i++) {
        int seq = (65_400 + i) & 0xFFFF;
        SrtpResult p = tx.protect(rtp(seq, 160));
        assertThat(p.index()).isEqualTo(65_400L + i);
        SrtpResult u = rx.unprotect(p.packet());
        assertThat(u.status()).as("seq %d", seq).isEqualTo(SrtpStatus.OK);
        assertThat(u.index()).isEqualTo(65_400L + i);
        assertThat(u.packet()).isEqualTo(rtp(seq, 160));
      }
      assertThat(rx.rolloverCounter(SSRC)).hasValue(1);
      assertThat(tx.rolloverCounter(SSRC)).hasValue(1);
    }
  }

  @Test
  void stream_reorderedAcrossTheWrap_decryptsEveryPacketOnce() {
    try (SrtpMasterKey k = key(SrtpSuite.AEAD_AES_128_GCM); SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      List<byte[]> sent = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        sent.add(tx.protect(rtp((65_500 + i) & 0xFFFF, 40)).packet());
      }
      // shuffle within blocks of 20 (jitter much smaller than the 128-packet window)
      List<byte[]> arrived = new ArrayList<>();
      Random r = new Random(7);
      for (int b = 0; b < sent.size(); b += 20) {
        List<byte[]> block = new ArrayList<>(sent.subList(b, b + 20));
        Collections.shuffle(block, r);
        arrived.addAll(block);
      }
      List<Long> indices = new ArrayList<>();
      for (byte[] p : arrived) {
        SrtpResult u = rx.unprotect(p);
        assertThat(u.status()).isEqualTo(SrtpStatus.OK);
        indices.add(u.index());
      }
      Collections.sort(indices);
      for (int i = 0; i < indices.size(); i++) {
        assertThat(indices.get(i)).isEqualTo(65_500L + i);
      }
    }
  }

  @Test
  void stream_withLossesOfUpTo1000Packets_keepsDecrypting() {
    try (SrtpMasterKey k = key(SrtpSuite.AES_CM_128_HMAC_SHA1_32); SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      long expectIndex = 0;
      int received = 0;
      for (int seq = 0; seq < 70_000; seq++) {
        byte[] p = tx.protect(rtp(seq & 0xFFFF, 8)).packet();
        boolean lost = (seq / 1000) % 3 == 1; // bursts of 1000 lost packets
        if (!lost) {
          SrtpResult u = rx.unprotect(p);
          assertThat(u.status()).isEqualTo(SrtpStatus.OK);
          assertThat(u.index()).isEqualTo(seq);
          expectIndex = seq;
          received++;
        }
      }
      assertThat(rx.highestIndex(SSRC)).hasValue(expectIndex);
      assertThat(received).isGreaterThan(40_000);
    }
  }

  @Test
  void receiver_signalledRoc_decryptsAStreamThatStartsAfterAWrap() {
    // A stored message whose first packet had ROC 3: without the signalled ROC it cannot decrypt.
    try (SrtpMasterKey k = key(SrtpSuite.AES_CM_128_HMAC_SHA1_80); SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT);
        SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT);
        SrtpSession blind = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      tx.setInitialRolloverCounter(SSRC, 3);
      rx.setInitialRolloverCounter(SSRC, 3);
      byte[] p = tx.protect(rtp(17, 30)).packet();
      assertThat(blind.unprotect(p).status()).isEqualTo(SrtpStatus.AUTH_FAIL);
      SrtpResult u = rx.unprotect(p);
      assertThat(u.status()).isEqualTo(SrtpStatus.OK);
      assertThat(u.index()).isEqualTo((3L << 16) | 17);
      assertThat(rx.rolloverCounter(SSRC)).hasValue(3);
    }
  }

  @ParameterizedTest
  @EnumSource(SrtpSuite.class)
  void protect_sameOrOlderIndexAgain_isIndexReuse(SrtpSuite suite) {
    try (SrtpMasterKey k = key(suite); SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT)) {
      assertThat(tx.protect(rtp(10, 10)).status()).isEqualTo(SrtpStatus.OK);
      assertThat(tx.protect(rtp(10, 10)).status()).isEqualTo(SrtpStatus.INDEX_REUSE);
      assertThat(tx.protect(rtp(9, 10)).status()).isEqualTo(SrtpStatus.INDEX_REUSE);
      assertThat(tx.protect(rtp(11, 10)).status()).isEqualTo(SrtpStatus.OK);
    }
  }

  @Test
  void keyDerivationRate_nonZero_rekeysAcrossPeriodsAndBothEndsAgree() {
    SrtpOptions kdr16 = SrtpOptions.DEFAULT.withKeyDerivationRate(KeyDerivationRate.ofPowerOfTwo(4));
    try (SrtpMasterKey k = key(SrtpSuite.AES_CM_128_HMAC_SHA1_80); SrtpSession tx = SrtpSession.sender(k, kdr16);
        SrtpSession rx = SrtpSession.receiver(k, kdr16); SrtpSession tx0 = SrtpSession.sender(k, SrtpOptions.DEFAULT)) {
      for (int seq = 0; seq < 64; seq++) {
        byte[] p = tx.protect(rtp(seq, 16)).packet();
        byte[] p0 = tx0.protect(rtp(seq, 16)).packet();
        if (seq < 16) {
          assertThat(p).isEqualTo(p0); // r = 0 in the first period: the same keys as kdr 0
        } else {
          assertThat(p).isNotEqualTo(p0);
        }
        assertThat(rx.unprotect(p).packet()).isEqualTo(rtp(seq, 16));
      }
    }
  }

  @Test
  void receiver_packetFromAnotherKey_isAuthFailAndCreatesNoContext() {
    try (SrtpMasterKey k = key(SrtpSuite.AEAD_AES_128_GCM);
        SrtpMasterKey other = SrtpMasterKey.of(SrtpSuite.AEAD_AES_128_GCM, SecretBytes.fromHex("00".repeat(16)), SecretBytes.fromHex("00".repeat(12)));
        SrtpSession tx = SrtpSession.sender(other, SrtpOptions.DEFAULT); SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      assertThat(rx.unprotect(tx.protect(rtp(1, 10)).packet()).status()).isEqualTo(SrtpStatus.AUTH_FAIL);
      assertThat(rx.highestIndex(SSRC)).isEmpty();
    }
  }

  @Test
  void unprotect_notRtp_isInvalidPacket() {
    try (SrtpMasterKey k = key(SrtpSuite.AES_CM_128_HMAC_SHA1_80); SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT)) {
      assertThat(rx.unprotect(new byte[0]).status()).isEqualTo(SrtpStatus.INVALID_PACKET);
      byte[] v1 = rtp(1, 40);
      v1[0] = 0x40;
      assertThat(rx.unprotect(v1).status()).isEqualTo(SrtpStatus.INVALID_PACKET);
      byte[] hugeExtension = rtp(1, 40);
      hugeExtension[0] |= 0x10;
      hugeExtension[14] = (byte) 0xFF;
      assertThat(rx.unprotect(hugeExtension).status()).isEqualTo(SrtpStatus.INVALID_PACKET);
      assertThat(rx.unprotectRtcp(new byte[11]).status()).isEqualTo(SrtpStatus.INVALID_PACKET);
    }
  }

  @Test
  void roles_wrongDirection_throws() {
    try (SrtpMasterKey k = key(SrtpSuite.AES_CM_128_HMAC_SHA1_80); SrtpSession rx = SrtpSession.receiver(k, SrtpOptions.DEFAULT);
        SrtpSession tx = SrtpSession.sender(k, SrtpOptions.DEFAULT)) {
      assertThrows(IllegalStateException.class, () -> rx.protect(rtp(1, 1)));
      assertThrows(IllegalStateException.class, () -> tx.unprotectRtcp(new byte[40]));
    }
  }

  @Test
  void result_failedStatus_hasNoPacket() {
    SrtpResult r = SrtpResult.failed(SrtpStatus.AUTH_FAIL);
    assertThat(r.index()).isEqualTo(-1);
    assertThrows(IllegalStateException.class, r::packet);
  }

  @Test
  void masterKey_wrongLengthsForTheSuite_throwWithoutKeyBytes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SrtpMasterKey.of(SrtpSuite.AEAD_AES_128_GCM, SecretBytes.fromHex("ab".repeat(16)), SecretBytes.fromHex("cd".repeat(14))));
    assertThat(e.getMessage()).isEqualTo("SRTP master salt: 14 bytes (expected: 12 for AEAD_AES_128_GCM)").doesNotContain("cd");
    assertThrows(IllegalArgumentException.class,
        () -> SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SecretBytes.fromHex("ab".repeat(32)), SecretBytes.fromHex("cd".repeat(14))));
    try (SrtpMasterKey k = key(SrtpSuite.AES_CM_128_HMAC_SHA1_80)) {
      assertThat(k.toString()).isEqualTo("SrtpMasterKey[AES_CM_128_HMAC_SHA1_80]");
    }
  }

  @Test
  void options_replayWindowBelow64OrNotAMultipleOf64_throws() {
    assertThrows(IllegalArgumentException.class, () -> new SrtpOptions(KeyDerivationRate.ZERO, 32, true));
    assertThrows(IllegalArgumentException.class, () -> new SrtpOptions(KeyDerivationRate.ZERO, 100, true));
    assertThat(SrtpSuite.fromName("aead_aes_128_gcm")).isEqualTo(SrtpSuite.AEAD_AES_128_GCM);
    assertThat(assertThrows(IllegalArgumentException.class, () -> SrtpSuite.fromName("AES_CM_256")).getMessage())
        .startsWith("SRTP suite: AES_CM_256 (expected: one of AES_CM_128_HMAC_SHA1_80, ");
  }
}
