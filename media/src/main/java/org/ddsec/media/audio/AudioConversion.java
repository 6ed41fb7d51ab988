package org.ddsec.media.audio;

/**
 * Brings any {@link PcmAudio} to 8 kHz mono, the input of G.711: channels are averaged, then the
 * rate is changed with a windowed-sinc interpolator (Blackman window, 16 zero crossings each
 * side at the lower of the two rates, cut-off at 95 % of the lower Nyquist frequency), so that
 * downsampling from 16, 44.1 or 48 kHz does not alias speech energy above 4 kHz into the band.
 * Deterministic: the same input gives the same output on every JVM ({@link StrictMath} only).
 */
public final class AudioConversion {

  private static final int ZERO_CROSSINGS = 16;
  private static final double CUTOFF = 0.95;

  private AudioConversion() {}

  /** 8 kHz mono; returns the input unchanged when it already is. */
  public static PcmAudio toNarrowbandMono(PcmAudio in) {
    if (in.isNarrowbandMono()) {
      return in;
    }
    short[] mono = downmix(in);
    if (in.sampleRate() == PcmAudio.NARROWBAND_RATE) {
      return PcmAudio.mono(PcmAudio.NARROWBAND_RATE, mono);
    }
    return PcmAudio.mono(PcmAudio.NARROWBAND_RATE, resample(mono, in.sampleRate(), PcmAudio.NARROWBAND_RATE));
  }

  /** The average of the channels of each frame, rounded to nearest (halves towards +∞, {@link Math#round}). */
  static short[] downmix(PcmAudio in) {
    int ch = in.channels();
    short[] s = in.samples();
    if (ch == 1) {
      return s;
    }
    short[] out = new short[in.frames()];
    for (int f = 0; f < out.length; f++) {
      long sum = 0;
      for (int c = 0; c < ch; c++) {
        sum += s[f * ch + c];
      }
      out[f] = (short) Math.round((double) sum / ch);
    }
    return out;
  }

  /** Windowed-sinc sample-rate conversion of mono samples from {@code from} Hz to {@code to} Hz. */
  static short[] resample(short[] x, int from, int to) {
    if (from == to) {
      return x.clone();
    }
    long outLen = (long) x.length * to / from;
    if (outLen > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("resampled length: " + outLen + " samples (expected: < 2^31)");
    }
    double scale = Math.min(1.0, (double) to / from); // < 1 when downsampling
    double fc = 0.5 * scale * CUTOFF; // cut-off in cycles per input sample
    double halfWidth = ZERO_CROSSINGS / scale; // in input samples
    short[] y = new short[(int) outLen];
    for (int n = 0; n < y.length; n++) {
      double t = (double) n * from / to;
      int k0 = (int) StrictMath.ceil(t - halfWidth);
      int k1 = (int) StrictMath.floor(t + halfWidth);
      double acc = 0;
      double norm = 0;
      for (int k = Math.max(0, k0); k <= Math.min(x.length - 1, k1); k++) {
        double u = t - k;
        double h = 2 * fc * sinc(2 * fc * u) * blackman(u / halfWidth);
        acc += x[k] * h;
        norm += h;
      }
      // Normalising by the tap sum keeps DC gain 1 at the edges, where taps fall outside x.
      double v = norm > 1e-9 ? acc / norm : 0;
      y[n] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
    }
    return y;
  }

  private static double sinc(double v) {
    if (Math.abs(v) < 1e-12) {
      return 1;
    }
    double p = StrictMath.PI * v;
    return StrictMath.sin(p) / p;
  }

  /** Blackman window on [-1, 1]. */
  private static double blackman(double r) {
    if (r <= -1 || r >= 1) {
      return 0;
    }
    double a = StrictMath.PI * (r + 1); // 0..2π across the window
    return 0.42 - 0.5 * StrictMath.cos(a) + 0.08 * StrictMath.cos(2 * a);
  }
}
