package org.ddsec.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

  @Test
  void encode_fixedHeader_isRfc3550Layout() {
    RtpPacket p = RtpPacket.of(true, 8, 0xABCD, 0x01020304L, 0xDEADBEEFL, Bytes.of((byte) 0xD5, (byte) 0xD5));
    assertThat(Hex.encode(p.encode())).isEqualTo("8088abcd" + "01020304" + "deadbeef" + "d5d5");
  }

  @Test
  void parseOfEncode_withCsrcsExtensionAndPadding_roundTrips() {
    Property.forAll(200, r -> {
      int cc = r.nextInt(16);
      Long[] csrc = new Long[cc];
      for (int i = 0; i < cc; i++) {
        csrc[i] = r.nextLong(1L << 32);
      }
      RtpPacket.HeaderExtension ext = r.nextBoolean() ? null
          : new RtpPacket.HeaderExtension(r.nextInt(65536), Bytes.of(Property.bytes(r, 4 * r.nextInt(5))));
      RtpPacket p = new RtpPacket(r.nextBoolean(), r.nextInt(128), r.nextInt(65536), r.nextLong(1L << 32), r.nextLong(1L << 32),
          List.of(csrc), ext, Bytes.of(Property.bytes(r, 0, 300)), r.nextBoolean() ? 0 : 1 + r.nextInt(255));
      byte[] b = p.encode();
      assertThat(b).hasSize(p.headerLength() + p.payload().length() + p.paddingLength());
      try {
        assertThat(RtpPacket.parse(b)).isEqualTo(p);
      } catch (RtpFormatException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void parse_malformed_namesTheField() {
    assertMessage(new byte[11], "RTP packet: 11 bytes (expected: ≥ 12, the fixed header)");
    assertMessage(Hex.decode("400000000000000000000000"), "RTP version: 1 (expected: 2)");
    assertMessage(Hex.decode("820000000000000000000000" + "00000001"), "RTP CSRC list: 8 bytes for CC 2 (expected: ≤ 4 remaining)");
    assertMessage(Hex.decode("900000000000000000000000" + "bede"), "RTP header extension: 2 bytes (expected: ≥ 4 for X = 1)");
    assertMessage(Hex.decode("900000000000000000000000" + "bede0002" + "00000000"),
        "RTP header extension length: 2 words (expected: ≤ 1 remaining)");
    assertMessage(Hex.decode("a00000000000000000000000"), "RTP padding: P = 1 with no payload octets (expected: a padding count octet)");
    assertMessage(Hex.decode("a00000000000000000000000" + "aabb00"), "RTP padding count: 0 (expected: 1..3)");
    assertMessage(Hex.decode("a00000000000000000000000" + "aabb04"), "RTP padding count: 4 (expected: 1..3)");
  }

  @Test
  void constructor_outOfRangeFields_throw() {
    assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, 128, 0, 0, 0, Bytes.EMPTY));
    assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, 0, 65536, 0, 0, Bytes.EMPTY));
    assertThrows(IllegalArgumentException.class, () -> RtpPacket.of(false, 0, 0, 1L << 32, 0, Bytes.EMPTY));
    assertThrows(IllegalArgumentException.class, () -> new RtpPacket.HeaderExtension(0, Bytes.of(new byte[3])));
  }

  private static void assertMessage(byte[] b, String message) {
    assertThat(assertThrows(RtpFormatException.class, () -> RtpPacket.parse(b)).getMessage()).isEqualTo(message);
  }
}
