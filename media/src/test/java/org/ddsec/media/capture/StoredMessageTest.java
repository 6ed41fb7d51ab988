package org.ddsec.media.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.capture.StoredMessageMetadata.MikeyCryptoSession;
import org.ddsec.media.capture.StoredMessageRecorder.Ingest;
import org.ddsec.media.rtp.RtpPacket;
import org.ddsec.media.srtp.SrtpSuite;
import org.junit.jupiter.api.Test;

class StoredMessageTest {

  static byte[] srtpLike(long ssrc, int seq) {
    // the recorder only reads V, SEQ and SSRC; the rest stands in for ciphertext and tag
    return RtpPacket.of(false, 0, seq, 160L * seq, ssrc, Bytes.of(new byte[170])).encode();
  }

  static StoredMessageRecorder recorder(ByteArrayOutputStream out, long maxPackets) throws Exception {
    return new StoredMessageRecorder(out, "msg-1", SrtpSuite.AES_CM_128_HMAC_SHA1_80, KeyDerivationRate.ZERO, 2,
        new MikeyCryptoSession(0xCAFEL, 1), PcapTest.A, PcapTest.B, maxPackets);
  }

  @Test
  void recorder_storesOneStreamAndDescribesIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StoredMessageRecorder r = recorder(out, 100);
    assertThat(r.accept(1_000, srtpLike(77, 65000))).isEqualTo(Ingest.STORED);
    assertThat(r.accept(1_020, srtpLike(77, 65001))).isEqualTo(Ingest.STORED);
    assertThat(r.accept(1_030, srtpLike(78, 1))).isEqualTo(Ingest.FOREIGN_SSRC);
    assertThat(r.accept(1_040, new byte[] {0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})).isEqualTo(Ingest.NOT_RTP);
    assertThat(r.accept(1_045, new byte[5])).isEqualTo(Ingest.NOT_RTP);
    assertThat(r.accept(1_010, srtpLike(77, 64999))).isEqualTo(Ingest.STORED); // late, kept in arrival order
    StoredMessageMetadata m = r.finish();
    assertThat(m.ssrc()).isEqualTo(77);
    assertThat(m.firstSequenceNumber()).isEqualTo(65000);
    assertThat(m.initialRoc()).isEqualTo(2);
    assertThat(m.packets()).isEqualTo(3);
    assertThat(m.firstArrivalMicros()).isEqualTo(1_000);
    assertThat(m.lastArrivalMicros()).isEqualTo(1_020);
    assertThat(m.pcapBytes()).isEqualTo(out.size());
    StoredMessage s = StoredMessage.of(m, out.toByteArray());
    assertThat(s.packets()).extracting(p -> p.payload()).containsExactly(
        Bytes.of(srtpLike(77, 65000)), Bytes.of(srtpLike(77, 65001)), Bytes.of(srtpLike(77, 64999)));
    assertThrows(IllegalStateException.class, () -> r.accept(2_000, srtpLike(77, 3)));
  }

  @Test
  void recorder_limitAndEmptyMessage() throws Exception {
    StoredMessageRecorder r = recorder(new ByteArrayOutputStream(), 1);
    assertThrows(IllegalStateException.class, r::finish);
    assertThat(r.accept(0, srtpLike(1, 1))).isEqualTo(Ingest.STORED);
    assertThat(r.accept(0, srtpLike(1, 2))).isEqualTo(Ingest.LIMIT_REACHED);
    assertThrows(IllegalArgumentException.class, () -> new StoredMessageRecorder(new ByteArrayOutputStream(), "../x",
        SrtpSuite.AEAD_AES_128_GCM, KeyDerivationRate.ZERO, 0, null, PcapTest.A, PcapTest.B, 1));
  }

  @Test
  void metadata_encodeThenParse_roundTripsWithAndWithoutMikey() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StoredMessageRecorder r = recorder(out, 10);
    r.accept(5, srtpLike(9, 9));
    StoredMessageMetadata m = r.finish();
    assertThat(StoredMessageMetadata.parse(m.encode())).isEqualTo(m);
    String text = new String(m.encode(), StandardCharsets.UTF_8);
    assertThat(text).startsWith("ddsec-stored-message: 1\nmessage-id: msg-1\nsuite: AES_CM_128_HMAC_SHA1_80\nkdr: 0\nssrc: 9\nroc: 2\n")
        .contains("\nmikey-csb-id: 51966\nmikey-cs-id: 1\n").contains("\npcap-sha256: " + m.pcapSha256().hex() + "\n");
    StoredMessageMetadata noMikey = new StoredMessageMetadata("m", SrtpSuite.AEAD_AES_128_GCM, KeyDerivationRate.ZERO, 1, 0, 0, 1, 0, 0,
        PcapTest.A, PcapTest.B, null, 100, Bytes.of(new byte[32]));
    assertThat(new String(noMikey.encode(), StandardCharsets.UTF_8)).contains("mikey-csb-id: -\nmikey-cs-id: -\n");
    assertThat(StoredMessageMetadata.parse(noMikey.encode())).isEqualTo(noMikey);
  }

  @Test
  void metadata_parse_refusesEveryMalformation() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StoredMessageRecorder r = recorder(out, 10);
    r.accept(5, srtpLike(9, 9));
    String good = new String(r.finish().encode(), StandardCharsets.UTF_8);
    assertRefused(good.substring(0, good.length() - 1), "stored-message metadata: no final line feed (expected: complete lines)");
    assertRefused(good + "extra: 1\n", "stored-message metadata: 17 lines (expected: 16)");
    assertRefused(good.replace("ssrc: 9\n", "ssrc: -9\n"), "stored-message metadata: ssrc: '-9' (expected: a decimal number)");
    assertRefused(good.replace("ssrc: 9\n", "ssrc: 4294967296\n"), "stored-message metadata: SSRC: 4294967296 (expected: 32 bits unsigned)");
    assertRefused(good.replace("suite: AES_CM_128_HMAC_SHA1_80", "suite: NULL"), null);
    assertRefused(good.replace("kdr: 0", "kdr: 3"), "stored-message metadata: key_derivation_rate: 3 (expected: 0 or a power of 2 from 1 to 2^24)");
    assertRefused(good.replace("ddsec-stored-message: 1", "ddsec-stored-message: 2"), "stored-message version: 2 (expected: 1)");
    assertRefused(good.replace("roc: 2\nfirst-seq", "first-seq: 9\nroc"), null);
    assertRefused(good.replace("mikey-cs-id: 1", "mikey-cs-id: -"), "stored-message mikey-csb-id / mikey-cs-id: one is '-' (expected: both or neither)");
    assertRefused(good.replace("message-id: msg-1", "message-id: ../../etc"), null);
    assertRefused(good.replaceAll("pcap-sha256: [0-9a-f]+", "pcap-sha256: ABCD"), null);
  }

  @Test
  void storedMessage_captureNotTheOneDescribed_isRefused() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StoredMessageRecorder r = recorder(out, 10);
    r.accept(5, srtpLike(9, 9));
    r.accept(6, srtpLike(9, 10));
    StoredMessageMetadata m = r.finish();
    byte[] pcap = out.toByteArray();
    byte[] flipped = pcap.clone();
    flipped[flipped.length - 1] ^= 1;
    assertThat(assertThrows(PcapFormatException.class, () -> StoredMessage.of(m, flipped)).getMessage())
        .startsWith("stored message msg-1 capture SHA-256: ");
    assertThat(assertThrows(PcapFormatException.class, () -> StoredMessage.of(m, java.util.Arrays.copyOf(pcap, pcap.length - 1))).getMessage())
        .isEqualTo("stored message msg-1 capture: " + (pcap.length - 1) + " bytes (expected: " + pcap.length + " per its metadata)");
  }

  private static void assertRefused(String text, String message) {
    PcapFormatException e = assertThrows(PcapFormatException.class, () -> StoredMessageMetadata.parse(text.getBytes(StandardCharsets.UTF_8)));
    if (message != null) {
      assertThat(e.getMessage()).isEqualTo(message);
    }
  }
}
