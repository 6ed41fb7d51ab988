package org.ddsec.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * G.711 against the Recommendation's own tables, rebuilt here independently of the
 * implementation (which follows the ITU-T G.191 reference code):
 *
 * <ul>
 *   <li>A-law, ITU-T G.711 Table 1a: 8 segments over the 12-bit magnitude (13-bit signed
 *       domain), segment 0 and 1 with step 2 from decision values 0 and 32, segment s ≥ 1
 *       starting at 2^(s+4) with step 2^s; reconstruction at the middle of each interval (1, 3,
 *       … 4032); even bits inverted (XOR 0x55) on the line, sign bit 1 for positive.
 *   <li>µ-law, Table 2a: segment s starting at decision value 2^(s+5) − 33 with step 2^(s+1)
 *       (0, 1, 3, …, 31, 35, …, 8159), reconstruction at the middle (0, 2, …, 33, …, 8031); all
 *       bits inverted on the line.
 * </ul>
 *
 * 16-bit samples map onto the 13/14-bit domain as G.191 does: the top 13 (14) bits, negative
 * values in one's complement ({@code ~x}, i.e. magnitude |x| − 1).
 */
class G711Test {

  /** A-law per Table 1a: the code word for a 13-bit-domain magnitude and sign. */
  private static int alawCode(int m13, boolean positive) {
    int seg;
    int k;
    if (m13 < 32) {
      seg = 0;
      k = m13 / 2;
    } else {
      seg = 1;
      while (seg < 7 && m13 >= 1 << (seg + 5)) {
        seg++;
      }
      k = Math.min(15, (m13 - (1 << (seg + 4))) >> seg);
    }
    return ((positive ? 0x80 : 0) | seg << 4 | k) ^ 0x55;
  }

  /** A-law reconstruction value (Table 1a) of segment s, interval k, in the 13-bit domain. */
  private static int alawValue(int seg, int k) {
    int start = seg == 0 ? 0 : 1 << (seg + 4);
    int step = seg == 0 ? 2 : 1 << seg;
    return start + k * step + step / 2;
  }

  /** µ-law per Table 2a: the code word for a 14-bit-domain magnitude and sign. */
  private static int ulawCode(int m14, boolean positive) {
    int m = Math.min(m14, 8158); // 8159 and above all fall into the last interval
    for (int seg = 0; seg < 8; seg++) {
      int start = (1 << (seg + 5)) - 33;
      int step = 1 << (seg + 1);
      int end = start + 16 * step;
      if (m < end) {
        int k = Math.max(0, (m - start) / step);
        if (seg == 0 && m == 0) {
          k = 0;
        }
        return ((positive ? 0 : 0x80) | seg << 4 | k) ^ 0xFF;
      }
    }
    throw new AssertionError();
  }

  private static int ulawValue(int seg, int k) {
    int start = (1 << (seg + 5)) - 33;
    int step = 1 << (seg + 1);
    return start + k * step + step / 2;
  }

  @Test
  void decode_everyAlawCodeWord_isTable1aReconstructionTimes8() {
    for (int c = 0; c < 256; c++) {
      int raw = c ^ 0x55;
      int v = 8 * alawValue((raw >> 4) & 7, raw & 0xF);
      assertThat(G711.PCMA.decode((byte) c)).as("A-law 0x%02x", c).isEqualTo((short) ((raw & 0x80) != 0 ? v : -v));
    }
  }

  @Test
  void decode_everyUlawCodeWord_isTable2aReconstructionTimes4() {
    for (int c = 0; c < 256; c++) {
      int raw = c ^ 0xFF;
      int v = 4 * ulawValue((raw >> 4) & 7, raw & 0xF);
      assertThat(G711.PCMU.decode((byte) c)).as("µ-law 0x%02x", c).isEqualTo((short) ((raw & 0x80) == 0 ? v : -v));
    }
  }

  @Test
  void encode_everyOf65536Samples_matchesTheTables() {
    for (int x = -32768; x <= 32767; x++) {
      boolean pos = x >= 0;
      int mag = pos ? x : -x - 1; // one's complement, as G.191
      assertThat(G711.PCMA.encode((short) x) & 0xFF).as("A-law of %d", x).isEqualTo(alawCode(mag >> 3, pos));
      assertThat(G711.PCMU.encode((short) x) & 0xFF).as("µ-law of %d", x).isEqualTo(ulawCode(mag >> 2, pos));
    }
  }

  @Test
  void wellKnownCodeWords_matchG711() {
    assertThat(G711.PCMU.silence()).isEqualTo((byte) 0xFF);
    assertThat(G711.PCMA.silence()).isEqualTo((byte) 0xD5);
    assertThat(G711.PCMU.decode((byte) 0x00)).isEqualTo((short) -32124); // -8031 × 4
    assertThat(G711.PCMU.decode((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(G711.PCMU.decode((byte) 0x7F)).isEqualTo((short) 0); // "negative zero"
    assertThat(G711.PCMA.decode((byte) 0xD5)).isEqualTo((short) 8);
    assertThat(G711.PCMA.decode((byte) 0x55)).isEqualTo((short) -8);
    assertThat(G711.PCMA.decode((byte) 0xAA)).isEqualTo((short) 32256); // 4032 × 8
    assertThat(G711.PCMA.decode((byte) 0x2A)).isEqualTo((short) -32256);
    assertThat(G711.PCMU.encode(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
    assertThat(G711.PCMU.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
  }

  @Test
  void encodeOfDecode_isIdentityOnCodeWords_exceptMuLawNegativeZero() {
    for (int c = 0; c < 256; c++) {
      assertThat(G711.PCMA.encode(G711.PCMA.decode((byte) c))).isEqualTo((byte) c);
      byte expected = c == 0x7F ? (byte) 0xFF : (byte) c;
      assertThat(G711.PCMU.encode(G711.PCMU.decode((byte) c))).isEqualTo(expected);
    }
  }

  @Test
  void quantise_isIdempotent() {
    short[] s = new short[4000];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) (16 * i - 32000);
    }
    for (G711 g : G711.values()) {
      short[] q = g.quantise(s);
      assertThat(g.quantise(q)).isEqualTo(q);
    }
  }

  @Test
  void payloadTypes_areRfc3551Static() {
    assertThat(G711.PCMU.payloadType()).isZero();
    assertThat(G711.PCMA.payloadType()).isEqualTo(8);
    assertThat(G711.ofPayloadType(8)).isEqualTo(G711.PCMA);
    assertThat(assertThrows(IllegalArgumentException.class, () -> G711.ofPayloadType(18)).getMessage())
        .isEqualTo("RTP payload type: 18 (expected: 0 PCMU or 8 PCMA)");
  }
}
