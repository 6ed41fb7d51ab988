package org.ddsec.crypto.ibe.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.IbeException.Reason;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.TestRandom;
import org.ddsec.crypto.ibe.sakke.ReceiverSecretKey;
import org.ddsec.crypto.ibe.sakke.Sakke;
import org.ddsec.crypto.ibe.sakke.SakkeKms;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IbeEncryptionTest {

  private static final SakkeParameters PARAMS = SakkeParameters.parameterSet1();
  private static final Identity BOB = Identity.of(KeyPeriod.of(2026, 11), "sip:bob@ims.example.org");
  private static final Bytes AD = Bytes.utf8("I_MESSAGE_2 CSB 0x1234");
  private static final SecretBytes SK = SecretBytes.fromHex("000102030405060708090a0b0c0d0e0f");

  private static SakkeKms kms;
  private static ReceiverSecretKey bob;

  @BeforeAll
  static void keys() throws IbeException {
    kms = SakkeKms.generate(PARAMS, TestRandom.seeded(6267));
    bob = ReceiverSecretKey.validate(kms.publicKey(), BOB, kms.issueReceiverSecretKey(BOB));
  }

  @AfterAll
  static void close() {
    bob.close();
    kms.close();
  }

  @Test
  void decrypt_ofEncrypt_isPlaintext() throws Exception {
    IbeCiphertext c = IbeEncryption.encrypt(kms.publicKey(), BOB, AD, SK, TestRandom.seeded(1));
    assertThat(c.encoded().length()).isEqualTo(273 + 16 + 16);
    try (SecretBytes p = IbeEncryption.decrypt(bob, c.encoded(), AD)) {
      assertThat(p.constantTimeEquals(SK)).isTrue();
    }
  }

  @Test
  void encrypt_emptyPlaintextAndAd_roundTrips() throws Exception {
    IbeCiphertext c = IbeEncryption.encrypt(kms.publicKey(), BOB, Bytes.EMPTY, SecretBytes.wrap(new byte[0]), TestRandom.seeded(2));
    try (SecretBytes p = IbeEncryption.decrypt(bob, c.encoded(), Bytes.EMPTY)) {
      assertThat(p.length()).isZero();
    }
  }

  @Test
  void encrypt_construction_isHkdfOfSsvThenGcm() throws Exception {
    // The documented construction (docs/ibe.md), recomputed here from the SSV with the JCE.
    IbeCiphertext c = IbeEncryption.encrypt(kms.publicKey(), BOB, AD, SK, TestRandom.seeded(3));
    try (SecretBytes ssv = Sakke.decapsulate(bob, c.encapsulation())) {
      byte[] idLv = Hex.decode("00" + String.format("%02x", BOB.bytes().length()) + BOB.bytes().hex());
      byte[] info = Bytes.utf8("ddsec IBE SAKKE AES-128-GCM v1").concat(c.encapsulation().encoded()).concat(Bytes.of(idLv)).toByteArray();
      byte[] okm = new byte[28];
      HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
      hkdf.init(new HKDFParameters(ssv.unsafeBytes(), null, info));
      hkdf.generateBytes(okm, 0, 28);
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(okm, 0, 16, "AES"), new GCMParameterSpec(128, okm, 16, 12));
      gcm.updateAAD(Bytes.of(idLv).concat(AD).toByteArray());
      assertThat(gcm.doFinal(c.sealed().toByteArray())).isEqualTo(SK.unsafeBytes());
    }
  }

  @Test
  void decrypt_otherAssociatedData_isDecryptionFailed() {
    IbeCiphertext c = IbeEncryption.encrypt(kms.publicKey(), BOB, AD, SK, TestRandom.seeded(4));
    IbeException e = assertThrows(IbeException.class, () -> IbeEncryption.decrypt(bob, c.encoded(), Bytes.utf8("other")));
    assertThat(e.reason()).isEqualTo(Reason.DECRYPTION_FAILED);
  }

  @Test
  void decrypt_forOtherIdentityOrPeriod_isDecapsulationFailed() {
    for (Identity other : new Identity[] {BOB.inPeriod(KeyPeriod.of(2026, 12)), Identity.of(KeyPeriod.of(2026, 11), "sip:eve@ims.example.org")}) {
      IbeCiphertext c = IbeEncryption.encrypt(kms.publicKey(), other, AD, SK, TestRandom.seeded(5));
      IbeException e = assertThrows(IbeException.class, () -> IbeEncryption.decrypt(bob, c.encoded(), AD));
      assertThat(e.reason()).isEqualTo(Reason.DECAPSULATION_FAILED);
      assertThat(e.getMessage()).doesNotContain(SK.unsafeHex());
    }
  }

  @Test
  void decrypt_everyBitFlipAndTruncation_isRefused() throws Exception {
    byte[] c = IbeEncryption.encrypt(kms.publicKey(), BOB, AD, SecretBytes.fromHex("5a"), TestRandom.seeded(6)).encoded().toByteArray();
    Tamper.Verifier v = x -> IbeEncryption.decrypt(bob, Bytes.of(x), AD).close();
    assertThat(Tamper.assertEveryBitFlipRejected(c, IbeException.class, v)).isEqualTo(c.length * 8);
    assertThat(Tamper.assertEveryTruncationRejected(c, IbeException.class, v)).isEqualTo(c.length);
  }

  @Test
  void encrypt_twice_ciphertextsDiffer() throws Exception {
    TestRandom r = TestRandom.seeded(7);
    IbeCiphertext a = IbeEncryption.encrypt(kms.publicKey(), BOB, AD, SK, r);
    IbeCiphertext b = IbeEncryption.encrypt(kms.publicKey(), BOB, AD, SK, r);
    assertThat(a).isNotEqualTo(b);
    assertThat(a.sealed()).isNotEqualTo(b.sealed());
  }
}
