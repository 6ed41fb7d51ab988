package org.ddsec.media.playback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyPrf;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.audio.AudioConversion;
import org.ddsec.media.audio.Frames;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.audio.Wav;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.capture.StoredMessageMetadata;
import org.ddsec.media.capture.StoredMessageMetadata.MikeyCryptoSession;
import org.ddsec.media.capture.StoredMessageRecorder;
import org.ddsec.media.capture.UdpEndpoint;
import org.ddsec.media.rtp.RtpPacketiser;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpOptions;
import org.ddsec.media.srtp.SrtpSession;
import org.ddsec.media.srtp.SrtpSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole deferred-message media path: WAV → 8 kHz mono → G.711 → RTP → SRTP → mailbox
 * capture (pcap + metadata, bytes only) → SRTP → G.711 → WAV, with the keys derived from a MIKEY
 * TGK. The audio that comes out is exactly the G.711-quantised audio that went in.
 */
class VoiceMessagePipelineTest {

  private static final long SSRC = 0xA11CE001L;
  private static final UdpEndpoint CALLER = UdpEndpoint.parse("198.51.100.7:49170");
  private static final UdpEndpoint MAILBOX = UdpEndpoint.parse("203.0.113.5:30000");
  private static final byte[] RAND = new byte[16];

  /** A 16 kHz stereo "voice": two tones and a sweep, 1.3 s (not a whole number of frames). */
  static byte[] voiceWav() throws Exception {
    int rate = 16000;
    int n = 20_800;
    short[] s = new short[2 * n];
    for (int i = 0; i < n; i++) {
      double t = (double) i / rate;
      double v = 6000 * Math.sin(2 * Math.PI * 440 * t) + 3000 * Math.sin(2 * Math.PI * (300 + 1500 * t) * t);
      s[2 * i] = (short) v;
      s[2 * i + 1] = (short) (0.5 * v);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Wav.write(new PcmAudio(rate, 2, s), out);
    return out.toByteArray();
  }

  static SrtpMasterKey mikeyKey(SrtpSuite suite) {
    try (SecretBytes tgk = SecretBytes.fromHex("000102030405060708090a0b0c0d0e0f")) {
      return SrtpMasterKey.fromMikeyTgk(suite, MikeyPrf.PRF_HMAC_SHA_256, tgk, 0x0BADCAFEL, 1, RAND);
    }
  }

  /** Caller side: the SRTP packets of the voice, in send order. */
  static List<byte[]> send(PcmAudio narrowband, G711 codec, SrtpMasterKey key, int firstSeq, long roc) {
    List<byte[]> out = new ArrayList<>();
    try (SrtpSession tx = SrtpSession.sender(key, SrtpOptions.DEFAULT)) {
      tx.setInitialRolloverCounter(SSRC, roc);
      RtpPacketiser p = new RtpPacketiser(codec.payloadType(), SSRC, firstSeq, 0x1000);
      for (short[] frame : Frames.of20ms(narrowband)) {
        byte[] rtp = p.next(Bytes.of(codec.encode(frame)), G711.FRAME_SAMPLES).encode();
        out.add(tx.protect(rtp).packet());
      }
    }
    return out;
  }

  /** Mailbox side: store the packets as they arrive; returns the message as B later reads it. */
  static StoredMessage store(List<byte[]> arriving, SrtpSuite suite, long roc) throws Exception {
    ByteArrayOutputStream pcap = new ByteArrayOutputStream();
    StoredMessageRecorder rec = new StoredMessageRecorder(pcap, "m1", suite, KeyDerivationRate.ZERO, roc,
        new MikeyCryptoSession(0x0BADCAFEL, 1), CALLER, MAILBOX, 10_000);
    long t = 1_764_600_000_000_000L;
    for (byte[] p : arriving) {
      assertThat(rec.accept(t, p)).isEqualTo(StoredMessageRecorder.Ingest.STORED);
      t += 20_000;
    }
    StoredMessageMetadata m = StoredMessageMetadata.parse(rec.finish().encode());
    return StoredMessage.of(m, pcap.toByteArray());
  }

  static short[] expected(PcmAudio narrowband, G711 codec) {
    short[] s = narrowband.samples();
    short[] padded = Arrays.copyOf(s, (s.length + 159) / 160 * 160);
    return codec.quantise(padded);
  }

  @ParameterizedTest
  @EnumSource(SrtpSuite.class)
  void wavToSrtpToPcapToWav_reproducesTheG711QuantisedAudioExactly(SrtpSuite suite) throws Exception {
    PcmAudio narrowband = AudioConversion.toNarrowbandMono(Wav.read(new ByteArrayInputStream(voiceWav())));
    assertThat(narrowband.isNarrowbandMono()).isTrue();
    for (G711 codec : G711.values()) {
      try (SrtpMasterKey callerKey = mikeyKey(suite); SrtpMasterKey recipientKey = mikeyKey(suite)) {
        List<byte[]> sent = send(narrowband, codec, callerKey, 65_480, 0); // crosses the wrap
        StoredMessage stored = store(sent, suite, 0);
        MessagePlayer.Playback pb = MessagePlayer.play(stored, recipientKey);
        assertThat(pb.report().decrypted()).isEqualTo(sent.size());
        assertThat(pb.report().rejectedTotal()).isZero();
        assertThat(pb.report().concealed()).isZero();
        byte[] wavOut = Wav.toBytes(pb.audio());
        PcmAudio heard = Wav.parse(wavOut);
        assertThat(heard.isNarrowbandMono()).isTrue();
        assertThat(heard.samples()).as("%s %s", suite, codec).isEqualTo(expected(narrowband, codec));
      }
    }
  }

  @Test
  void play_lostReorderedDuplicatedAndForgedPackets_concealsLossesWithSilenceOnly() throws Exception {
    SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    PcmAudio narrowband = AudioConversion.toNarrowbandMono(Wav.parse(voiceWav()));
    try (SrtpMasterKey key = mikeyKey(suite)) {
      List<byte[]> sent = send(narrowband, G711.PCMA, key, 100, 7);
      List<byte[]> arriving = new ArrayList<>(sent);
      arriving.remove(40); // lost
      arriving.remove(20); // lost
      arriving.remove(19); // lost
      Collections.shuffle(arriving.subList(42, 60), new Random(1)); // jitter
      arriving.add(30, sent.get(10).clone()); // a replay
      byte[] forged = sent.get(60).clone();
      forged[forged.length - 1] ^= 1;
      arriving.add(5, forged); // damaged in transit
      StoredMessage stored = store(arriving, suite, 7);
      MessagePlayer.Playback pb = MessagePlayer.play(stored, key);
      assertThat(pb.report().packets()).isEqualTo(sent.size() - 3 + 2);
      assertThat(pb.report().decrypted()).isEqualTo(sent.size() - 3);
      assertThat(pb.report().rejected()).containsEntry("REPLAY_FAIL", 1).containsEntry("AUTH_FAIL", 1);
      assertThat(pb.report().concealed()).isEqualTo(3);
      short[] want = expected(narrowband, G711.PCMA);
      for (int lost : new int[] {19, 20, 40}) {
        Arrays.fill(want, lost * 160, lost * 160 + 160, (short) 0);
      }
      assertThat(pb.audio().samples()).isEqualTo(want);
    }
  }

  @Test
  void play_withoutTheStoredRoc_cannotDecryptAndWithItCan() throws Exception {
    SrtpSuite suite = SrtpSuite.AEAD_AES_128_GCM;
    PcmAudio narrowband = AudioConversion.toNarrowbandMono(Wav.parse(voiceWav()));
    try (SrtpMasterKey key = mikeyKey(suite)) {
      List<byte[]> sent = send(narrowband, G711.PCMU, key, 5, 1);
      StoredMessage right = store(sent, suite, 1);
      StoredMessage wrongRoc = store(sent, suite, 0);
      assertThat(MessagePlayer.play(right, key).report().decrypted()).isEqualTo(sent.size());
      MessagePlayer.Playback lostRoc = MessagePlayer.play(wrongRoc, key);
      assertThat(lostRoc.report().decrypted()).isZero();
      assertThat(lostRoc.report().rejected()).containsEntry("AUTH_FAIL", sent.size());
      assertThat(lostRoc.audio().frames()).isZero();
    }
  }

  @Test
  void play_wrongKeyOrSuite_decryptsNothingOrRefuses() throws Exception {
    PcmAudio narrowband = AudioConversion.toNarrowbandMono(Wav.parse(voiceWav()));
    try (SrtpMasterKey key = mikeyKey(SrtpSuite.AES_CM_128_HMAC_SHA1_32);
        SrtpMasterKey other = SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_32, SecretBytes.fromHex("ff".repeat(16)), SecretBytes.fromHex("ee".repeat(14)));
        SrtpMasterKey gcm = mikeyKey(SrtpSuite.AEAD_AES_128_GCM)) {
      StoredMessage stored = store(send(narrowband, G711.PCMU, key, 0, 0), SrtpSuite.AES_CM_128_HMAC_SHA1_32, 0);
      assertThat(MessagePlayer.play(stored, other).report().decrypted()).isZero();
      assertThrows(IllegalArgumentException.class, () -> MessagePlayer.play(stored, gcm));
    }
  }

