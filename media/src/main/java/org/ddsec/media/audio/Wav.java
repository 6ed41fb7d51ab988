package org.ddsec.media.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * WAV (RIFF/WAVE) reading and writing on streams the caller opens and closes.
 *
 * <p>{@link #read} accepts the formats a voice message plausibly arrives in: integer PCM of 8
 * (unsigned), 16, 24 or 32 bits, IEEE float of 32 or 64 bits, plain or as {@code
 * WAVE_FORMAT_EXTENSIBLE}, any rate and channel count; samples become 16-bit (floats are clipped
 * to [-1, 1], wider integers keep their 16 most significant bits). Chunks other than {@code fmt }
 * and {@code data} are skipped; bytes after the RIFF chunk are ignored. {@link #write} always
 * writes 16-bit integer PCM with a 16-byte {@code fmt } chunk, the form every player reads.
 */
public final class Wav {

  /** Default limit on the bytes {@link #read(InputStream)} accepts: 64 MiB (over an hour of 8 kHz audio). */
  public static final int DEFAULT_MAX_BYTES = 64 << 20;

  private static final int FORMAT_PCM = 0x0001;
  private static final int FORMAT_IEEE_FLOAT = 0x0003;
  private static final int FORMAT_EXTENSIBLE = 0xFFFE;

  private Wav() {}

  /** Reads a whole WAV stream of at most {@link #DEFAULT_MAX_BYTES}. */
  public static PcmAudio read(InputStream in) throws IOException, WavFormatException {
    return read(in, DEFAULT_MAX_BYTES);
  }

  /**
   * Reads a whole WAV stream (not closed).
   *
   * @throws WavFormatException if the input is not a WAV file of a supported format, or exceeds
   *     {@code maxBytes}
   */
  public static PcmAudio read(InputStream in, int maxBytes) throws IOException, WavFormatException {
    Objects.requireNonNull(in, "in");
    byte[] b = in.readNBytes(maxBytes + 1);
    if (b.length > maxBytes) {
      throw new WavFormatException("WAV size: more than " + maxBytes + " bytes (expected: ≤ " + maxBytes + ")");
    }
    return parse(b);
  }

  /** Parses a complete WAV file held in memory. */
  public static PcmAudio parse(byte[] b) throws WavFormatException {
    if (b.length < 12) {
      throw new WavFormatException("RIFF header: " + b.length + " bytes (expected: ≥ 12)");
    }
    if (!tag(b, 0).equals("RIFF")) {
      throw new WavFormatException("RIFF chunk id: " + printable(b, 0) + " (expected: RIFF)");
    }
    if (!tag(b, 8).equals("WAVE")) {
      throw new WavFormatException("RIFF form type: " + printable(b, 8) + " (expected: WAVE)");
    }
    long riffSize = u32(b, 4);
    if (riffSize < 4 || riffSize + 8 > b.length) {
      throw new WavFormatException("RIFF chunk size: " + riffSize + " (expected: 4.." + (b.length - 8) + ", the bytes present)");
    }
    int end = (int) (riffSize + 8);
    int pos = 12;
    Format fmt = null;
    int dataOffset = -1;
    long dataLength = 0;
    while (pos + 8 <= end) {
      String id = tag(b, pos);
      long size = u32(b, pos + 4);
      int body = pos + 8;
      if (size > end - body) {
        throw new WavFormatException("chunk '" + printable(b, pos) + "' size: " + size + " (expected: ≤ " + (end - body) + " remaining)");
      }
      if (id.equals("fmt ")) {
        if (fmt != null) {
          throw new WavFormatException("fmt chunk: repeated (expected: one)");
        }
        fmt = Format.parse(b, body, (int) size);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw new WavFormatException("data chunk: before the fmt chunk (expected: fmt first)");
        }
        dataOffset = body;
        dataLength = size;
        break;
      }
      pos = body + (int) size + (int) (size & 1); // chunks are padded to even length
    }
    if (fmt == null) {
      throw new WavFormatException("fmt chunk: missing");
    }
    if (dataOffset < 0) {
      throw new WavFormatException("data chunk: missing");
    }
    int frameBytes = fmt.blockAlign;
    if (dataLength % frameBytes != 0) {
      throw new WavFormatException("data chunk size: " + dataLength + " bytes (expected: a multiple of block align " + frameBytes + ")");
    }
    int n = (int) (dataLength / fmt.bytesPerSample);
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = fmt.sample(b, dataOffset + i * fmt.bytesPerSample);
    }
    return new PcmAudio(fmt.sampleRate, fmt.channels, s);
  }

  /** Writes {@code audio} as a 16-bit PCM WAV file (the stream is not closed). */
  public static void write(PcmAudio audio, OutputStream out) throws IOException {
    out.write(toBytes(audio));
  }

  /** The 16-bit PCM WAV encoding of {@code audio}. */
  public static byte[] toBytes(PcmAudio audio) {
    short[] s = audio.samples();
    long dataBytes = 2L * s.length;
    if (dataBytes > 0xFFFF_FFFFL - 36) {
      throw new IllegalArgumentException("WAV data: " + dataBytes + " bytes (expected: < 4 GiB)");
    }
    byte[] b = new byte[44 + (int) dataBytes];
    putTag(b, 0, "RIFF");
    putU32(b, 4, 36 + dataBytes);
    putTag(b, 8, "WAVE");
    putTag(b, 12, "fmt ");
    putU32(b, 16, 16);
    putU16(b, 20, FORMAT_PCM);
    putU16(b, 22, audio.channels());
    putU32(b, 24, audio.sampleRate());
    putU32(b, 28, (long) audio.sampleRate() * audio.channels() * 2);
    putU16(b, 32, audio.channels() * 2);
    putU16(b, 34, 16);
    putTag(b, 36, "data");
    putU32(b, 40, dataBytes);
    for (int i = 0; i < s.length; i++) {
      putU16(b, 44 + 2 * i, s[i] & 0xFFFF);
    }
    return b;
  }

  /** The {@code fmt } chunk fields ddsec needs. */
  private static final class Format {
    final int channels;
    final int sampleRate;
    final int blockAlign;
    final int bytesPerSample;
    final boolean isFloat;

    private Format(int channels, int sampleRate, int blockAlign, int bytesPerSample, boolean isFloat) {
      this.channels = channels;
      this.sampleRate = sampleRate;
      this.blockAlign = blockAlign;
      this.bytesPerSample = bytesPerSample;
      this.isFloat = isFloat;
    }

    static Format parse(byte[] b, int at, int size) throws WavFormatException {
      if (size < 16) {
        throw new WavFormatException("fmt chunk size: " + size + " (expected: ≥ 16)");
      }
      int tag = u16(b, at);
      int channels = u16(b, at + 2);
      long rate = u32(b, at + 4);
      int blockAlign = u16(b, at + 12);
      int bits = u16(b, at + 14);
      if (tag == FORMAT_EXTENSIBLE) {
        if (size < 40) {
          throw new WavFormatException("fmt chunk size: " + size + " for WAVE_FORMAT_EXTENSIBLE (expected: ≥ 40)");
        }
        tag = u16(b, at + 24); // the first two bytes of the SubFormat GUID are the format tag
      }
      boolean isFloat;
      if (tag == FORMAT_PCM) {
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
          throw new WavFormatException("fmt bits per sample: " + bits + " (expected: 8, 16, 24 or 32 for PCM)");
        }
        isFloat = false;
      } else if (tag == FORMAT_IEEE_FLOAT) {
        if (bits != 32 && bits != 64) {
          throw new WavFormatException("fmt bits per sample: " + bits + " (expected: 32 or 64 for IEEE float)");
        }
        isFloat = true;
      } else {
        throw new WavFormatException(String.format("fmt format tag: 0x%04x (expected: 0x0001 PCM or 0x0003 IEEE float)", tag));
      }
      if (channels < 1 || channels > 64) {
        throw new WavFormatException("fmt channels: " + channels + " (expected: 1..64)");
      }
      if (rate < 1 || rate > 768_000) {
        throw new WavFormatException("fmt sample rate: " + rate + " (expected: 1..768000)");
      }
      int bytes = bits / 8;
      if (blockAlign != channels * bytes) {
        throw new WavFormatException("fmt block align: " + blockAlign + " (expected: " + channels * bytes + " = channels × bytes per sample)");
      }
      return new Format(channels, (int) rate, blockAlign, bytes, isFloat);
    }

    short sample(byte[] b, int at) {
      if (isFloat) {
        double v = bytesPerSample == 4
            ? Float.intBitsToFloat((int) u32(b, at))
            : Double.longBitsToDouble(u32(b, at) | (u32(b, at + 4) << 32));
        if (Double.isNaN(v)) {
          return 0;
        }
        return (short) Math.max(-32768, Math.min(32767, Math.round(v * 32768.0)));
      }
      return switch (bytesPerSample) {
        case 1 -> (short) (((b[at] & 0xFF) - 128) << 8); // 8-bit WAV is unsigned
        case 2 -> (short) u16(b, at);
        default -> (short) (((b[at + bytesPerSample - 1] & 0xFF) << 8) | (b[at + bytesPerSample - 2] & 0xFF));
      };
    }
  }

  private static String tag(byte[] b, int at) {
    return new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static String printable(byte[] b, int at) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      int c = b[at + i] & 0xFF;
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return "'" + sb + "'";
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
  }

  private static void putTag(byte[] b, int at, String t) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) t.charAt(i);
    }
  }

  private static void putU16(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
  }

  private static void putU32(byte[] b, int at, long v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
