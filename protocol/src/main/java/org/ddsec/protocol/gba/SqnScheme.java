package org.ddsec.protocol.gba;

/**
 * The HSS/AuC side of the sequence-number scheme of 3GPP TS 33.102 Annex C (profile "not time
 * based", C.1.1.1 and C.3): SQN = SEQ || IND with a per-subscriber counter SEQ_HE.
 *
 * <ul>
 *   <li>{@link #next}: each new authentication vector takes SEQ_HE + 1 (C.1.1.1: "the counter
 *       ... incremented by one") and the next IND value in cyclic order (C.1.2, C.3.2: IND
 *       selects one entry of the USIM's array, so vectors used out of order are still accepted).
 *   <li>{@link #resynchronise}: §6.3.5 — if the next SQN the HSS would generate is not
 *       acceptable to a USIM whose highest accepted SQN is SQN_MS, the HSS sets SEQ_HE to SEQ_MS
 *       (so the next vector carries SEQ_MS + 1, which the USIM accepts); otherwise SQN_HE stays.
 * </ul>
 */
public final class SqnScheme {

  /** Annex C.2.2: the maximum accepted jump of SEQ ahead of SEQ_MS (2^28, as recommended). */
  public static final long DELTA = 1L << 28;

  private SqnScheme() {}

  /** The SQN of the next authentication vector after {@code current}. */
  public static Sqn next(Sqn current) {
    if (current.seq() == Sqn.MAX_SEQ) {
      // Annex C.2.2 wrap-around protection: the USIM would refuse anything after this.
      throw new IllegalStateException("SEQ_HE exhausted (" + Sqn.MAX_SEQ + "): the subscriber needs a new K");
    }
    return Sqn.of(current.seq() + 1, (current.ind() + 1) % Sqn.ARRAY_SIZE);
  }

  /** The HSS's SQN after a verified AUTS carrying {@code sqnMs} (TS 33.102 §6.3.5). */
  public static Sqn resynchronise(Sqn current, Sqn sqnMs) {
    long nextSeq = current.seq() + 1;
    boolean acceptable = nextSeq > sqnMs.seq() && nextSeq - sqnMs.seq() <= DELTA;
    return acceptable ? current : Sqn.of(sqnMs.seq(), current.ind());
  }
}
