package org.ddsec.media.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.media.audio.G711;
import org.ddsec.media.rtp.RtpPacketiser;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpOptions;
import org.ddsec.media.srtp.SrtpSession;
import org.ddsec.media.srtp.SrtpSuite;
import org.ddsec.testkit.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored message opens in Wireshark's tshark as a stream of RTP packets: the expected count,
 * the SSRC and sequence numbers (across the 65535 → 0 wrap), valid IPv4 and UDP checksums, and
 * not one malformed packet. Needs tshark (skips without it, fails without it in CI).
 */
class PcapTsharkTest {

  private static final int PACKETS = 150;
  private static final long SSRC = 0x5EED_0001L;

  @Test
  void storedMessage_opensInTsharkAsRtpStream(@TempDir Path dir) throws Exception {
    ExternalTool tshark = ExternalTool.require("tshark");
    ByteArrayOutputStream pcap = new ByteArrayOutputStream();
    try (SrtpMasterKey key = SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SecretBytes.fromHex("00".repeat(16)),
            SecretBytes.fromHex("11".repeat(14)));
        SrtpSession tx = SrtpSession.sender(key, SrtpOptions.DEFAULT)) {
      StoredMessageRecorder rec = new StoredMessageRecorder(pcap, "tshark-1", key.suite(), KeyDerivationRate.ZERO, 0, null,
          PcapTest.A, PcapTest.B, 1000);
      RtpPacketiser p = new RtpPacketiser(G711.PCMU.payloadType(), SSRC, 65_500, 1234);
      byte[] silence = new byte[G711.FRAME_SAMPLES];
      Arrays.fill(silence, G711.PCMU.silence());
      for (int i = 0; i < PACKETS; i++) {
        byte[] rtp = p.next(org.ddsec.core.Bytes.of(silence), G711.FRAME_SAMPLES).encode();
        rec.accept(1_700_000_000_000_000L + 20_000L * i, tx.protect(rtp).packet());
      }
      rec.finish();
    }
    Path file = dir.resolve("message.pcap");
    Files.write(file, pcap.toByteArray());

    ExternalTool.Result r = tshark.run(120, "-n", "-r", file.toString(), "-d", "udp.port==" + PcapTest.B.port() + ",rtp",
        "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
        "-T", "fields", "-E", "separator=,", "-e", "rtp.ssrc", "-e", "rtp.seq", "-e", "rtp.p_type",
        "-e", "ip.checksum.status", "-e", "udp.checksum.status", "-e", "_ws.malformed");
    assertThat(r.exitCode()).as("tshark stderr: %s", r.stderr()).isZero();
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines).hasSize(PACKETS);
    for (int i = 0; i < PACKETS; i++) {
      String[] f = lines.get(i).split(",", -1);
      assertThat(Long.decode(f[0])).as("line %d: %s", i, lines.get(i)).isEqualTo(SSRC);
      assertThat(Integer.parseInt(f[1])).isEqualTo((65_500 + i) & 0xFFFF);
      assertThat(f[2]).isEqualTo("0"); // PCMU
      assertThat(f[3]).as("IPv4 checksum status (1 = good)").isEqualTo("1");
      assertThat(f[4]).as("UDP checksum status (1 = good)").isEqualTo("1");
      assertThat(f[5]).as("malformed").isEmpty();
    }
    ExternalTool.Result malformed = tshark.run(120, "-n", "-r", file.toString(), "-d", "udp.port==" + PcapTest.B.port() + ",rtp",
        "-Y", "_ws.malformed || _ws.expert.severity >= error");
    assertThat(malformed.exitCode()).isZero();
    assertThat(malformed.stdout()).isEmpty();
  }
}
