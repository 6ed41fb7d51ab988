package org.ddsec.media.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** 20 ms framing of 8 kHz mono audio: 160 samples a frame, the last one padded with silence. */
public final class Frames {

  private Frames() {}

  /**
   * The 20 ms frames of {@code audio}; an empty input gives no frames.
   *
   * @throws IllegalArgumentException unless the audio is 8 kHz mono
   */
  public static List<short[]> of20ms(PcmAudio audio) {
    if (!audio.isNarrowbandMono()) {
      throw new IllegalArgumentException("audio: " + audio.sampleRate() + " Hz, " + audio.channels()
          + " channels (expected: 8000 Hz mono; convert with AudioConversion first)");
    }
    short[] s = audio.samples();
    List<short[]> frames = new ArrayList<>((s.length + G711.FRAME_SAMPLES - 1) / G711.FRAME_SAMPLES);
    for (int off = 0; off < s.length; off += G711.FRAME_SAMPLES) {
      frames.add(Arrays.copyOfRange(s, off, off + G711.FRAME_SAMPLES)); // zero-padded past the end
    }
    return frames;
  }
}
