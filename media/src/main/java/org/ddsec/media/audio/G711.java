package org.ddsec.media.audio;

import java.util.Objects;

/**
 * ITU-T G.711 companding of 16-bit linear PCM, bit-exact to the ITU-T reference implementation
 * (ITU-T G.191 Software Tools Library, {@code g711.c}: {@code alaw_compress}/{@code alaw_expand},
 * {@code ulaw_compress}/{@code ulaw_expand}), which realises G.711 Tables 1a/1b (A-law) and 2a/2b
 * (µ-law) on 16-bit left-justified samples: A-law reads the 13 most significant bits, µ-law the
 * 14, negative values in one's complement ({@code ~x}), and decoding yields the table's
 * reconstruction value, scaled by 8 (A-law) or 4 (µ-law).
 *
 * <p>The even-bit inversion of A-law (XOR 0x55) and the all-bit inversion of µ-law are part of
 * the code words, as on the wire (RFC 3551 §4.5.14).
 */
public enum G711 {

  /** µ-law, RTP static payload type 0 "PCMU" (RFC 3551 Table 4). */
  PCMU(0, "PCMU") {
    @Override
    public byte encode(short x) {
      // G.191 ulaw_compress
      int absno = x < 0 ? ((~x) >> 2) + 33 : (x >> 2) + 33;
      if (absno > 0x1FFF) {
        absno = 0x1FFF;
      }
      int i = absno >> 6;
      int segno = 1;
      while (i != 0) {
        segno++;
        i >>= 1;
      }
      int high = 0x8 - segno;
      int low = 0xF - ((absno >> segno) & 0xF);
      int y = (high << 4) | low;
      if (x >= 0) {
        y |= 0x80;
      }
      return (byte) y;
    }

    @Override
    short expand(int y) {
      // G.191 ulaw_expand
      int sign = y < 0x80 ? -1 : 1;
      int mantissa = ~y;
      int exponent = (mantissa >> 4) & 0x7;
      int segment = exponent + 1;
      mantissa &= 0xF;
      int step = 4 << segment;
      return (short) (sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33));
    }
  },

  /** A-law, RTP static payload type 8 "PCMA" (RFC 3551 Table 4). */
  PCMA(8, "PCMA") {
    @Override
    public byte encode(short x) {
      // G.191 alaw_compress
      int ix = x < 0 ? (~x) >> 4 : x >> 4;
      if (ix > 15) {
        int iexp = 1;
        while (ix > 16 + 15) {
          ix >>= 1;
          iexp++;
        }
        ix -= 16;
        ix += iexp << 4;
      }
      if (x >= 0) {
        ix |= 0x80;
      }
      return (byte) (ix ^ 0x55);
    }

    @Override
    short expand(int y) {
      // G.191 alaw_expand
      int ix = (y ^ 0x55) & 0x7F;
      int iexp = ix >> 4;
      int mant = ix & 0xF;
      if (iexp > 0) {
        mant += 16;
      }
      mant = (mant << 4) + 0x8;
      if (iexp > 1) {
        mant <<= iexp - 1;
      }
      return (short) (y > 127 ? mant : -mant);
    }
  };

  /** Samples per 20 ms frame at 8 kHz: one RTP packet's payload (RFC 3551 §4.5.14: 20 ms default). */
  public static final int FRAME_SAMPLES = 160;

  /** The code word of silence (linear 0). */
  public byte silence() {
    return encode((short) 0);
  }

  private final int payloadType;
  private final String encodingName;
  private final short[] decodeTable = new short[256];

  G711(int payloadType, String encodingName) {
    this.payloadType = payloadType;
    this.encodingName = encodingName;
    for (int y = 0; y < 256; y++) {
      decodeTable[y] = expand(y); // expand() uses no instance state, so it is safe to call here
    }
  }

  /** The static RTP payload type (0 or 8). */
  public int payloadType() {
    return payloadType;
  }

  /** The RTP encoding name, {@code "PCMU"} or {@code "PCMA"}. */
  public String encodingName() {
    return encodingName;
  }

  /** The code word of one 16-bit sample. */
  public abstract byte encode(short sample);

  abstract short expand(int codeWord);

  /** The 16-bit reconstruction value of one code word. */
  public short decode(byte codeWord) {
    return decodeTable[codeWord & 0xFF];
  }

  /** Code words of {@code samples}, one byte per sample. */
  public byte[] encode(short[] samples) {
    Objects.requireNonNull(samples, "samples");
    byte[] out = new byte[samples.length];
    for (int i = 0; i < samples.length; i++) {
      out[i] = encode(samples[i]);
    }
    return out;
  }

  /** 16-bit samples of {@code codeWords}. */
  public short[] decode(byte[] codeWords) {
    Objects.requireNonNull(codeWords, "codeWords");
    short[] t = decodeTable;
    short[] out = new short[codeWords.length];
    for (int i = 0; i < codeWords.length; i++) {
      out[i] = t[codeWords[i] & 0xFF];
    }
    return out;
  }

  /** {@code decode(encode(samples))}: the audio as G.711 quantises it. */
  public short[] quantise(short[] samples) {
    return decode(encode(samples));
  }

  /** The codec of an RTP static payload type. */
  public static G711 ofPayloadType(int pt) {
    for (G711 g : values()) {
      if (g.payloadType == pt) {
        return g;
      }
    }
    throw new IllegalArgumentException("RTP payload type: " + pt + " (expected: 0 PCMU or 8 PCMA)");
  }
}
