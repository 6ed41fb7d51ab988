package org.ddsec.protocol.gba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** TS 33.102 Annex C: SQN = SEQ || IND, the HSS counter and the USIM array. */
class SqnSchemeTest {

  @Test
  void sqn_seqAndInd_packedAsAnnexC32() {
    Sqn s = Sqn.of(3, 7);
    assertThat(s.value()).isEqualTo(3L << 5 | 7);
    assertThat(Sqn.fromBytes(s.toBytes())).isEqualTo(s);
    assertThat(s.toBytes()).containsExactly(0, 0, 0, 0, 0, 0x67);
  }

  @Test
  void sqn_outOfRange_refused() {
    assertThrows(IllegalArgumentException.class, () -> new Sqn(1L << 48));
    assertThrows(IllegalArgumentException.class, () -> Sqn.of(0, 32));
    assertThrows(IllegalArgumentException.class, () -> Sqn.fromBytes(new byte[5]));
  }

  @Test
  void next_incrementsSeqAndCyclesInd() {
    Sqn s = Sqn.ZERO;
    for (int i = 1; i <= 33; i++) {
      s = SqnScheme.next(s);
      assertThat(s.seq()).isEqualTo(i);
      assertThat(s.ind()).isEqualTo(i % 32);
    }
  }

  @Test
  void next_seqExhausted_refused() {
    assertThrows(IllegalStateException.class, () -> SqnScheme.next(Sqn.of(Sqn.MAX_SEQ, 0)));
  }

  @Test
  void usim_freshSqn_acceptedOnce() {
    UsimSqnArray a = new UsimSqnArray();
    byte[] s = Sqn.of(1, 1).toBytes();
    assertThat(a.isAcceptable(s)).isTrue();
    a.accept(s);
    assertThat(a.isAcceptable(s)).as("replayed SQN").isFalse();
    assertThat(Sqn.fromBytes(a.highest())).isEqualTo(Sqn.of(1, 1));
  }

  @Test
  void usim_olderSqnInOtherArrayEntry_accepted() {
    UsimSqnArray a = new UsimSqnArray();
    a.accept(Sqn.of(5, 5).toBytes());
    // Vector 3 (IND 3) used after vector 5: accepted because SEQ_MS(3) is still 0 (Annex C.2.1).
    assertThat(a.isAcceptable(Sqn.of(3, 3).toBytes())).isTrue();
    // But not an older SEQ in the same entry.
    assertThat(a.isAcceptable(Sqn.of(4, 5).toBytes())).isFalse();
  }

  @Test
  void usim_jumpBeyondDelta_refused() {
    UsimSqnArray a = UsimSqnArray.startingAt(Sqn.of(10, 0));
    assertThat(a.isAcceptable(Sqn.of(10, 1).toBytes())).as("every entry is at SEQ 10").isFalse();
    assertThat(a.isAcceptable(Sqn.of(10 + SqnScheme.DELTA, 1).toBytes())).isTrue();
    assertThat(a.isAcceptable(Sqn.of(11 + SqnScheme.DELTA, 1).toBytes())).isFalse();
  }

  @Test
  void resynchronise_hssBehindUsim_setsSeqToSeqMs() {
    Sqn he = Sqn.of(3, 3);
    Sqn ms = Sqn.of(1000, 8);
    Sqn after = SqnScheme.resynchronise(he, ms);
    assertThat(after.seq()).isEqualTo(1000);
    UsimSqnArray usim = UsimSqnArray.startingAt(ms);
    assertThat(usim.isAcceptable(SqnScheme.next(after).toBytes())).as("next vector after resync").isTrue();
  }

  @Test
  void resynchronise_hssAheadWithinDelta_unchanged() {
    Sqn he = Sqn.of(50, 2);
    assertThat(SqnScheme.resynchronise(he, Sqn.of(40, 0))).isEqualTo(he);
  }

  @Test
  void resynchronise_hssTooFarAhead_setsSeqToSeqMs() {
    Sqn he = Sqn.of(10 + SqnScheme.DELTA, 2);
    assertThat(SqnScheme.resynchronise(he, Sqn.of(9, 0)).seq()).isEqualTo(9);
  }
}
