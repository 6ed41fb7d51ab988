package org.ddsec.crypto.ibe.sakke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.IbeException.Reason;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.TestRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RSK validation (RFC 6508 §6.1.2), decapsulation refusals, and the KMS's input checks. */
class SakkeKeysTest {

  private static final SakkeParameters PARAMS = SakkeParameters.parameterSet1();
  private static final Identity BOB_NOV = Identity.of(KeyPeriod.of(2026, 11), "sip:bob@ims.example.org");
  private static final Identity BOB_DEC = BOB_NOV.inPeriod(KeyPeriod.of(2026, 12));
  private static final Identity CAROL_NOV = Identity.of(KeyPeriod.of(2026, 11), "sip:carol@ims.example.org");

  private static SakkeKms kms;
  private static SakkeKms otherKms;
  private static ReceiverSecretKey bobNov;

  @BeforeAll
  static void keys() throws IbeException {
    kms = SakkeKms.generate(PARAMS, TestRandom.seeded(1));
    otherKms = SakkeKms.generate(PARAMS, TestRandom.seeded(2));
    bobNov = ReceiverSecretKey.validate(kms.publicKey(), BOB_NOV, kms.issueReceiverSecretKey(BOB_NOV));
  }

  private static IbeException refuse(Identity id, SecretBytes rsk, SakkePublicKey z) {
    return assertThrows(IbeException.class, () -> ReceiverSecretKey.validate(z, id, rsk));
  }

  @Test
  void validate_keyOfAnotherIdentityOrPeriodOrKms_isInvalidKey() {
    assertThat(refuse(CAROL_NOV, kms.issueReceiverSecretKey(BOB_NOV), kms.publicKey()).reason()).isEqualTo(Reason.INVALID_KEY);
    assertThat(refuse(BOB_DEC, kms.issueReceiverSecretKey(BOB_NOV), kms.publicKey()).reason()).isEqualTo(Reason.INVALID_KEY);
    assertThat(refuse(BOB_NOV, otherKms.issueReceiverSecretKey(BOB_NOV), kms.publicKey()).reason()).isEqualTo(Reason.INVALID_KEY);
  }

  @Test
  void validate_pointOutsideTheOrderQSubgroup_isInvalidKey() throws Exception {
    // (0, 0) lies on y^2 = x^3 - 3x and has order 2; K + (0, 0) has order 2q.
    ECPoint t2 = PARAMS.curve().createPoint(BigInteger.ZERO, BigInteger.ZERO);
    ECPoint k = PARAMS.decodePoint(Bytes.of(kms.issueReceiverSecretKey(BOB_NOV).unsafeBytes()), "k");
    assertThat(refuse(BOB_NOV, SecretBytes.wrap(PARAMS.encodePoint(t2)), kms.publicKey()).reason()).isEqualTo(Reason.INVALID_KEY);
    assertThat(refuse(BOB_NOV, SecretBytes.wrap(PARAMS.encodePoint(k.add(t2))), kms.publicKey()).reason()).isEqualTo(Reason.INVALID_KEY);
  }

