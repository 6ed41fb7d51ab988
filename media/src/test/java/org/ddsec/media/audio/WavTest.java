package org.ddsec.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavTest {

  /** A WAV file with a custom fmt chunk body and data. */
  static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data, boolean extensible) {
    int fmtLen = extensible ? 40 : 16;
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtLen + 8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(fmtLen).putShort((short) (extensible ? 0xFFFE : formatTag)).putShort((short) channels)
        .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
    if (extensible) {
      b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) formatTag)
          .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
    }
    b.put("data".getBytes()).putInt(data.length).put(data);
    return b.array();
  }

  @Test
  void writeThenRead_16BitStereo_roundTrips() throws Exception {
    short[] s = {0, 1, -1, 32767, -32768, 1234};
    PcmAudio a = new PcmAudio(44100, 2, s);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Wav.write(a, out);
    assertThat(out.size()).isEqualTo(44 + 12);
    PcmAudio back = Wav.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back.sampleRate()).isEqualTo(44100);
    assertThat(back.channels()).isEqualTo(2);
    assertThat(back.samples()).isEqualTo(s);
  }

  @Test
  void read_8Bit24Bit32BitFloatAndExtensible_giveThe16BitValues() throws Exception {
    PcmAudio u8 = Wav.parse(wav(1, 1, 8000, 8, new byte[] {(byte) 0x80, (byte) 0xFF, 0x00}, false));
    assertThat(u8.samples()).containsExactly((short) 0, (short) 0x7F00, (short) -32768);
    PcmAudio s24 = Wav.parse(wav(1, 1, 48000, 24, new byte[] {0x11, 0x22, 0x33, 0x00, 0x00, (byte) 0x80}, false));
    assertThat(s24.samples()).containsExactly((short) 0x3322, (short) -32768);
    PcmAudio s32 = Wav.parse(wav(1, 1, 16000, 32, new byte[] {0, 0, 0x34, 0x12}, true));
    assertThat(s32.samples()).containsExactly((short) 0x1234);
    byte[] f = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-1.0f).putFloat(2.0f).array();
    PcmAudio f32 = Wav.parse(wav(3, 1, 22050, 32, f, false));
    assertThat(f32.samples()).containsExactly((short) 16384, (short) -32768, (short) 32767);
  }

  @Test
  void read_skipsUnknownChunksWithOddLengthPadding() throws Exception {
    byte[] plain = wav(1, 1, 8000, 16, new byte[] {1, 0, 2, 0}, false);
    // insert a 3-byte "LIST" chunk (padded to 4) between fmt and data
    byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
    byte[] b = new byte[plain.length + list.length];
    System.arraycopy(plain, 0, b, 0, 36);
    System.arraycopy(list, 0, b, 36, list.length);
    System.arraycopy(plain, 36, b, 36 + list.length, plain.length - 36);
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(4, b.length - 8);
    assertThat(Wav.parse(b).samples()).containsExactly((short) 1, (short) 2);
  }

  @Test
  void parse_badInputs_areTypedErrorsNamingTheField() {
    byte[] good = wav(1, 1, 8000, 16, new byte[] {1, 0, 2, 0}, false);
    assertMessage(new byte[3], "RIFF header: 3 bytes (expected: ≥ 12)");
    byte[] rifx = good.clone();
    rifx[3] = 'X';
    assertMessage(rifx, "RIFF chunk id: 'RIFX' (expected: RIFF)");
    assertMessage(wav(2, 1, 8000, 16, new byte[4], false), "fmt format tag: 0x0002 (expected: 0x0001 PCM or 0x0003 IEEE float)");
    assertMessage(wav(1, 1, 8000, 12, new byte[4], false), "fmt bits per sample: 12 (expected: 8, 16, 24 or 32 for PCM)");
    assertMessage(wav(1, 2, 8000, 16, new byte[6], false), "data chunk size: 6 bytes (expected: a multiple of block align 4)");
    assertMessage(wav(1, 0, 8000, 16, new byte[4], false), "fmt channels: 0 (expected: 1..64)");
    byte[] truncated = Arrays.copyOf(good, good.length - 2);
    assertMessage(truncated, "RIFF chunk size: 40 (expected: 4..38, the bytes present)");
    byte[] noData = Arrays.copyOf(good, 36);
    ByteBuffer.wrap(noData).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 28);
    assertMessage(noData, "data chunk: missing");
  }

  @Test
  void read_overTheLimit_isRefused() {
    byte[] good = wav(1, 1, 8000, 16, new byte[100], false);
    WavFormatException e = assertThrows(WavFormatException.class, () -> Wav.read(new ByteArrayInputStream(good), 64));
    assertThat(e.getMessage()).isEqualTo("WAV size: more than 64 bytes (expected: ≤ 64)");
  }

  private static void assertMessage(byte[] b, String message) {
    assertThat(assertThrows(WavFormatException.class, () -> Wav.parse(b)).getMessage()).isEqualTo(message);
  }
}
