package org.ddsec.crypto.ibe.sakke;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;

/**
 * SAKKE key exchange (RFC 6508 §6.2): a sender encapsulates a fresh Shared Secret Value to an
 * identity knowing only the KMS public key; the receiver recovers it with its RSK and checks the
 * encapsulation. Every value that is hashed or sent has the fixed length of RFC 6508 §4 (SSV and
 * H: n/8 octets; g^r and w: L octets; R: 2L+1 octets).
 *
 * <p>Pure computation; the only randomness is the SSV, drawn from the {@link SecureRandom} the
 * caller passes (RFC 6508 §7: it must be unpredictable, since r and so R follow from it).
 */
public final class Sakke {

  private Sakke() {}

  /** The identifier b of {@code identity}: its RFC 6509 §3.2 octets read as an integer (RFC 6508 §6.2). */
  static BigInteger identifier(Identity identity) {
    return new BigInteger(1, identity.bytes().toByteArray());
  }

  /**
   * Forms Encapsulated Data for {@code recipient} (RFC 6508 §6.2.1) with a fresh random SSV.
   * With Z and P fixed, R_(b,S) = [r]([b]P + Z) is computed as [r·b]P + [r]Z on two fixed-base
   * tables.
   */
  public static Encapsulation encapsulate(SakkePublicKey kms, Identity recipient, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    SakkeParameters params = kms.parameters();
    while (true) {
      byte[] ssv = new byte[params.ssvBytes()];
      random.nextBytes(ssv);
      SecretBytes s = SecretBytes.wrap(ssv);
      Optional<Encapsulation> e = encapsulate(kms, recipient, s);
      if (e.isPresent()) {
        return e.get();
      }
      s.close(); // r = 0: the one SSV in ~2^1021 without an encapsulation; draw again
    }
  }

  /**
   * Encapsulates the given SSV (steps 2-6 of RFC 6508 §6.2.1); for known-answer and interop tests,
   * and for callers that must transport a chosen SSV (RFC 6508 §6.3 group keys). The returned
   * {@link Encapsulation} holds a copy of the SSV.
   *
   * @return empty in the negligible case r = 0, where no Encapsulated Data exists
   * @throws IllegalArgumentException unless the SSV has n/8 octets
   */
  public static Optional<Encapsulation> encapsulate(SakkePublicKey kms, Identity recipient, SecretBytes ssv) {
    Objects.requireNonNull(kms, "kms");
    Objects.requireNonNull(recipient, "recipient");
    SakkeParameters params = kms.parameters();
    if (ssv.length() != params.ssvBytes()) {
      throw new IllegalArgumentException("SAKKE SSV: " + ssv.length() + " octets (expected: " + params.ssvBytes() + ")");
    }
    byte[] ssvBytes = ssv.unsafeBytes();
    try {
      BigInteger b = identifier(recipient);
      BigInteger r = rOf(params, ssvBytes, recipient);
      if (r.signum() == 0) {
        return Optional.empty();
      }
      // R_(b,S) = [r]([b]P + Z_S) = [r·b mod q]P + [r]Z_S
      ECPoint rb = params.multiplyBase(r.multiply(b).mod(params.q()));
      ECPoint rz = params.combMultiply(kms.comb(), kms.point(), r);
      ECPoint bigR = rb.add(rz).normalize();
      // H = SSV XOR HashToIntegerRange(g^r, 2^n)
      byte[] mask = mask(params, params.gPow(r));
      for (int i = 0; i < mask.length; i++) {
        mask[i] ^= ssvBytes[i];
      }
      return Optional.of(new Encapsulation(ssv.slice(0, ssv.length()), EncapsulatedData.of(params, bigR, mask)));
    } finally {
      SecretBytes.wipe(ssvBytes);
    }
  }

  /**
   * Recovers and checks the SSV of {@code data} with the receiver's key (RFC 6508 §6.2.2):
   * w = &lt;R_(b,S), K_(b,S)&gt;, SSV = H XOR HashToIntegerRange(w, 2^n), r = HashToIntegerRange(SSV || b, q),
   * and R_(b,S) must equal [r]([b]P + Z_S).
   *
   * @throws IbeException DECAPSULATION_FAILED when the check of step 5 fails — data for another
   *     identity, key period or KMS, or modified on the way
   */
  public static SecretBytes decapsulate(ReceiverSecretKey rsk, EncapsulatedData data) throws IbeException {
    Objects.requireNonNull(rsk, "rsk");
    Objects.requireNonNull(data, "data");
    SakkeParameters params = rsk.kmsPublicKey().parameters();
    ECPoint r = data.point();
    Optional<BigInteger> w = rsk.pairWith(r);
    if (w.isEmpty()) {
      throw new IbeException(IbeException.Reason.DECAPSULATION_FAILED, "SAKKE: R_(b,S) is not in the order-q subgroup");
    }
    byte[] ssv = mask(params, w.get());
    byte[] h = data.h().toByteArray();
    for (int i = 0; i < ssv.length; i++) {
      ssv[i] ^= h[i];
    }
    BigInteger rr = rOf(params, ssv, rsk.identity());
    if (rr.signum() == 0 || !rsk.testEquals(rr, r)) {
      SecretBytes.wipe(ssv);
      throw new IbeException(IbeException.Reason.DECAPSULATION_FAILED,
          "SAKKE: R_(b,S) ≠ [r]([b]P + Z) (RFC 6508 §6.2.2 step 5): not for " + rsk.identity() + " or modified");
    }
    return SecretBytes.wrap(ssv);
  }

  /** r = HashToIntegerRange(SSV || b, q) (§6.2.1 step 2, §6.2.2 step 4). */
  static BigInteger rOf(SakkeParameters params, byte[] ssv, Identity identity) {
    Bytes id = identity.bytes();
    byte[] in = new byte[ssv.length + id.length()];
    System.arraycopy(ssv, 0, in, 0, ssv.length);
    id.copyTo(in, ssv.length);
    BigInteger r = HashToIntegerRange.hash(in, params.q());
    SecretBytes.wipe(in);
    return r;
  }

  /** HashToIntegerRange(x, 2^n, SHA-256) of the L-octet x, as n/8 octets. */
  static byte[] mask(SakkeParameters params, BigInteger pfpElement) {
    BigInteger m = HashToIntegerRange.hash(params.encodeFieldElement(pfpElement), BigInteger.ONE.shiftLeft(params.ssvBits()));
    return BigIntegers.asUnsignedByteArray(params.ssvBytes(), m);
  }
}
