package org.ddsec.media.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

class PcapTest {

  static final UdpEndpoint A = UdpEndpoint.parse("192.0.2.1:40000");
  static final UdpEndpoint B = UdpEndpoint.parse("192.0.2.2:5004");

  static byte[] capture(List<byte[]> payloads) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PcapWriter w = new PcapWriter(out);
    long t = 1_700_000_000_000_000L;
    for (byte[] p : payloads) {
      w.writeUdp(t, A, B, p);
      t += 20_000;
    }
    return out.toByteArray();
  }

  @Test
  void globalHeader_isLibpcap24LittleEndianEthernet() throws Exception {
    byte[] c = capture(List.of());
    assertThat(Hex.encode(c)).isEqualTo("d4c3b2a1" + "0200" + "0400" + "00000000" + "00000000" + "ffff0000" + "01000000");
  }

  @Test
  void record_hasValidIpv4AndUdpChecksums() throws Exception {
    byte[] c = capture(List.of(new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0x55}));
    byte[] frame = Arrays.copyOfRange(c, 24 + 16, c.length);
    assertThat(frame).hasSize(14 + 20 + 8 + 13);
    assertThat(PcapWriter.checksum(frame, 14, 20, 0)).isZero(); // a correct header sums to 0xFFFF
    long pseudo = (A.address() >>> 16) + (A.address() & 0xFFFF) + (B.address() >>> 16) + (B.address() & 0xFFFF) + 17 + 21;
    assertThat(PcapWriter.checksum(frame, 34, 21, pseudo)).isZero();
    assertThat(Hex.encode(Arrays.copyOfRange(frame, 26, 34))).isEqualTo("c0000201" + "c0000202");
  }

  @Test
  void readOfWrite_roundTripsEveryDatagramAndTime() throws Exception {
    Property.forAll(30, r -> {
      try {
        List<byte[]> payloads = new java.util.ArrayList<>();
        int n = r.nextInt(20);
        for (int i = 0; i < n; i++) {
          payloads.add(Property.bytes(r, 0, 1500));
        }
        List<CapturedPacket> back = new PcapReader(new ByteArrayInputStream(capture(payloads))).readAll();
        assertThat(back).hasSize(n);
        for (int i = 0; i < n; i++) {
          assertThat(back.get(i).payload()).isEqualTo(Bytes.of(payloads.get(i)));
          assertThat(back.get(i).timestampMicros()).isEqualTo(1_700_000_000_000_000L + 20_000L * i);
          assertThat(back.get(i).source()).isEqualTo(A);
          assertThat(back.get(i).destination()).isEqualTo(B);
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void read_bigEndianNanosecondRawIpCapture_isUnderstood() throws Exception {
    String hdr = "a1b23c4d" + "0002" + "0004" + "00000000" + "00000000" + "0000ffff" + "00000065"; // link type 101
    String ip = "4500" + "001e" + "0000" + "4000" + "4011" + "0000" + "0a000001" + "0a000002"; // total 30
    String udp = "1f40" + "13c4" + "000a" + "0000" + "abcd";
    String rec = "00000001" + "0001e240" + "0000001e" + "0000001e"; // 1 s + 123456 ns
    byte[] c = Hex.decode(hdr + rec + ip + udp);
    List<CapturedPacket> p = new PcapReader(new ByteArrayInputStream(c)).readAll();
    assertThat(p).hasSize(1);
    assertThat(p.get(0).timestampMicros()).isEqualTo(1_000_123L);
    assertThat(p.get(0).source()).isEqualTo(UdpEndpoint.parse("10.0.0.1:8000"));
    assertThat(p.get(0).destination().port()).isEqualTo(5060);
    assertThat(p.get(0).payload().hex()).isEqualTo("abcd");
  }

  @Test
  void read_nonUdpFrames_areSkippedAndCounted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PcapWriter(out);
    byte[] arp = new byte[16 + 42];
    arp[8] = 42;
    arp[12] = 42;
    arp[16 + 12] = 0x08;
    arp[16 + 13] = 0x06; // ARP
    out.write(arp);
    byte[] udp = PcapWriter.frame(5, A, B, new byte[] {1, 2}, 0);
    out.write(udp);
    PcapReader r = new PcapReader(new ByteArrayInputStream(out.toByteArray()));
    assertThat(r.readAll()).hasSize(1);
    assertThat(r.skipped()).isEqualTo(1);
  }

  @Test
  void read_everyTruncationOfACapture_isRefusedOrEndsOnARecordBoundary() throws Exception {
    byte[] c = capture(List.of(new byte[40], new byte[7]));
    int firstRecordEnd = 24 + 16 + 14 + 20 + 8 + 40;
    for (int len = 0; len < c.length; len++) {
      byte[] t = Arrays.copyOf(c, len);
      if (len == 24 || len == firstRecordEnd) {
        assertThat(new PcapReader(new ByteArrayInputStream(t)).readAll()).hasSize(len == 24 ? 0 : 1);
      } else {
        int l = len;
        assertThrows(PcapFormatException.class, () -> new PcapReader(new ByteArrayInputStream(t)).readAll(), "truncated to " + l);
      }
    }
  }

  @Test
  void read_badHeaderOrLengths_namesTheField() throws Exception {
    byte[] c = capture(List.of(new byte[10]));
    byte[] ng = c.clone();
    ng[0] = 0x0a;
    ng[1] = 0x0d;
    ng[2] = 0x0d;
    ng[3] = 0x0a;
    assertThat(assertThrows(PcapFormatException.class, () -> new PcapReader(new ByteArrayInputStream(ng))).getMessage())
        .startsWith("pcap magic: 0x0a0d0d0a");
    byte[] longUdp = c.clone();
    longUdp[24 + 16 + 34 + 5] = 60; // UDP length 60 > IPv4 payload
    assertThat(assertThrows(PcapFormatException.class, () -> new PcapReader(new ByteArrayInputStream(longUdp)).readAll()).getMessage())
        .isEqualTo("pcap record 1 UDP length: 60 (expected: 8..18)");
    byte[] huge = c.clone();
    huge[24 + 8 + 2] = 0x10; // incl_len ≥ 1 MiB
    assertThat(assertThrows(PcapFormatException.class, () -> new PcapReader(new ByteArrayInputStream(huge)).readAll()).getMessage())
        .startsWith("pcap record 1 incl_len: ");
  }

  @Test
  void writeUdp_oversizedPayload_throws() throws Exception {
    PcapWriter w = new PcapWriter(new ByteArrayOutputStream());
    assertThrows(IllegalArgumentException.class, () -> w.writeUdp(0, A, B, new byte[PcapWriter.MAX_UDP_PAYLOAD + 1]));
    assertThat(w.packetsWritten()).isZero();
  }

  @Test
  void udpEndpoint_parseAndPrint() {
    assertThat(UdpEndpoint.parse("255.0.10.1:65535").toString()).isEqualTo("255.0.10.1:65535");
    assertThat(assertThrows(IllegalArgumentException.class, () -> UdpEndpoint.parse("1.2.3:4")).getMessage())
        .isEqualTo("IPv4 address: '1.2.3' (expected: four decimal octets)");
    assertThat(assertThrows(IllegalArgumentException.class, () -> UdpEndpoint.parse("1.2.3.256:4")).getMessage())
        .isEqualTo("IPv4 octet: 256 (expected: 0..255)");
    assertThrows(IllegalArgumentException.class, () -> UdpEndpoint.parse("1.2.3.4:65536"));
  }
}
