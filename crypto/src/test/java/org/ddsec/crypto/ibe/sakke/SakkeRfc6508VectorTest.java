package org.ddsec.crypto.ibe.sakke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ddsec.crypto.ibe.sakke.Rfc6508Vectors.*;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.internal.MillerLines;
import org.ddsec.crypto.ibe.internal.TatePairing;
import org.ddsec.testkit.Hex;
import org.junit.jupiter.api.Test;

/**
 * Every value of RFC 6508 Appendix A, in the order the appendix prints them, plus g = &lt;P,P&gt;
 * of RFC 6509 Appendix A and the RSK validation pairing of RFC 6508 §6.1.2.
 */
class SakkeRfc6508VectorTest {

  private static final SakkeParameters PARAMS = SakkeParameters.parameterSet1();

  private static SakkeKms kms() {
    return SakkeKms.fromMasterSecret(PARAMS, SecretBytes.fromHex(compact(Z)));
  }

  private static ECPoint point(String x, String y) {
    return PARAMS.curve().createPoint(hex(x), hex(y));
  }

  @Test
  void parameterSet1_constants_matchRfc6509AppendixA() {
    // RFC 6509 Appendix A: p, q with q | p+1 and c = (p+1)/q = 4; P on E of order q.
    assertThat(PARAMS.p().add(BigInteger.ONE)).isEqualTo(PARAMS.q().shiftLeft(2));
    assertThat(PARAMS.p().testBit(0) && PARAMS.p().testBit(1)).as("p ≡ 3 mod 4").isTrue();
    assertThat(PARAMS.hasOrderQ(PARAMS.basePoint())).isTrue();
    assertThat(PARAMS.g()).isEqualTo(hex(G));
    assertThat(PARAMS.encapsulatedDataBytes()).isEqualTo(273);
  }

  @Test
  void pairing_pWithP_isGOfRfc6509AppendixA() {
    ECPoint p = PARAMS.basePoint();
    BigInteger x = p.getAffineXCoord().toBigInteger();
    BigInteger y = p.getAffineYCoord().toBigInteger();
    // RFC 6508 §3.2 pairing, generic projective Miller loop and precomputed lines.
    assertThat(TatePairing.pair(PARAMS.field(), PARAMS.q(), x, y, x, y)).contains(hex(G));
    assertThat(MillerLines.precompute(PARAMS.field(), PARAMS.q(), x, y).orElseThrow().pairWith(x, y)).contains(hex(G));
  }

  @Test
  void kms_rfcMasterSecret_givesZ() {
    // Appendix A: z → Z = [z]P (RFC 6508 §6.1)
    try (SakkeKms kms = kms()) {
      assertThat(kms.publicKey().encoded().hex()).isEqualTo("04" + fe(ZX) + fe(ZY));
      assertThat(kms.masterSecret().unsafeHex()).isEqualTo(fe(Z));
    }
  }

  @Test
  void identity_rfcTelUri_isB() {
    assertThat(IDENTITY.bytes().hex()).isEqualTo(compact(B));
    assertThat(Sakke.identifier(IDENTITY)).isEqualTo(hex(B));
  }

