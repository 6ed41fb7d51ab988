package org.ddsec.media.audio;

/**
 * A WAV (RIFF/WAVE) input that ddsec cannot read: not RIFF, a truncated or inconsistent chunk,
 * or a format other than integer PCM (8/16/24/32 bit) or IEEE float (32/64 bit). The message names
 * the field and the value, e.g. {@code fmt bits per sample: 12 (expected: 8, 16, 24 or 32)}.
 */
public final class WavFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  public WavFormatException(String message) {
    super(message);
  }
}
