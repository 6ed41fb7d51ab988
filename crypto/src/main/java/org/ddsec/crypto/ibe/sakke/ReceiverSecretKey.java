package org.ddsec.crypto.ibe.sakke;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.internal.FixedBaseComb;
import org.ddsec.crypto.ibe.internal.MillerLines;

/**
 * A Receiver Secret Key K_(b,S) (RFC 6508 §2.2) that passed the user-side check of §6.1.2,
 * {@code <[b]P + Z_S, K_(b,S)> = g}, bound to its identity and KMS public key, with what
 * decapsulation needs computed once: the Miller-loop lines of K (secret) and a fixed-base table
 * for [b]P + Z_S (public).
 *
 * <p>The only way to get one is {@link #validate}, so an unchecked key cannot be used. {@link
 * #close()} wipes the key and its lines; use after that throws. Thread-safe until closed.
 */
public final class ReceiverSecretKey implements AutoCloseable {

  private final SakkePublicKey kms;
  private final Identity identity;
  private final BigInteger b;
  private final SecretBytes encoded;
  private final MillerLines lines;
  private final BigInteger qbx;
  private final BigInteger qby;
  private final FixedBaseComb qbComb;

  private ReceiverSecretKey(SakkePublicKey kms, Identity identity, BigInteger b, SecretBytes encoded,
      MillerLines lines, ECPoint qb, FixedBaseComb qbComb) {
    this.kms = kms;
    this.identity = identity;
    this.b = b;
    this.encoded = encoded;
    this.lines = lines;
    this.qbx = qb.getAffineXCoord().toBigInteger();
    this.qby = qb.getAffineYCoord().toBigInteger();
    this.qbComb = qbComb;
  }

  /**
   * Checks an RSK received from the KMS (RFC 6508 §6.1.2) and returns it ready for use: the
   * encoding (0x04 || x || y, 257 octets), that K lies on E and has order q, and that
   * {@code <[b]P + Z, K> = g} for b = {@code identity}.
   *
   * @throws IbeException MALFORMED for a bad encoding, INVALID_POINT for a point off the curve,
   *     INVALID_KEY when the key is not of order q or fails the pairing check (a key for another
   *     identity, key period or KMS)
   */
  public static ReceiverSecretKey validate(SakkePublicKey kms, Identity identity, SecretBytes rsk) throws IbeException {
    Objects.requireNonNull(kms, "kms");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(rsk, "rsk");
    SakkeParameters params = kms.parameters();
    byte[] raw = rsk.unsafeBytes();
    ECPoint k;
    try {
      k = params.decodePoint(Bytes.of(raw), "SAKKE RSK");
    } finally {
      SecretBytes.wipe(raw);
    }
    BigInteger kx = k.getAffineXCoord().toBigInteger();
    BigInteger ky = k.getAffineYCoord().toBigInteger();
    Optional<MillerLines> lines = MillerLines.precompute(params.field(), params.q(), kx, ky);
    if (lines.isEmpty()) {
      throw new IbeException(IbeException.Reason.INVALID_KEY, "SAKKE RSK: not a point of order q");
    }
    BigInteger b = Sakke.identifier(identity);
    ECPoint qb = params.multiplyBase(b).add(kms.point()).normalize();
    Optional<BigInteger> pairing = qb.isInfinity()
        ? Optional.empty()
        : lines.get().pairWith(qb.getAffineXCoord().toBigInteger(), qb.getAffineYCoord().toBigInteger());
    if (pairing.isEmpty() || !pairing.get().equals(params.g())) {
      lines.get().destroy();
      throw new IbeException(IbeException.Reason.INVALID_KEY,
          "SAKKE RSK: <[b]P + Z, K> ≠ g (RFC 6508 §6.1.2): not the key of " + identity + " under this KMS");
    }
    return new ReceiverSecretKey(kms, identity, b, rsk.slice(0, rsk.length()), lines.get(), qb, params.combFor(qb));
  }

  public Identity identity() {
    return identity;
  }

  public SakkePublicKey kmsPublicKey() {
    return kms;
  }

  /** A copy of the encoded key (257 octets) for the user's key store; wipe it after use. */
  public SecretBytes encoded() {
    return encoded.slice(0, encoded.length());
  }

  /** &lt;R, K&gt; = &lt;K, R&gt; from the precomputed lines; empty when it degenerates. */
  Optional<BigInteger> pairWith(ECPoint r) {
    checkOpen();
    return lines.pairWith(r.getAffineXCoord().toBigInteger(), r.getAffineYCoord().toBigInteger());
  }

  /** Whether [r]([b]P + Z) equals the affine point R (RFC 6508 §6.2.2 step 5). */
  boolean testEquals(BigInteger r, ECPoint rPoint) {
    checkOpen();
    BigInteger rx = rPoint.getAffineXCoord().toBigInteger();
    BigInteger ry = rPoint.getAffineYCoord().toBigInteger();
    Optional<Boolean> fast = qbComb.multiplyEquals(r, rx, ry);
    if (fast.isPresent()) {
      return fast.get();
    }
    SakkeParameters params = kms.parameters();
    ECPoint test = params.curve().createPoint(qbx, qby).multiply(r).normalize();
    return !test.isInfinity() && test.equals(rPoint);
  }

  BigInteger identifier() {
    return b;
  }

  /** Wipes the key and its lines. */
  @Override
  public void close() {
    encoded.close();
    lines.destroy();
  }

  @Override
  public String toString() {
    return "ReceiverSecretKey[" + identity + (encoded.isClosed() ? ", closed" : "") + "]";
  }

  private void checkOpen() {
    if (encoded.isClosed()) {
      throw new IllegalStateException("ReceiverSecretKey used after close()");
    }
  }
}
