package org.ddsec.crypto.milenage;

import java.security.MessageDigest;
import java.util.Arrays;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;

/**
 * UMTS AKA with Milenage, 3GPP TS 33.102 §6.3: the network's authentication vector with
 * AUTN = (SQN ⊕ AK) || AMF || MAC-A (§6.3.2), the USIM's verification of AUTN (§6.3.3) and the
 * re-synchronisation token AUTS = (SQN_MS ⊕ AK*) || MAC-S with MAC-S = f1*(K, SQN_MS, RAND, AMF =
 * 0x0000) (§6.3.3, §6.3.5).
 */
public final class Aka {

  /** TS 33.102 §6.3.3: "the dummy value of AMF used in the calculation of MAC-S" is all zeros. */
  static final byte[] RESYNC_AMF = {0, 0};

  private Aka() {}

  /** A quintet: what the HSS gives the BSF for one authentication (TS 33.102 §6.3.2). */
  public record AuthenticationVector(Bytes rand, Bytes xres, SecretBytes ck, SecretBytes ik, Bytes autn) {}

  /** What an authentic, fresh AUTN yields on the USIM. */
  public record UsimResult(Bytes res, SecretBytes ck, SecretBytes ik, Bytes sqn) {}

  /** The USIM's sequence-number check (TS 33.102 §6.3.3, Annex C); the scheme is pluggable. */
  public interface SqnCheck {
    /** True when {@code sqn} (6 bytes) is acceptable; an accepted SQN is then recorded with {@link #accept}. */
    boolean isAcceptable(byte[] sqn);

    void accept(byte[] sqn);

    /** SQN_MS: the highest SQN accepted so far, sent back in AUTS on failure. */
    byte[] highest();
  }

  /** Builds RAND's authentication vector for {@code sqn} (6 bytes) and {@code amf} (2 bytes). */
  public static AuthenticationVector generate(Milenage m, byte[] rand, byte[] sqn, byte[] amf) {
    Milenage.F1 f1 = m.f1(rand, sqn, amf);
    Milenage.F2345 f = m.f2345(rand);
    byte[] ak = f.ak().unsafeBytes();
    byte[] autn = new byte[16];
    for (int i = 0; i < 6; i++) {
      autn[i] = (byte) (sqn[i] ^ ak[i]);
    }
    System.arraycopy(amf, 0, autn, 6, 2);
    f1.macA().copyTo(autn, 8);
    SecretBytes.wipe(ak);
    f.ak().close();
    return new AuthenticationVector(Bytes.of(rand), f.res(), f.ck(), f.ik(), Bytes.of(autn));
  }

  /**
   * The USIM side: recovers SQN from AUTN, checks MAC-A, then the SQN.
   *
   * @throws MacFailureException if MAC-A does not verify (the network is not authentic)
   * @throws SynchronisationFailureException with AUTS, if the SQN is not acceptable
   */
  public static UsimResult verify(Milenage m, byte[] rand, byte[] autn, SqnCheck check)
      throws MacFailureException, SynchronisationFailureException {
    if (autn.length != 16) {
      throw new IllegalArgumentException("AUTN: " + autn.length + " bytes (expected: 16)");
    }
    Milenage.F2345 f = m.f2345(rand);
    byte[] ak = f.ak().unsafeBytes();
    byte[] sqn = new byte[6];
    for (int i = 0; i < 6; i++) {
      sqn[i] = (byte) (autn[i] ^ ak[i]);
    }
    SecretBytes.wipe(ak);
    f.ak().close();
    byte[] amf = Arrays.copyOfRange(autn, 6, 8);
    byte[] xmac = m.f1(rand, sqn, amf).macA().toByteArray();
    if (!MessageDigest.isEqual(xmac, Arrays.copyOfRange(autn, 8, 16))) {
      f.close();
      throw new MacFailureException("AUTN: MAC-A does not verify");
    }
    if (!check.isAcceptable(sqn)) {
      f.close();
      throw new SynchronisationFailureException(auts(m, rand, check.highest()));
    }
    check.accept(sqn);
    return new UsimResult(f.res(), f.ck(), f.ik(), Bytes.of(sqn));
  }

  /** AUTS = (SQN_MS ⊕ AK*) || MAC-S, with MAC-S = f1*(SQN_MS, RAND, AMF = 0x0000). */
  public static Bytes auts(Milenage m, byte[] rand, byte[] sqnMs) {
    if (sqnMs.length != 6) {
      throw new IllegalArgumentException("SQN_MS: " + sqnMs.length + " bytes (expected: 6)");
    }
    byte[] akStar = m.f5star(rand).unsafeBytes();
    byte[] out = new byte[14];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) (sqnMs[i] ^ akStar[i]);
    }
    SecretBytes.wipe(akStar);
    m.f1(rand, sqnMs, RESYNC_AMF).macS().copyTo(out, 6);
    return Bytes.of(out);
  }

  /**
   * The network side of re-synchronisation: recovers SQN_MS from AUTS and checks MAC-S.
   *
   * @return SQN_MS, from which the HSS continues its sequence
   * @throws MacFailureException if MAC-S does not verify
   */
  public static Bytes resynchronise(Milenage m, byte[] rand, byte[] auts) throws MacFailureException {
    if (auts.length != 14) {
      throw new IllegalArgumentException("AUTS: " + auts.length + " bytes (expected: 14)");
    }
    byte[] akStar = m.f5star(rand).unsafeBytes();
    byte[] sqnMs = new byte[6];
    for (int i = 0; i < 6; i++) {
      sqnMs[i] = (byte) (auts[i] ^ akStar[i]);
    }
    SecretBytes.wipe(akStar);
    byte[] xmacS = m.f1(rand, sqnMs, RESYNC_AMF).macS().toByteArray();
    if (!MessageDigest.isEqual(xmacS, Arrays.copyOfRange(auts, 6, 14))) {
      throw new MacFailureException("AUTS: MAC-S does not verify");
    }
    return Bytes.of(sqnMs);
  }
}
