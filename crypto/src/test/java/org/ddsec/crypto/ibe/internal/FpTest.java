package org.ddsec.crypto.ibe.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

/** The Montgomery arithmetic against BigInteger, on the SAKKE prime and on small and odd-sized moduli. */
class FpTest {

  private static final BigInteger P = SakkeParameters.parameterSet1().p();
  private static final BigInteger P256 = new BigInteger("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16);
  private static final BigInteger P127 = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

  private static BigInteger element(java.util.SplittableRandom r, BigInteger p) {
    switch (r.nextInt(6)) {
      case 0: return BigInteger.ZERO;
      case 1: return p.subtract(BigInteger.ONE);
      case 2: return BigInteger.ONE;
      default: return new BigInteger(1, Property.bytes(r, p.bitLength() / 8 + 1)).mod(p);
    }
  }

  @Test
  void operations_randomOperands_matchBigInteger() {
    for (BigInteger p : new BigInteger[] {P, P256, P127}) {
      MontgomeryField field = new MontgomeryField(p);
      Property.forAll(300, r -> {
        Fp f = field.context();
        BigInteger a = element(r, p);
        BigInteger b = element(r, p);
        long[] x = f.fromBigInteger(a);
        long[] y = f.fromBigInteger(b);
        long[] o = f.zero();
        f.mul(x, y, o);
        assertThat(f.toBigInteger(o)).isEqualTo(a.multiply(b).mod(p));
        f.sqr(x, o);
        assertThat(f.toBigInteger(o)).isEqualTo(a.multiply(a).mod(p));
        f.add(x, y, o);
        assertThat(f.toBigInteger(o)).isEqualTo(a.add(b).mod(p));
        f.sub(x, y, o);
        assertThat(f.toBigInteger(o)).isEqualTo(a.subtract(b).mod(p));
        f.neg(x, o);
        assertThat(f.toBigInteger(o)).isEqualTo(a.negate().mod(p));
        assertThat(f.isZero(x)).isEqualTo(a.signum() == 0);
        assertThat(f.equal(x, y)).isEqualTo(a.equals(b));
        if (a.signum() != 0) {
          f.inv(x, o);
          assertThat(f.toBigInteger(o)).isEqualTo(a.modInverse(p));
        }
        f.mul(x, y, x); // aliasing
        assertThat(f.toBigInteger(x)).isEqualTo(a.multiply(b).mod(p));
      });
    }
  }

  @Test
  void batchInvert_randomElements_matchesModInverse() {
    MontgomeryField field = new MontgomeryField(P);
    Property.forAll(5, r -> {
      Fp f = field.context();
      BigInteger[] v = new BigInteger[1 + r.nextInt(20)];
      long[][] a = new long[v.length][];
      for (int i = 0; i < v.length; i++) {
        v[i] = element(r, P);
        if (v[i].signum() == 0) {
          v[i] = BigInteger.TWO;
        }
        a[i] = f.fromBigInteger(v[i]);
      }
      f.batchInvert(a);
      for (int i = 0; i < v.length; i++) {
        assertThat(f.toBigInteger(a[i])).isEqualTo(v[i].modInverse(P));
      }
    });
  }

  @Test
  void fromBigInteger_outOfRange_isRefused() {
    Fp f = new MontgomeryField(P).context();
    assertThrows(IllegalArgumentException.class, () -> f.fromBigInteger(P));
    assertThrows(IllegalArgumentException.class, () -> f.fromBigInteger(BigInteger.ONE.negate()));
    assertThrows(IllegalArgumentException.class, () -> new MontgomeryField(BigInteger.valueOf(16)));
  }
}