  @Test
  void play_hugeGapBeyondMaxFrames_isBoundedNotAllocated() throws Exception {
    SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    try (SrtpMasterKey key = mikeyKey(suite); SrtpSession tx = SrtpSession.sender(key, SrtpOptions.DEFAULT)) {
      RtpPacketiser p = new RtpPacketiser(0, SSRC, 0, 0);
      List<byte[]> packets = new ArrayList<>();
      byte[] frame = new byte[160];
      for (int i = 0; i < 3; i++) {
        packets.add(tx.protect(p.next(Bytes.of(frame), 160).encode()).packet());
      }
      for (int i = 0; i < 30_000; i++) {
        p.next(Bytes.of(frame), 160); // never sent: a 10-minute gap
      }
      packets.add(tx.protect(p.next(Bytes.of(frame), 160).encode()).packet());
      MessagePlayer.Playback pb = MessagePlayer.play(store(packets, suite, 0), key, 1000);
      assertThat(pb.report().frames()).isEqualTo(3);
      assertThat(pb.report().rejected()).containsEntry("OUT_OF_SPAN", 1);
    }
  }

  @Test
  void play_authenticPacketsOfAnotherCodecOrFrameLength_areCountedNotPlayed() throws Exception {
    SrtpSuite suite = SrtpSuite.AES_CM_128_HMAC_SHA1_80;
    try (SrtpMasterKey key = mikeyKey(suite); SrtpSession tx = SrtpSession.sender(key, SrtpOptions.DEFAULT)) {
      List<byte[]> packets = new ArrayList<>();
      packets.add(tx.protect(org.ddsec.media.rtp.RtpPacket.of(true, 0, 1, 0, SSRC, Bytes.of(new byte[160])).encode()).packet());
      packets.add(tx.protect(org.ddsec.media.rtp.RtpPacket.of(false, 8, 2, 160, SSRC, Bytes.of(new byte[160])).encode()).packet());
      packets.add(tx.protect(org.ddsec.media.rtp.RtpPacket.of(false, 0, 3, 320, SSRC, Bytes.of(new byte[240])).encode()).packet());
      packets.add(tx.protect(org.ddsec.media.rtp.RtpPacket.of(false, 0, 4, 560, SSRC, Bytes.of(new byte[160])).encode()).packet());
      MessagePlayer.Playback pb = MessagePlayer.play(store(packets, suite, 0), key);
      assertThat(pb.report().rejected()).containsOnly(
          java.util.Map.entry("WRONG_PAYLOAD_TYPE", 1), java.util.Map.entry("FRAME_NOT_20MS", 1));
      assertThat(pb.report().decrypted()).isEqualTo(2);
      assertThat(pb.report().concealed()).isEqualTo(2);
      assertThat(pb.audio().frames()).isEqualTo(4 * 160);
    }
  }
}
