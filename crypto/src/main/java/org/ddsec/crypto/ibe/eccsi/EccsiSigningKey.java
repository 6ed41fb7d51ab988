package org.ddsec.crypto.ibe.eccsi;

import java.math.BigInteger;
import java.util.Objects;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;

/**
 * A signer's ECCSI key that passed the check of RFC 6507 §5.1.2: the SSK, its PVT, the signer's
 * identity, the KPAK it was validated against, and HS = hash(G || KPAK || ID || PVT), which §5.1.2
 * step 2 says to store with the SSK. The only way to get one is {@link #validate}. {@link
 * #close()} wipes the SSK; signing after that throws. Thread-safe until closed.
 */
public final class EccsiSigningKey implements AutoCloseable {

  private final EccsiKpak kpak;
  private final Identity identity;
  private final SecretBytes ssk;
  private final ECPoint pvt;
  private final Bytes pvtEncoded;
  private final byte[] hs;

  private EccsiSigningKey(EccsiKpak kpak, Identity identity, SecretBytes ssk, ECPoint pvt, byte[] hs) {
    this.kpak = kpak;
    this.identity = identity;
    this.ssk = ssk;
    this.pvt = pvt;
    this.pvtEncoded = Bytes.of(kpak.parameters().encode(pvt));
    this.hs = hs;
  }

  /**
   * Validates a received (SSK, PVT) pair (RFC 6507 §5.1.2): the PVT lies on the curve, and
   * KPAK = [SSK]G - [HS]PVT for HS = hash(G || KPAK || ID || PVT).
   *
   * @throws IbeException MALFORMED for a bad PVT encoding or an SSK that is not N octets or is out
   *     of [1, q-1]; INVALID_POINT for a PVT off the curve; INVALID_KEY when the equation fails (a
   *     pair for another identity, key period or KMS)
   */
  public static EccsiSigningKey validate(EccsiKpak kpak, Identity identity, SecretBytes ssk, Bytes pvt) throws IbeException {
    Objects.requireNonNull(kpak, "kpak");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(ssk, "ssk");
    Objects.requireNonNull(pvt, "pvt");
    EccsiParameters params = kpak.parameters();
    ECPoint pvtPoint = params.decodePoint(pvt, "ECCSI PVT");
    if (ssk.length() != params.n()) {
      throw new IbeException(IbeException.Reason.MALFORMED, "ECCSI SSK: " + ssk.length() + " octets (expected: " + params.n() + ")");
    }
    byte[] sb = ssk.unsafeBytes();
    BigInteger s = new BigInteger(1, sb);
    SecretBytes.wipe(sb);
    if (s.signum() == 0 || s.compareTo(params.q()) >= 0) {
      throw new IbeException(IbeException.Reason.MALFORMED, "ECCSI SSK: out of range (expected: 1 ≤ SSK ≤ q-1)");
    }
    byte[] hs = Eccsi.hs(params, kpak.point(), identity, pvtPoint);
    BigInteger hsInt = new BigInteger(1, hs).mod(params.q());
    // KPAK = [SSK]G - [HS]PVT
    ECPoint check = ECAlgorithms.sumOfTwoMultiplies(params.g(), s, pvtPoint.negate(), hsInt).normalize();
    if (check.isInfinity() || !check.equals(kpak.point())) {
      throw new IbeException(IbeException.Reason.INVALID_KEY,
          "ECCSI SSK: KPAK ≠ [SSK]G - [HS]PVT (RFC 6507 §5.1.2): not the key of " + identity + " under this KPAK");
    }
    return new EccsiSigningKey(kpak, identity, ssk.slice(0, ssk.length()), pvtPoint, hs);
  }

  public Identity identity() {
    return identity;
  }

  public EccsiKpak kpak() {
    return kpak;
  }

  /** The PVT, 0x04 || x || y. */
  public Bytes pvt() {
    return pvtEncoded;
  }

  /** HS = hash(G || KPAK || ID || PVT) (N octets). */
  public Bytes hs() {
    return Bytes.of(hs);
  }

  byte[] hsBytes() {
    return hs;
  }

  ECPoint pvtPoint() {
    return pvt;
  }

  /** The SSK as an integer; the caller drops it as soon as it can. */
  BigInteger sskValue() {
    byte[] b = ssk.unsafeBytes();
    try {
      return new BigInteger(1, b);
    } finally {
      SecretBytes.wipe(b);
    }
  }

  /** Wipes the SSK. */
  @Override
  public void close() {
    ssk.close();
  }

  @Override
  public String toString() {
    return "EccsiSigningKey[" + identity + (ssk.isClosed() ? ", closed" : "") + "]";
  }
}
