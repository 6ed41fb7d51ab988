package org.ddsec.media.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ddsec.core.SecretBytes;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.rtp.RtpPacket;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpOptions;
import org.ddsec.media.srtp.SrtpResult;
import org.ddsec.media.srtp.SrtpSession;
import org.ddsec.media.srtp.SrtpSuite;
import org.junit.jupiter.api.Test;

class VoiceStreamTest {

  @Test
  void srtpPackets_onePerFrame_decryptToTheG711Frames() throws Exception {
    short[] samples = new short[8000 * 3 / 2 + 7]; // 1.5 s and a partial frame
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (8000 * Math.sin(i * 0.05));
    }
    PcmAudio audio = PcmAudio.mono(8000, samples);
    SrtpMasterKey key = SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80,
        SecretBytes.fromHex("e1f97a0d3e018be0d64fa32c06de4139"), SecretBytes.fromHex("0ec675ad498afeebb6960b3aabe6"));
    List<byte[]> packets = VoiceStream.srtpPackets(audio, G711.PCMU, key, new VoiceStream.Start(0xCAFEL, 65530, 1000, 0));
    assertThat(packets).hasSize(76);
    try (SrtpSession rx = SrtpSession.receiver(key, SrtpOptions.DEFAULT)) {
      int seq = 65530;
      for (byte[] p : packets) {
        SrtpResult r = rx.unprotect(p);
        assertThat(r.isOk()).as("packet %d", seq).isTrue();
        RtpPacket rtp = RtpPacket.parse(r.packet());
        assertThat(rtp.sequenceNumber()).isEqualTo(seq++ & 0xFFFF);
        assertThat(rtp.ssrc()).isEqualTo(0xCAFEL);
        assertThat(rtp.payload().length()).isEqualTo(160);
      }
    }
  }
}
