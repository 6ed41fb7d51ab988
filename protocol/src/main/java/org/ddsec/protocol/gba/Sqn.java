package org.ddsec.protocol.gba;

/**
 * A 48-bit AKA sequence number SQN = SEQ || IND (3GPP TS 33.102 Annex C.1.1, C.3.2): SEQ is the
 * 43-bit counter, IND the {@value #IND_BITS}-bit index into the USIM's array of SEQ_MS values.
 */
public record Sqn(long value) {

  /** Annex C.3.2: "IND ... a length of 5 bits" is the recommended value; the array has 32 entries. */
  public static final int IND_BITS = 5;

  /** Number of entries of the USIM's SEQ_MS array (a = 2^IND_BITS, Annex C.1.2). */
  public static final int ARRAY_SIZE = 1 << IND_BITS;

  /** Largest SEQ value (43 bits). */
  public static final long MAX_SEQ = (1L << (48 - IND_BITS)) - 1;

  /** SQN 0 (SEQ = 0, IND = 0): the state of a fresh subscriber and a fresh USIM. */
  public static final Sqn ZERO = new Sqn(0);

  public Sqn {
    if (value < 0 || value >= 1L << 48) {
      throw new IllegalArgumentException("SQN: " + value + " (expected: 0 ≤ SQN < 2^48)");
    }
  }

  /** SQN from SEQ and IND. */
  public static Sqn of(long seq, int ind) {
    if (seq < 0 || seq > MAX_SEQ) {
      throw new IllegalArgumentException("SEQ: " + seq + " (expected: 0 ≤ SEQ ≤ 2^43 - 1)");
    }
    if (ind < 0 || ind >= ARRAY_SIZE) {
      throw new IllegalArgumentException("IND: " + ind + " (expected: 0 ≤ IND < " + ARRAY_SIZE + ")");
    }
    return new Sqn(seq << IND_BITS | ind);
  }

  /** The six big-endian octets of AUTN/AUTS. */
  public static Sqn fromBytes(byte[] six) {
    if (six.length != 6) {
      throw new IllegalArgumentException("SQN: " + six.length + " bytes (expected: 6)");
    }
    long v = 0;
    for (byte b : six) {
      v = v << 8 | (b & 0xFF);
    }
    return new Sqn(v);
  }

  public long seq() {
    return value >>> IND_BITS;
  }

  public int ind() {
    return (int) (value & (ARRAY_SIZE - 1));
  }

  /** The six big-endian octets. */
  public byte[] toBytes() {
    byte[] out = new byte[6];
    for (int i = 5, v = 0; i >= 0; i--, v += 8) {
      out[i] = (byte) (value >>> v);
    }
    return out;
  }

  @Override
  public String toString() {
    return "SQN[SEQ=" + seq() + ", IND=" + ind() + "]";
  }
}
