package org.ddsec.protocol.gba;

import org.ddsec.crypto.milenage.Aka;

/**
 * The USIM side of TS 33.102 Annex C.2 (array scheme): an array SEQ_MS(0..a-1) with a = 32
 * entries. An SQN = SEQ || IND is accepted when SEQ &gt; SEQ_MS(IND) (C.2.1) and SEQ does not
 * run more than {@link SqnScheme#DELTA} ahead of the highest SEQ accepted so far (C.2.2,
 * wrap-around protection). The optional age limit L of C.2.3 is not applied. Accepting SQN sets
 * SEQ_MS(IND) = SEQ. On refusal the USIM reports SQN_MS, the highest SQN accepted so far, in AUTS
 * (§6.3.3).
 *
 * <p>Not thread-safe: one USIM, one caller.
 */
public final class UsimSqnArray implements Aka.SqnCheck {

  private final long[] seqMs = new long[Sqn.ARRAY_SIZE];
  private Sqn highest = Sqn.ZERO;

  /** A fresh USIM: every SEQ_MS is 0. */
  public UsimSqnArray() {}

  /**
   * A USIM that has been in use: every array entry has reached SEQ_MS = {@code highest.seq()}
   * and {@code highest} is the last SQN accepted (so it reports {@code highest} in AUTS).
   */
  public static UsimSqnArray startingAt(Sqn highest) {
    UsimSqnArray a = new UsimSqnArray();
    java.util.Arrays.fill(a.seqMs, highest.seq());
    a.highest = highest;
    return a;
  }

  @Override
  public boolean isAcceptable(byte[] sqn) {
    Sqn s = Sqn.fromBytes(sqn);
    return s.seq() > seqMs[s.ind()] && s.seq() - highest.seq() <= SqnScheme.DELTA;
  }

  @Override
  public void accept(byte[] sqn) {
    Sqn s = Sqn.fromBytes(sqn);
    seqMs[s.ind()] = s.seq();
    if (s.seq() > highest.seq()) {
      highest = s;
    }
  }

  @Override
  public byte[] highest() {
    return highest.toBytes();
  }

  /** SQN_MS as a value. */
  public Sqn highestSqn() {
    return highest;
  }
}
