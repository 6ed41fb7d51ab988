package org.ddsec.crypto.ibe.eccsi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECCSIPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECCSIPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECCSISigner;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.IbeException.Reason;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.TestRandom;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EccsiTest {

  private static final EccsiParameters PARAMS = EccsiParameters.p256();
  private static final Identity ALICE_NOV = Identity.of(KeyPeriod.of(2026, 11), "sip:alice@ims.example.org");
  private static final Identity ALICE_DEC = ALICE_NOV.inPeriod(KeyPeriod.of(2026, 12));
  private static final Identity BOB_NOV = Identity.of(KeyPeriod.of(2026, 11), "sip:bob@ims.example.org");
  private static final Bytes MESSAGE = Bytes.utf8("I_MESSAGE_2 with the ESK");

  private static EccsiKms kms;
  private static EccsiSigningKey alice;

  @BeforeAll
  static void keys() throws IbeException {
    kms = EccsiKms.generate(PARAMS, TestRandom.seeded(6507));
    EccsiKeyMaterial m = kms.issue(ALICE_NOV, TestRandom.seeded(1));
    alice = EccsiSigningKey.validate(kms.kpak(), ALICE_NOV, m.ssk(), m.pvt());
  }

  /** j recovered from a signature with the SSK: s = (HE + r·SSK)^-1 · j, so j = s·(HE + r·SSK) mod q. */
  private static BigInteger recoverJ(EccsiSignature sig) {
    BigInteger q = PARAMS.q();
    BigInteger he = new BigInteger(1, Eccsi.he(alice.hsBytes(), sig.r().toByteArray(), MESSAGE)).mod(q);
    return sig.sValue().multiply(he.add(sig.rValue().multiply(alice.sskValue()))).mod(q);
  }

  @Test
  void sign_sameMessageTwice_signaturesDiffer() throws Exception {
    TestRandom random = TestRandom.seeded(2);
    EccsiSignature a = Eccsi.sign(alice, MESSAGE, random);
    EccsiSignature b = Eccsi.sign(alice, MESSAGE, random);
    assertThat(a).isNotEqualTo(b);
    assertThat(a.r()).isNotEqualTo(b.r());
    Eccsi.verify(kms.kpak(), ALICE_NOV, MESSAGE, a.encoded());
    Eccsi.verify(kms.kpak(), ALICE_NOV, MESSAGE, b.encoded());
  }

  @Test
  void sign_thousandSignatures_jNeverRepeats() throws Exception {
    // RFC 6507 §6: a repeated j reveals the SSK. j is recovered from each signature (we hold the
    // SSK), so the test sees the values the signer used, not a proxy.
    TestRandom random = TestRandom.seeded(3);
    Set<BigInteger> js = new HashSet<>();
    Set<Bytes> rs = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      EccsiSignature sig = Eccsi.sign(alice, MESSAGE, random);
      BigInteger j = recoverJ(sig);
      assertThat(j.signum()).isPositive();
      assertThat(PARAMS.g().multiply(j).normalize().getAffineXCoord().toBigInteger()).isEqualTo(sig.rValue());
      assertThat(js.add(j)).as("j of signature %d is new", i).isTrue();
      rs.add(sig.r());
    }
    assertThat(js).hasSize(1000);
    assertThat(rs).hasSize(1000);
  }

  @Test
  void kms_manyIdentitiesUnderOneKpak_eachKeyValidatesOnlyForItsIdentity() throws Exception {
    for (int i = 0; i < 5; i++) {
      Identity id = Identity.of(KeyPeriod.of(2026, 11), "sip:user" + i + "@ims.example.org");
      EccsiKeyMaterial m = kms.issue(id, TestRandom.seeded(100 + i));
      try (EccsiSigningKey k = EccsiSigningKey.validate(kms.kpak(), id, m.ssk(), m.pvt())) {
        EccsiSignature sig = Eccsi.sign(k, MESSAGE, TestRandom.seeded(200 + i));
        Eccsi.verify(kms.kpak(), id, MESSAGE, sig.encoded());
        assertThat(assertThrows(IbeException.class, () -> Eccsi.verify(kms.kpak(), BOB_NOV, MESSAGE, sig.encoded())).reason())
            .isEqualTo(Reason.SIGNATURE_INVALID);
      }
      assertThat(assertThrows(IbeException.class, () -> EccsiSigningKey.validate(kms.kpak(), BOB_NOV, m.ssk(), m.pvt())).reason())
          .isEqualTo(Reason.INVALID_KEY);
    }
  }

  @Test
  void validate_keyOfOtherPeriodOrKpakOrTamperedSsk_isInvalidKey() throws Exception {
    EccsiKeyMaterial m = kms.issue(ALICE_NOV, TestRandom.seeded(4));
    try (EccsiKms other = EccsiKms.generate(PARAMS, TestRandom.seeded(5))) {
      assertThat(assertThrows(IbeException.class, () -> EccsiSigningKey.validate(kms.kpak(), ALICE_DEC, m.ssk(), m.pvt())).reason())
          .isEqualTo(Reason.INVALID_KEY);
      assertThat(assertThrows(IbeException.class, () -> EccsiSigningKey.validate(other.kpak(), ALICE_NOV, m.ssk(), m.pvt())).reason())
          .isEqualTo(Reason.INVALID_KEY);
    }
    byte[] ssk = m.ssk().unsafeBytes();
    ssk[31] ^= 1;
    assertThat(assertThrows(IbeException.class, () -> EccsiSigningKey.validate(kms.kpak(), ALICE_NOV, SecretBytes.wrap(ssk), m.pvt())).reason())
        .isEqualTo(Reason.INVALID_KEY);
    byte[] pvt = m.pvt().toByteArray();
    pvt[64] ^= 1;
    assertThat(assertThrows(IbeException.class, () -> EccsiSigningKey.validate(kms.kpak(), ALICE_NOV, m.ssk(), Bytes.of(pvt))).reason())
        .isEqualTo(Reason.INVALID_POINT);
  }

  @Test
  void verify_otherPeriodOrMessageOrKpak_isSignatureInvalid() throws Exception {
    EccsiSignature sig = Eccsi.sign(alice, MESSAGE, TestRandom.seeded(6));
    assertThat(assertThrows(IbeException.class, () -> Eccsi.verify(kms.kpak(), ALICE_DEC, MESSAGE, sig)).reason())
        .isEqualTo(Reason.SIGNATURE_INVALID);
    assertThat(assertThrows(IbeException.class, () -> Eccsi.verify(kms.kpak(), ALICE_NOV, Bytes.utf8("other"), sig)).reason())
        .isEqualTo(Reason.SIGNATURE_INVALID);
    try (EccsiKms other = EccsiKms.generate(PARAMS, TestRandom.seeded(7))) {
      assertThat(assertThrows(IbeException.class, () -> Eccsi.verify(other.kpak(), ALICE_NOV, MESSAGE, sig)).reason())
          .isEqualTo(Reason.SIGNATURE_INVALID);
    }
  }

  @Test
  void verify_everyBitFlipAndTruncation_isRefused() throws Exception {
    byte[] sig = Eccsi.sign(alice, MESSAGE, TestRandom.seeded(8)).encoded().toByteArray();
    Tamper.Verifier v = c -> Eccsi.verify(kms.kpak(), ALICE_NOV, MESSAGE, Bytes.of(c));
    assertThat(Tamper.assertEveryBitFlipRejected(sig, IbeException.class, v)).isEqualTo(129 * 8);
    assertThat(Tamper.assertEveryTruncationRejected(sig, IbeException.class, v)).isEqualTo(129);
  }

  @Test
  void verify_outOfRangeScalars_areRefused() throws Exception {
    EccsiSignature sig = Eccsi.sign(alice, MESSAGE, TestRandom.seeded(9));
    Bytes pvt = sig.pvt();
    Bytes zero = Bytes.of(new byte[32]);
    Bytes q = Bytes.of(PARAMS.integer(PARAMS.q()));
    // s' = s + q would be the same [s] but is not the RFC's s (s < q); likewise s = 0, r = 0.
    for (Bytes bad : new Bytes[] {sig.r().concat(zero).concat(pvt), zero.concat(sig.s()).concat(pvt), sig.r().concat(q).concat(pvt)}) {
      assertThat(assertThrows(IbeException.class, () -> Eccsi.verify(kms.kpak(), ALICE_NOV, MESSAGE, bad)).reason())
          .isEqualTo(Reason.SIGNATURE_INVALID);
    }
  }

  @Test
  void property_randomMessagesAndIdentities_signAndVerify_andFlipsFail() {
    Property.forAll(20, r -> {
      Identity id = Identity.of(KeyPeriod.of(2000 + r.nextInt(100), 1 + r.nextInt(12)), "sip:u" + r.nextInt(100000) + "@example.org");
      Bytes m = Bytes.of(Property.bytes(r, 0, 300));
      try {
        EccsiKeyMaterial km = kms.issue(id, TestRandom.from(r));
        try (EccsiSigningKey k = EccsiSigningKey.validate(kms.kpak(), id, km.ssk(), km.pvt())) {
          byte[] sig = Eccsi.sign(k, m, TestRandom.from(r)).encoded().toByteArray();
          Eccsi.verify(kms.kpak(), id, m, Bytes.of(sig));
          int bit = r.nextInt(sig.length * 8);
          sig[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
          assertThrows(IbeException.class, () -> Eccsi.verify(kms.kpak(), id, m, Bytes.of(sig)), "bit " + bit);
        }
      } catch (IbeException e) {
        throw new AssertionError(e);
      }
    });
  }

  /** Bouncy Castle ≥ 1.86's ECCSISigner: same signature for the same j, and each side verifies the other's. */
  @Test
  void bouncyCastleSigner_rfcVectorAndRandom_interoperates() throws Exception {
    try (EccsiSigningKey rfc = EccsiRfc6507VectorTest.signingKey(); EccsiKms rfcKms = EccsiRfc6507VectorTest.kms()) {
      Bytes m = Bytes.fromHex(EccsiRfc6507VectorTest.c(EccsiRfc6507VectorTest.M));
      byte[] j = Hex.decode("00".repeat(29) + "034567");
      byte[] bcSig = bcSign(rfcKms.kpak(), rfc, m, TestRandom.scripted(j));
      assertThat(Hex.encode(bcSig)).isEqualTo(EccsiRfc6507VectorTest.c(EccsiRfc6507VectorTest.SIG));
    }
    for (int i = 0; i < 5; i++) {
      byte[] bcSig = bcSign(kms.kpak(), alice, MESSAGE, TestRandom.seeded(300 + i));
      Eccsi.verify(kms.kpak(), ALICE_NOV, MESSAGE, Bytes.of(bcSig));
      EccsiSignature ours = Eccsi.sign(alice, MESSAGE, TestRandom.seeded(400 + i));
      ECCSISigner v = new ECCSISigner(kms.kpak().point(), PARAMS.x9(), new SHA256Digest(), ALICE_NOV.bytes().toByteArray());
      v.init(false, new ECCSIPublicKeyParameters(ours.pvtPoint()));
      byte[] m = MESSAGE.toByteArray();
      v.update(m, 0, m.length);
      assertThat(v.verifySignature(ours.encoded().toByteArray())).isTrue();
    }
  }

  private static byte[] bcSign(EccsiKpak kpak, EccsiSigningKey key, Bytes message, java.security.SecureRandom random) throws Exception {
    ECCSISigner s = new ECCSISigner(kpak.point(), PARAMS.x9(), new SHA256Digest(), key.identity().bytes().toByteArray());
    s.init(true, new ParametersWithRandom(new ECCSIPrivateKeyParameters(key.sskValue(), new ECCSIPublicKeyParameters(key.pvtPoint())), random));
    byte[] m = message.toByteArray();
    s.update(m, 0, m.length);
    return s.generateSignature();
  }

  @Test
  void closedKey_cannotSign() throws Exception {
    EccsiKeyMaterial m = kms.issue(ALICE_NOV, TestRandom.seeded(10));
    EccsiSigningKey k = EccsiSigningKey.validate(kms.kpak(), ALICE_NOV, m.ssk(), m.pvt());
    k.close();
    assertThrows(IllegalStateException.class, () -> Eccsi.sign(k, MESSAGE, TestRandom.seeded(11)));
  }

  @Test
  void kms_ksakOutOfRange_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> EccsiKms.fromKsak(PARAMS, SecretBytes.fromHex("00")));
    assertThrows(IllegalArgumentException.class, () -> EccsiKms.fromKsak(PARAMS, SecretBytes.wrap(PARAMS.integer(PARAMS.q()))));
  }
}
