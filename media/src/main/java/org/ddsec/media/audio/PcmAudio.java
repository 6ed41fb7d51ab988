package org.ddsec.media.audio;

import java.util.Objects;

/**
 * Linear 16-bit PCM audio: a sample rate, a channel count and the interleaved samples. Immutable:
 * the constructor and {@link #samples()} copy the array.
 */
public final class PcmAudio {

  /** Narrowband telephony: 8,000 samples per second (G.711, RFC 3551 §4.5.14). */
  public static final int NARROWBAND_RATE = 8000;

  private final int sampleRate;
  private final int channels;
  private final short[] samples;

  /**
   * @param sampleRate samples per second per channel, 1 to 768,000
   * @param channels 1 to 64
   * @param interleaved samples, frame by frame (channel 0, channel 1, ...); copied
   * @throws IllegalArgumentException if a value is out of range or the sample count is not a
   *     multiple of the channel count
   */
  public PcmAudio(int sampleRate, int channels, short[] interleaved) {
    Objects.requireNonNull(interleaved, "interleaved");
    if (sampleRate < 1 || sampleRate > 768_000) {
      throw new IllegalArgumentException("sample rate: " + sampleRate + " Hz (expected: 1..768000)");
    }
    if (channels < 1 || channels > 64) {
      throw new IllegalArgumentException("channels: " + channels + " (expected: 1..64)");
    }
    if (interleaved.length % channels != 0) {
      throw new IllegalArgumentException(
          "samples: " + interleaved.length + " (expected: a multiple of " + channels + " channels)");
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.samples = interleaved.clone();
  }

  /** Mono audio at {@code sampleRate}. */
  public static PcmAudio mono(int sampleRate, short[] samples) {
    return new PcmAudio(sampleRate, 1, samples);
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int channels() {
    return channels;
  }

  /** Number of frames (samples per channel). */
  public int frames() {
    return samples.length / channels;
  }

  /** A copy of the interleaved samples. */
  public short[] samples() {
    return samples.clone();
  }

  /** Sample of {@code channel} in frame {@code frame}. */
  public short sample(int frame, int channel) {
    Objects.checkIndex(channel, channels);
    return samples[frame * channels + channel];
  }

  /** Duration in milliseconds, rounded down. */
  public long durationMillis() {
    return frames() * 1000L / sampleRate;
  }

  /** True for 8 kHz mono, the input G.711 needs. */
  public boolean isNarrowbandMono() {
    return sampleRate == NARROWBAND_RATE && channels == 1;
  }

  @Override
  public String toString() {
    return "PcmAudio[" + sampleRate + " Hz, " + channels + " ch, " + frames() + " frames]";
  }
}
