package org.ddsec.crypto.ecdh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.TestRandom;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

class EcdhP256Test {

  // RFC 5903 §8.1, 256-bit random ECP group (P-256): i, g^i, r, g^r and the common value (girx, giry).
  static final String I = "C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433";
  static final String GI = "04" + "DAD0B65394221CF9B051E1FECA5787D098DFE637FC90B9EF945D0C3772581180"
      + "5271A0461CDB8252D61F1C456FA3E59AB1F45B33ACCF5F58389E0577B8990BB3";
  static final String R = "C6EF9C5D78AE012A011164ACB397CE2088685D8F06BF9BE0B283AB46476BEE53";
  static final String GR = "04" + "D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63"
      + "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB";
  static final String GIR = "04" + "D6840F6B42F6EDAFD13116E0E12565202FEF8E9ECE7DCE03812464D04B9442DE"
      + "522BDE0AF0D8585B8DEF9C183B5AE38F50235206A8674ECB5D98EDB20EB153A2";

  @Test
  void rfc5903Vector_publicValuesAndSessionPoint_match() throws EcdhException {
    try (EphemeralKey i = EcdhP256.fromScalar(SecretBytes.wrap(Hex.decode(I)));
        EphemeralKey r = EcdhP256.fromScalar(SecretBytes.wrap(Hex.decode(R)))) {
      assertThat(i.publicPoint().hex()).isEqualToIgnoringCase(GI);
      assertThat(r.publicPoint().hex()).isEqualToIgnoringCase(GR);
      // K_SESSION is the whole SEC 1 point (girx, giry), RFC 6267 §5.1; both sides agree.
      try (SecretBytes a = EcdhP256.sessionPoint(i, r.publicPoint()); SecretBytes b = EcdhP256.sessionPoint(r, i.publicPoint())) {
        assertThat(Hex.encode(a.unsafeBytes())).isEqualToIgnoringCase(GIR);
        assertThat(a.constantTimeEquals(b)).isTrue();
      }
    }
  }

  @Test
  void randomKeys_agreeAndAreFresh() {
    TestRandom rnd = TestRandom.seeded(6267);
    Set<Bytes> seen = new HashSet<>();
    Property.forAll(40, r -> {
      try (EphemeralKey x = EcdhP256.generate(rnd); EphemeralKey y = EcdhP256.generate(rnd);
          SecretBytes k1 = EcdhP256.sessionPoint(x, y.publicPoint()); SecretBytes k2 = EcdhP256.sessionPoint(y, x.publicPoint())) {
        assertThat(k1.constantTimeEquals(k2)).isTrue();
        assertThat(k1.length()).isEqualTo(EcdhP256.POINT_BYTES);
        assertThat(seen.add(x.publicPoint())).isTrue();
      } catch (EcdhException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void validate_offCurveWrongLengthCompressedOrOutOfRange_refusedWithReason() {
    byte[] good = Hex.decode(GR);
    byte[] off = good.clone();
    off[64] ^= 1;
    assertThat(assertThrows(EcdhException.class, () -> EcdhP256.validate(Bytes.of(off))).reason())
        .isEqualTo(EcdhException.Reason.INVALID_POINT);
    byte[] compressed = java.util.Arrays.copyOf(good, 33);
    compressed[0] = 0x03;
    assertThat(assertThrows(EcdhException.class, () -> EcdhP256.validate(Bytes.of(compressed))).reason())
        .isEqualTo(EcdhException.Reason.MALFORMED);
    byte[] prefix = good.clone();
    prefix[0] = 0x06;
    assertThat(assertThrows(EcdhException.class, () -> EcdhP256.validate(Bytes.of(prefix))).reason())
        .isEqualTo(EcdhException.Reason.MALFORMED);
    byte[] big = good.clone();
    java.util.Arrays.fill(big, 1, 33, (byte) 0xFF); // X = 2^256 - 1 ≥ p
    assertThat(assertThrows(EcdhException.class, () -> EcdhP256.validate(Bytes.of(big))).getMessage()).contains("≥ p");
    byte[] zero = new byte[65];
    zero[0] = 0x04; // (0, 0) is not on P-256
    assertThat(assertThrows(EcdhException.class, () -> EcdhP256.validate(Bytes.of(zero))).reason())
        .isEqualTo(EcdhException.Reason.INVALID_POINT);
  }

  @Test
  void everyBitFlipOfAPublicValue_isRefused() {
    byte[] good = Hex.decode(GR);
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] m = good.clone();
      m[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
      assertThrows(EcdhException.class, () -> EcdhP256.validate(Bytes.of(m)), "bit " + bit);
    }
  }

  @Test
  void closedKey_cannotBeUsed() throws EcdhException {
    EphemeralKey k = EcdhP256.generate(TestRandom.seeded(1));
    Bytes peer = EcdhP256.validate(Bytes.of(Hex.decode(GR)));
    k.close();
    assertThrows(IllegalStateException.class, () -> EcdhP256.sessionPoint(k, peer));
  }

  @Test
  void fromScalar_outOfRange_refused() {
    assertThrows(IllegalArgumentException.class, () -> EcdhP256.fromScalar(SecretBytes.wrap(new byte[32])));
    assertThrows(IllegalArgumentException.class, () -> EcdhP256.fromScalar(SecretBytes.wrap(new byte[31])));
  }
}
