package org.ddsec.crypto.ibe.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast paths against independent computations: the point comb against Bouncy Castle's
 * multiplication, the PF_p comb against square-and-multiply with the RFC 6508 §2.1 product
 * (a + b)/(1 - ab), and the pairing's bilinearity and symmetry.
 */
class CombAndPairingTest {

  private static final SakkeParameters PARAMS = SakkeParameters.parameterSet1();
  private static final BigInteger Q = PARAMS.q();
  private static final BigInteger P = PARAMS.p();
  private static FixedBaseComb comb;
  private static PfpComb gComb;

  @BeforeAll
  static void tables() {
    ECPoint b = PARAMS.basePoint();
    comb = FixedBaseComb.build(new MontgomeryField(P), b.getAffineXCoord().toBigInteger(), b.getAffineYCoord().toBigInteger(), Q.bitLength());
    gComb = PfpComb.build(new MontgomeryField(P), PARAMS.g(), Q.bitLength());
  }

  private static BigInteger scalar(java.util.SplittableRandom r) {
    switch (r.nextInt(5)) {
      case 0: return BigInteger.ONE;
      case 1: return Q.subtract(BigInteger.ONE);
      case 2: return BigInteger.valueOf(1 + r.nextInt(1000));
      default: return new BigInteger(1, Property.bytes(r, 128)).mod(Q.subtract(BigInteger.ONE)).add(BigInteger.ONE);
    }
  }

  /** RFC 6508 §2.1: in the F_p representation, A * B is (a + b)/(1 - a·b). */
  private static BigInteger pfpMul(BigInteger a, BigInteger b) {
    return a.add(b).multiply(BigInteger.ONE.subtract(a.multiply(b)).mod(P).modInverse(P)).mod(P);
  }

  private static BigInteger pfpPow(BigInteger g, BigInteger k) {
    BigInteger acc = BigInteger.ZERO; // the identity
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = pfpMul(acc, acc);
      if (k.testBit(i)) {
        acc = pfpMul(acc, g);
      }
    }
    return acc;
  }

  @Test
  void comb_randomScalars_matchesBouncyCastle() {
    Property.forAll(12, r -> {
      BigInteger k = scalar(r);
      ECPoint expected = PARAMS.basePoint().multiply(k).normalize();
      BigInteger[] got = comb.multiply(k).orElseThrow();
      assertThat(got[0]).isEqualTo(expected.getAffineXCoord().toBigInteger());
      assertThat(got[1]).isEqualTo(expected.getAffineYCoord().toBigInteger());
      assertThat(comb.multiplyEquals(k, got[0], got[1])).contains(true);
      assertThat(comb.multiplyEquals(k.add(BigInteger.ONE).mod(Q).max(BigInteger.ONE), got[0], got[1])).contains(false);
    });
  }

  @Test
  void comb_scalarQ_isExceptional() {
    // [q]P is the point at infinity: the incomplete formulas report it instead of answering wrongly.
    assertThat(comb.multiply(Q)).isEmpty();
  }

  @Test
  void pfpComb_randomExponents_matchesRfcProduct() {
    Property.forAll(4, r -> {
      BigInteger k = scalar(r);
      assertThat(gComb.pow(k)).isEqualTo(pfpPow(PARAMS.g(), k));
    });
  }

  @Test
  void pairing_isBilinearAndSymmetric() {
    MontgomeryField f = new MontgomeryField(P);
    Property.forAll(3, r -> {
      BigInteger a = scalar(r);
      BigInteger b = scalar(r);
      ECPoint pa = PARAMS.basePoint().multiply(a).normalize();
      ECPoint pb = PARAMS.basePoint().multiply(b).normalize();
      BigInteger ax = pa.getAffineXCoord().toBigInteger();
      BigInteger ay = pa.getAffineYCoord().toBigInteger();
      BigInteger bx = pb.getAffineXCoord().toBigInteger();
      BigInteger by = pb.getAffineYCoord().toBigInteger();
      Optional<BigInteger> e = TatePairing.pair(f, Q, ax, ay, bx, by);
      // <[a]P, [b]P> = g^(ab) = <[b]P, [a]P>, and the precomputed lines agree
      assertThat(e).contains(gComb.pow(a.multiply(b).mod(Q)));
      assertThat(TatePairing.pair(f, Q, bx, by, ax, ay)).isEqualTo(e);
      assertThat(MillerLines.precompute(f, Q, ax, ay).orElseThrow().pairWith(bx, by)).isEqualTo(e);
    });
  }

  @Test
  void millerLines_pointOfOrderTwoQ_isRefused() {
    ECPoint mixed = PARAMS.basePoint().add(PARAMS.curve().createPoint(BigInteger.ZERO, BigInteger.ZERO)).normalize();
    assertThat(MillerLines.precompute(new MontgomeryField(P), Q,
        mixed.getAffineXCoord().toBigInteger(), mixed.getAffineYCoord().toBigInteger())).isEmpty();
  }
}
