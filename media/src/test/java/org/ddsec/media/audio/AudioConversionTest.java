package org.ddsec.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AudioConversionTest {

  private static short[] tone(int rate, double hz, double seconds, double amplitude, int channels) {
    int n = (int) (rate * seconds);
    short[] s = new short[n * channels];
    for (int i = 0; i < n; i++) {
      short v = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
      for (int c = 0; c < channels; c++) {
        s[i * channels + c] = v;
      }
    }
    return s;
  }

  private static double rms(short[] s, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) s[i] * s[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  /** Amplitude of the {@code hz} component (single-bin DFT). */
  private static double amplitudeAt(short[] s, int rate, double hz, int from, int to) {
    double re = 0;
    double im = 0;
    for (int i = from; i < to; i++) {
      re += s[i] * Math.cos(2 * Math.PI * hz * i / rate);
      im += s[i] * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return 2 * Math.hypot(re, im) / (to - from);
  }

  @Test
  void toNarrowbandMono_44100Stereo1kHz_keepsTheToneAndItsLevel() {
    PcmAudio in = new PcmAudio(44100, 2, tone(44100, 1000, 1.0, 10000, 2));
    PcmAudio out = AudioConversion.toNarrowbandMono(in);
    assertThat(out.sampleRate()).isEqualTo(8000);
    assertThat(out.channels()).isEqualTo(1);
    assertThat(out.frames()).isEqualTo(8000);
    short[] s = out.samples();
    assertThat(amplitudeAt(s, 8000, 1000, 400, 7600)).isBetween(9700.0, 10300.0);
    assertThat(rms(s, 400, 7600)).isBetween(10000 / Math.sqrt(2) * 0.97, 10000 / Math.sqrt(2) * 1.03);
  }

  @Test
  void toNarrowbandMono_48kHz6kHzTone_isFilteredNotAliasedTo2kHz() {
    PcmAudio out = AudioConversion.toNarrowbandMono(PcmAudio.mono(48000, tone(48000, 6000, 0.5, 10000, 1)));
    // without the low-pass, 6 kHz folds onto 8000 - 6000 = 2 kHz at full level
    assertThat(amplitudeAt(out.samples(), 8000, 2000, 200, 3800)).isLessThan(100.0);
  }

  @Test
  void toNarrowbandMono_upsampling6kHz_preservesA500HzTone() {
    PcmAudio out = AudioConversion.toNarrowbandMono(PcmAudio.mono(6000, tone(6000, 500, 1.0, 8000, 1)));
    assertThat(out.frames()).isEqualTo(8000);
    assertThat(amplitudeAt(out.samples(), 8000, 500, 400, 7600)).isBetween(7800.0, 8200.0);
  }

  @Test
  void toNarrowbandMono_8kHzStereo_averagesChannelsOnly() {
    PcmAudio in = new PcmAudio(8000, 2, new short[] {100, 300, -5, -6, 32767, 32767});
    assertThat(AudioConversion.toNarrowbandMono(in).samples()).containsExactly((short) 200, (short) -5, (short) 32767);
    PcmAudio mono = PcmAudio.mono(8000, new short[] {1, 2});
    assertThat(AudioConversion.toNarrowbandMono(mono)).isSameAs(mono);
  }

  @Test
  void frames_of20ms_pad321SamplesToThreeFrames() {
    short[] s = new short[321];
    java.util.Arrays.fill(s, (short) 7);
    List<short[]> f = Frames.of20ms(PcmAudio.mono(8000, s));
    assertThat(f).hasSize(3);
    assertThat(f.get(2)[0]).isEqualTo((short) 7);
    assertThat(f.get(2)[1]).isZero();
    assertThrows(IllegalArgumentException.class, () -> Frames.of20ms(PcmAudio.mono(16000, s)));
  }
}