  @Test
  void hashToIntegerRange_rfcExample_everyStep() {
    // Appendix A, "HashToIntegerRange( M, q, SHA-256 ) example"; M = SSV || b (RFC 6508 §5.1)
    HashToIntegerRange.Steps s = HashToIntegerRange.steps(Hex.decode(SSV_B), PARAMS.q());
    assertThat(Hex.encode(s.a())).isEqualTo(compact(A));
    assertThat(s.h()).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(Hex.encode(s.h().get(i))).as("h%d", i + 1).isEqualTo(compact(HS[i]));
      assertThat(Hex.encode(s.v().get(i))).as("v%d", i + 1).isEqualTo(compact(VS[i]));
    }
    assertThat(s.result()).as("v mod q").isEqualTo(hex(R));
  }

  @Test
  void rOf_rfcSsvAndB_isR() {
    // RFC 6508 §6.2.1 step 2: r = HashToIntegerRange( SSV || b, q, Hash )
    assertThat(Sakke.rOf(PARAMS, Hex.decode(SSV), IDENTITY)).isEqualTo(hex(R));
  }

  @Test
  void encapsulate_rfcSsv_everyIntermediate() throws Exception {
    try (SakkeKms kms = kms()) {
      SakkePublicKey z = kms.publicKey();
      BigInteger r = hex(R);
      // step 3: R_(b,S) = [r]([b]P + Z_S)
      ECPoint qb = PARAMS.basePoint().multiply(hex(B)).add(z.point()).normalize();
      assertThat(qb.multiply(r).normalize()).isEqualTo(point(RBX, RBY));
      // step 4a: g^r in PF_p
      assertThat(PARAMS.gPow(r)).isEqualTo(hex(G_R));
      // step 4b: mask = HashToIntegerRange( g^r, 2^n ), H = SSV XOR mask
      assertThat(Hex.encode(Sakke.mask(PARAMS, hex(G_R)))).isEqualTo(compact(MASK));
      // step 5: Encapsulated Data ( R_(b,S), H ), RFC 6508 §4 layout
      Encapsulation e = Sakke.encapsulate(z, IDENTITY, SecretBytes.fromHex(compact(SSV))).orElseThrow();
      assertThat(e.data().r().hex()).isEqualTo("04" + fe(RBX) + fe(RBY));
      assertThat(e.data().h().hex()).isEqualTo(compact(H));
      assertThat(e.data().encoded().hex()).isEqualTo("04" + fe(RBX) + fe(RBY) + compact(H));
      // step 6: the SSV
      assertThat(e.ssv().unsafeHex()).isEqualTo(compact(SSV));
    }
  }

  @Test
  void issueReceiverSecretKey_rfcIdentity_isKb() {
    // RFC 6508 §6.1.1: K_(b,S) = [(b + z)^-1]P; Appendix A "Device receives Kb from the KMS"
    try (SakkeKms kms = kms(); SecretBytes kb = kms.issueReceiverSecretKey(IDENTITY)) {
      assertThat(kb.unsafeHex()).isEqualTo("04" + fe(KBX) + fe(KBY));
    }
  }

  @Test
  void validationPairing_rfcKb_isG() throws Exception {
    // RFC 6508 §6.1.2: < [b]P + Z, K_(b,S) > = g, computed both ways round (the pairing is symmetric).
    try (SakkeKms kms = kms()) {
      ECPoint qb = PARAMS.basePoint().multiply(hex(B)).add(kms.publicKey().point()).normalize();
      BigInteger qx = qb.getAffineXCoord().toBigInteger();
      BigInteger qy = qb.getAffineYCoord().toBigInteger();
      assertThat(TatePairing.pair(PARAMS.field(), PARAMS.q(), qx, qy, hex(KBX), hex(KBY))).contains(hex(G));
      assertThat(TatePairing.pair(PARAMS.field(), PARAMS.q(), hex(KBX), hex(KBY), qx, qy)).contains(hex(G));
      try (ReceiverSecretKey rsk = ReceiverSecretKey.validate(kms.publicKey(), IDENTITY,
          SecretBytes.fromHex("04" + fe(KBX) + fe(KBY)))) {
        assertThat(rsk.identity()).isEqualTo(IDENTITY);
      }
    }
  }

  @Test
  void decapsulate_rfcEncapsulatedData_everyIntermediate() throws Exception {
    try (SakkeKms kms = kms();
        ReceiverSecretKey rsk = ReceiverSecretKey.validate(kms.publicKey(), IDENTITY, SecretBytes.fromHex("04" + fe(KBX) + fe(KBY)))) {
      EncapsulatedData ed = EncapsulatedData.parse(PARAMS, Bytes.fromHex("04" + fe(RBX) + fe(RBY) + compact(H)));
      ECPoint rb = ed.point();
      // step 2: w = < R_(b,S), K_(b,S) > = g^r
      assertThat(rsk.pairWith(rb)).contains(hex(W));
      assertThat(TatePairing.pair(PARAMS.field(), PARAMS.q(), hex(RBX), hex(RBY), hex(KBX), hex(KBY))).contains(hex(W));
      // step 3: SSV = H XOR HashToIntegerRange( w, 2^n )
      // step 4: r = HashToIntegerRange( SSV || b, q )
      assertThat(Sakke.rOf(PARAMS, Hex.decode(SSV), IDENTITY)).isEqualTo(hex(R));
      // step 5: TEST = [r]([b]P + Z_S) == R_(b,S)
      ECPoint qb = PARAMS.basePoint().multiply(hex(B)).add(kms.publicKey().point()).normalize();
      assertThat(qb.multiply(hex(R)).normalize()).isEqualTo(point(RBX, RBY));
      assertThat(rsk.testEquals(hex(R), rb)).isTrue();
      // step 6: the SSV
      try (SecretBytes ssv = Sakke.decapsulate(rsk, ed)) {
        assertThat(ssv.unsafeHex()).isEqualTo(compact(SSV));
      }
    }
  }
}
