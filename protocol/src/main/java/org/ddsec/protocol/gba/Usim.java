package org.ddsec.protocol.gba;

import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.milenage.Aka;
import org.ddsec.crypto.milenage.MacFailureException;
import org.ddsec.crypto.milenage.Milenage;
import org.ddsec.crypto.milenage.SynchronisationFailureException;

/**
 * A USIM emulation (TS 33.102 §6.3.3): Milenage with K and OPc, and the SQN array of Annex C.2
 * ({@link UsimSqnArray}). {@link #authenticate} checks AUTN's MAC-A, then its SQN, and yields
 * RES, CK and IK — or AUTS when the SQN is out of range. Not thread-safe; close it to wipe OPc.
 */
public final class Usim implements AutoCloseable {

  private final Milenage milenage;
  private final UsimSqnArray sqn;

  public Usim(SecretBytes k, SecretBytes opc, UsimSqnArray sqn) {
    this.milenage = Milenage.withOpc(k, opc);
    this.sqn = Objects.requireNonNull(sqn, "sqn");
  }

  /** A fresh USIM (every SEQ_MS = 0). */
  public Usim(SecretBytes k, SecretBytes opc) {
    this(k, opc, new UsimSqnArray());
  }

  /**
   * Runs AKA on RAND and AUTN.
   *
   * @throws MacFailureException if AUTN is not authentic (the network is not who it claims)
   * @throws SynchronisationFailureException carrying AUTS if the SQN is not acceptable
   */
  public Aka.UsimResult authenticate(Bytes rand, Bytes autn) throws MacFailureException, SynchronisationFailureException {
    if (rand.length() != 16 || autn.length() != 16) {
      throw new MacFailureException("RAND/AUTN: " + rand.length() + "/" + autn.length() + " bytes (expected: 16/16)");
    }
    return Aka.verify(milenage, rand.toByteArray(), autn.toByteArray(), sqn);
  }

  /** The USIM's SQN state. */
  public UsimSqnArray sqnArray() {
    return sqn;
  }

  @Override
  public void close() {
    milenage.close();
  }

  @Override
  public String toString() {
    return "Usim[K, OPc hidden, SQN_MS=" + sqn.highestSqn() + "]";
  }
}
