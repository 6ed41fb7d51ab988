package org.ddsec.crypto.ibe.eccsi;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;

/**
 * ECCSI signatures (RFC 6507 §5.2) on Bouncy Castle's P-256 arithmetic.
 *
 * <p>Signing draws a fresh ephemeral j from the caller's {@link SecureRandom} for every
 * signature and keeps it in a local variable only — no signer object carries it between calls,
 * which is how Bouncy Castle 1.81-1.85's {@code ECCSISigner} came to reuse it (two signatures
 * with one j give away the SSK, RFC 6507 §6). Bouncy Castle ≥ 1.86's signer is compatible (the
 * interop tests sign with each and verify with the other) but is not used here: it keeps j and r
 * in fields between {@code init} and {@code generateSignature}, exposes no intermediate value to
 * test against RFC 6507 Appendix A, and its verifier takes the PVT from its key parameters rather
 * than from the signature and compares Jx with r only modulo q.
 *
 * <p>Verification follows §5.2.2 exactly and is strict: r and s must be in [1, p-1] and [1, q-1],
 * the PVT must be on the curve, Jx = r and Jx ≠ 0. It throws; it never returns a boolean.
 */
public final class Eccsi {

  private Eccsi() {}

  /**
   * Signs {@code message} (RFC 6507 §5.2.1) with a fresh j in [1, q-1] from {@code random},
   * drawing again in the negligible case HE + r·SSK ≡ 0 mod q (step 4).
   *
   * @throws IllegalStateException if the key was closed
   */
  public static EccsiSignature sign(EccsiSigningKey key, Bytes message, SecureRandom random) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(random, "random");
    BigInteger q = key.kpak().parameters().q();
    while (true) {
      BigInteger j = BigIntegers.createRandomInRange(BigInteger.ONE, q.subtract(BigInteger.ONE), random);
      Optional<EccsiSignature> sig = signWith(key, message, j);
      if (sig.isPresent()) {
        return sig.get();
      }
    }
  }

  /** Steps 2-7 of §5.2.1 for a given j; empty when HE + r·SSK ≡ 0 mod q. */
  static Optional<EccsiSignature> signWith(EccsiSigningKey key, Bytes message, BigInteger j) {
    EccsiParameters params = key.kpak().parameters();
    BigInteger q = params.q();
    // 2) J = [j]G, r = Jx
    ECPoint bigJ = new FixedPointCombMultiplier().multiply(params.g(), j).normalize();
    BigInteger r = bigJ.getAffineXCoord().toBigInteger();
    // 3) HE = hash(HS || r || M)
    BigInteger he = new BigInteger(1, he(key.hsBytes(), params.integer(r), message)).mod(q);
    // 4) HE + r·SSK ≠ 0 mod q
    BigInteger t = he.add(r.multiply(key.sskValue())).mod(q);
    if (t.signum() == 0) {
      return Optional.empty();
    }
    // 5) s' = ((HE + r·SSK)^-1 · j) mod q
    BigInteger sPrime = BigIntegers.modOddInverse(q, t).multiply(j).mod(q);
    // 6) s = s', or q - s' if s' does not fit in N octets
    BigInteger s = sPrime.bitLength() > 8 * params.n() ? q.subtract(sPrime) : sPrime;
    // 7) Signature = r || s || PVT
    return Optional.of(EccsiSignature.of(params, r, s, key.pvtPoint()));
  }

  /**
   * Verifies {@code signature} on {@code message} by the signer {@code signer} under {@code kpak}
   * (RFC 6507 §5.2.2).
   *
   * @throws IbeException MALFORMED / INVALID_POINT for a signature that does not parse;
   *     SIGNATURE_INVALID when it does not verify
   */
  public static void verify(EccsiKpak kpak, Identity signer, Bytes message, Bytes signature) throws IbeException {
    Objects.requireNonNull(kpak, "kpak");
    verify(kpak, signer, message, EccsiSignature.parse(kpak.parameters(), signature));
  }

  /** As {@link #verify(EccsiKpak, Identity, Bytes, Bytes)} for a parsed signature. */
  public static void verify(EccsiKpak kpak, Identity signer, Bytes message, EccsiSignature signature) throws IbeException {
    Objects.requireNonNull(kpak, "kpak");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    EccsiParameters params = kpak.parameters();
    BigInteger q = params.q();
    BigInteger r = signature.rValue();
    BigInteger s = signature.sValue();
    if (r.signum() == 0 || r.compareTo(params.p()) >= 0 || s.signum() == 0 || s.compareTo(q) >= 0) {
      throw new IbeException(IbeException.Reason.SIGNATURE_INVALID,
          "ECCSI signature: r or s out of range (expected: 1 ≤ r < p, 1 ≤ s < q)");
    }
    // 1) PVT on E: checked by parse. 2) HS  3) HE
    byte[] hs = hs(params, kpak.point(), signer, signature.pvtPoint());
    BigInteger he = new BigInteger(1, he(hs, params.integer(r), message)).mod(q);
    // 4) Y = [HS]PVT + KPAK  5) J = [s]([HE]G + [r]Y)
    ECPoint y = y(params, hs, signature.pvtPoint(), kpak.point());
    ECPoint j = j(params, s, he, r, y);
    // 6) Jx = r mod p, Jx ≠ 0
    if (j.isInfinity() || !j.getAffineXCoord().toBigInteger().equals(r)) {
      throw new IbeException(IbeException.Reason.SIGNATURE_INVALID,
          "ECCSI signature: Jx ≠ r (RFC 6507 §5.2.2 step 6) for signer " + signer);
    }
  }

  /** HS = hash(G || KPAK || ID || PVT) (§5.1.1 step 3, §5.1.2 step 2, §5.2.2 step 2). */
  static byte[] hs(EccsiParameters params, ECPoint kpak, Identity id, ECPoint pvt) {
    MessageDigest md = EccsiParameters.sha256();
    md.update(params.encode(params.g()));
    md.update(params.encode(kpak));
    md.update(id.bytes().toByteArray());
    md.update(params.encode(pvt));
    return md.digest();
  }

  /** HE = hash(HS || r || M) (§5.2.1 step 3, §5.2.2 step 3). */
  static byte[] he(byte[] hs, byte[] r, Bytes message) {
    MessageDigest md = EccsiParameters.sha256();
    md.update(hs);
    md.update(r);
    md.update(message.toByteArray());
    return md.digest();
  }

  /** Y = [HS]PVT + KPAK (§5.2.2 step 4). */
  static ECPoint y(EccsiParameters params, byte[] hs, ECPoint pvt, ECPoint kpak) {
    return pvt.multiply(new BigInteger(1, hs).mod(params.q())).add(kpak).normalize();
  }

  /** J = [s]([HE]G + [r]Y) (§5.2.2 step 5), computed as [s·HE]G + [s·r]Y in one double multiplication. */
  static ECPoint j(EccsiParameters params, BigInteger s, BigInteger he, BigInteger r, ECPoint y) {
    BigInteger q = params.q();
    BigInteger a = s.multiply(he).mod(q);
    if (y.isInfinity()) {
      return params.g().multiply(a).normalize();
    }
    return ECAlgorithms.sumOfTwoMultiplies(params.g(), a, y, s.multiply(r).mod(q)).normalize();
  }
}