  @Test
  void validate_badEncodings_areMalformedOrInvalidPoint() {
    byte[] good = kms.issueReceiverSecretKey(BOB_NOV).unsafeBytes();
    byte[] shortKey = java.util.Arrays.copyOf(good, 256);
    byte[] compressed = good.clone();
    compressed[0] = 0x02;
    byte[] offCurve = good.clone();
    offCurve[256] ^= 1;
    byte[] tooBig = good.clone();
    java.util.Arrays.fill(tooBig, 1, 129, (byte) 0xFF);
    assertThat(refuse(BOB_NOV, SecretBytes.wrap(shortKey), kms.publicKey()).reason()).isEqualTo(Reason.MALFORMED);
    assertThat(refuse(BOB_NOV, SecretBytes.wrap(compressed), kms.publicKey()).reason()).isEqualTo(Reason.MALFORMED);
    assertThat(refuse(BOB_NOV, SecretBytes.wrap(offCurve), kms.publicKey()).reason()).isEqualTo(Reason.INVALID_POINT);
    assertThat(refuse(BOB_NOV, SecretBytes.wrap(tooBig), kms.publicKey()).reason()).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void validate_messages_holdNoKeyDigits() {
    byte[] good = kms.issueReceiverSecretKey(BOB_NOV).unsafeBytes();
    IbeException e = refuse(CAROL_NOV, SecretBytes.copyOf(good), kms.publicKey());
    String hex = Bytes.of(good).hex();
    assertThat(e.getMessage()).doesNotContain(hex.substring(2, 18)).doesNotContain(hex.substring(130, 146));
  }

  @Test
  void decapsulate_dataForAnotherIdentityOrPeriod_isDecapsulationFailed() throws Exception {
    for (Identity other : new Identity[] {BOB_DEC, CAROL_NOV}) {
      Encapsulation e = Sakke.encapsulate(kms.publicKey(), other, TestRandom.seeded(3));
      IbeException x = assertThrows(IbeException.class, () -> Sakke.decapsulate(bobNov, e.data()));
      assertThat(x.reason()).isEqualTo(Reason.DECAPSULATION_FAILED);
    }
  }

  @Test
  void decapsulate_dataUnderAnotherKms_isDecapsulationFailed() {
    Encapsulation e = Sakke.encapsulate(otherKms.publicKey(), BOB_NOV, TestRandom.seeded(4));
    assertThat(assertThrows(IbeException.class, () -> Sakke.decapsulate(bobNov, e.data())).reason())
        .isEqualTo(Reason.DECAPSULATION_FAILED);
  }

  @Test
  void decapsulate_smallOrderOrMixedR_isDecapsulationFailed() throws Exception {
    ECPoint t2 = PARAMS.curve().createPoint(BigInteger.ZERO, BigInteger.ZERO);
    Encapsulation good = Sakke.encapsulate(kms.publicKey(), BOB_NOV, TestRandom.seeded(5));
    ECPoint r = good.data().point();
    for (ECPoint bad : new ECPoint[] {t2, r.add(t2).normalize()}) {
      Bytes ed = Bytes.of(PARAMS.encodePoint(bad)).concat(good.data().h());
      EncapsulatedData parsed = EncapsulatedData.parse(PARAMS, ed);
      assertThat(assertThrows(IbeException.class, () -> Sakke.decapsulate(bobNov, parsed)).reason())
          .isEqualTo(Reason.DECAPSULATION_FAILED);
    }
  }

  @Test
  void parse_wrongLengths_areMalformed() {
    Encapsulation good = Sakke.encapsulate(kms.publicKey(), BOB_NOV, TestRandom.seeded(6));
    Bytes ed = good.data().encoded();
    for (Bytes bad : new Bytes[] {Bytes.EMPTY, ed.slice(0, 272), ed.concat(Bytes.of((byte) 0))}) {
      assertThat(assertThrows(IbeException.class, () -> EncapsulatedData.parse(PARAMS, bad)).reason()).isEqualTo(Reason.MALFORMED);
    }
  }

  @Test
  void publicKey_decode_checksCurveAndOrder() throws Exception {
    assertThat(SakkePublicKey.decode(PARAMS, kms.publicKey().encoded())).isEqualTo(kms.publicKey());
    ECPoint t2 = PARAMS.curve().createPoint(BigInteger.ZERO, BigInteger.ZERO);
    Bytes mixed = Bytes.of(PARAMS.encodePoint(kms.publicKey().point().add(t2)));
    assertThat(assertThrows(IbeException.class, () -> SakkePublicKey.decode(PARAMS, mixed)).reason()).isEqualTo(Reason.INVALID_POINT);
    byte[] off = kms.publicKey().encoded().toByteArray();
    off[5] ^= 0x10;
    assertThat(assertThrows(IbeException.class, () -> SakkePublicKey.decode(PARAMS, Bytes.of(off))).reason()).isEqualTo(Reason.INVALID_POINT);
  }

  @Test
  void kms_masterSecretOutOfRange_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> SakkeKms.fromMasterSecret(PARAMS, SecretBytes.fromHex("01")));
    assertThrows(IllegalArgumentException.class,
        () -> SakkeKms.fromMasterSecret(PARAMS, SecretBytes.wrap(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(128, PARAMS.q()))));
    assertThrows(IllegalArgumentException.class, () -> SakkeKms.fromMasterSecret(PARAMS, SecretBytes.wrap(new byte[129])));
  }

  @Test
  void closedKey_isUnusable() throws Exception {
    ReceiverSecretKey k = ReceiverSecretKey.validate(kms.publicKey(), BOB_NOV, kms.issueReceiverSecretKey(BOB_NOV));
    Encapsulation e = Sakke.encapsulate(kms.publicKey(), BOB_NOV, TestRandom.seeded(7));
    k.close();
    assertThrows(IllegalStateException.class, () -> Sakke.decapsulate(k, e.data()));
    assertThat(k.toString()).contains("closed");
  }

  @Test
  void encapsulate_sameRecipient_freshSsvEachTime() throws Exception {
    TestRandom random = TestRandom.seeded(8);
    Encapsulation a = Sakke.encapsulate(kms.publicKey(), BOB_NOV, random);
    Encapsulation b = Sakke.encapsulate(kms.publicKey(), BOB_NOV, random);
    assertThat(a.data()).isNotEqualTo(b.data());
    assertThat(a.ssv().constantTimeEquals(b.ssv())).isFalse();
    try (SecretBytes sa = Sakke.decapsulate(bobNov, a.data()); SecretBytes sb = Sakke.decapsulate(bobNov, b.data())) {
      assertThat(sa.constantTimeEquals(a.ssv())).isTrue();
      assertThat(sb.constantTimeEquals(b.ssv())).isTrue();
    }
  }
}
