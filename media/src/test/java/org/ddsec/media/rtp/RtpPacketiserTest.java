package org.ddsec.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ddsec.core.Bytes;
import org.junit.jupiter.api.Test;

class RtpPacketiserTest {

  @Test
  void next_wrapsSequenceAndTimestampAndMarksOnlyTheFirst() {
    RtpPacketiser p = new RtpPacketiser(0, 42, 65534, 0xFFFF_FF00L);
    RtpPacket a = p.next(Bytes.of(new byte[160]), 160);
    RtpPacket b = p.next(Bytes.of(new byte[160]), 160);
    RtpPacket c = p.next(Bytes.of(new byte[160]), 160);
    assertThat(List.of(a.sequenceNumber(), b.sequenceNumber(), c.sequenceNumber())).containsExactly(65534, 65535, 0);
    assertThat(List.of(a.timestamp(), b.timestamp(), c.timestamp())).containsExactly(0xFFFF_FF00L, 0xFFFF_FFA0L, 0x40L);
    assertThat(List.of(a.marker(), b.marker(), c.marker())).containsExactly(true, false, false);
    assertThat(c.ssrc()).isEqualTo(42);
  }

  @Test
  void depacketiser_reorderedDuplicatedAndLostAcrossTheWrap_playsInOrderWithGaps() {
    RtpPacketiser p = new RtpPacketiser(8, 1, 65530, 0);
    List<RtpPacket> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(p.next(Bytes.of((byte) i), 160));
    }
    List<RtpPacket> arrived = new ArrayList<>(sent);
    arrived.remove(12); // lost (seq 6)
    arrived.remove(3); // lost (seq 65533)
    Collections.shuffle(arrived.subList(1, arrived.size()), new Random(3)); // the first one arrives first
    arrived.add(sent.get(5)); // duplicate
    RtpDepacketiser d = new RtpDepacketiser(1000);
    arrived.forEach(d::add);
    List<RtpDepacketiser.Slot> slots = d.playout();
    assertThat(slots).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(slots.get(i).index()).isEqualTo(65530L + i);
      if (i == 3 || i == 12) {
        assertThat(slots.get(i).packet()).isEmpty();
      } else {
        assertThat(slots.get(i).packet()).contains(sent.get(i));
      }
    }
    assertThat(d.lost()).isEqualTo(2);
    assertThat(d.duplicates()).isEqualTo(1);
  }

  @Test
  void depacketiser_packetStretchingBeyondMaxSpan_isDropped() {
    RtpDepacketiser d = new RtpDepacketiser(100);
    d.add(1000, RtpPacket.of(false, 0, 1000, 0, 1, Bytes.EMPTY));
    d.add(1099, RtpPacket.of(false, 0, 1099, 0, 1, Bytes.EMPTY));
    d.add(1100, RtpPacket.of(false, 0, 1100, 0, 1, Bytes.EMPTY));
    assertThat(d.received()).isEqualTo(2);
    assertThat(d.outOfSpan()).isEqualTo(1);
    assertThat(d.playout()).hasSize(100);
    assertThrows(IllegalArgumentException.class, () -> new RtpDepacketiser(0));
  }

  @Test
  void estimateIndex_followsRfc3711AppendixA() {
    assertThat(SequenceNumbers.estimateIndex(65535, 0)).isEqualTo(65536); // s_l ≥ 32768, SEQ small: ROC + 1
    assertThat(SequenceNumbers.estimateIndex(65536 + 3, 65530)).isEqualTo(65530); // s_l < 32768, SEQ large: ROC − 1
    assertThat(SequenceNumbers.estimateIndex(5, 65530)).isEqualTo(-1); // ROC − 1 with ROC 0
    assertThat(SequenceNumbers.estimateIndex(40000, 7232)).isEqualTo(7232); // s_l − 32768 = SEQ: same ROC
    assertThat(SequenceNumbers.estimateIndex(40000, 7231)).isEqualTo(65536 + 7231);
  }
}
