package org.ddsec.crypto.ibe.sakke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.TestRandom;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * Seeded properties: random encapsulations to random identities decapsulate to the same SSV;
 * a random single-bit flip of the Encapsulated Data or of the RSK is refused with a typed error.
 */
class SakkePropertyTest {

  private static final SakkeParameters PARAMS = SakkeParameters.parameterSet1();

  @Test
  void encapsulate_randomSsvAndIdentity_decapsulates_andBitFlipsAreRefused() {
    try (SakkeKms kms = SakkeKms.generate(PARAMS, TestRandom.seeded(6508))) {
      Property.forAll(6, r -> {
        Identity id = Identity.of(KeyPeriod.of(2000 + r.nextInt(100), 1 + r.nextInt(12)), "sip:user" + r.nextInt(1_000_000) + "@example.org");
        try (ReceiverSecretKey rsk = ReceiverSecretKey.validate(kms.publicKey(), id, kms.issueReceiverSecretKey(id))) {
          for (int k = 0; k < 3; k++) {
            Encapsulation e = Sakke.encapsulate(kms.publicKey(), id, TestRandom.from(r));
            try (SecretBytes ssv = Sakke.decapsulate(rsk, e.data())) {
              assertThat(ssv.constantTimeEquals(e.ssv())).isTrue();
            }
            byte[] flipped = e.data().encoded().toByteArray();
            int bit = r.nextInt(flipped.length * 8);
            flipped[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
            assertThrows(IbeException.class, () -> Sakke.decapsulate(rsk, EncapsulatedData.parse(PARAMS, Bytes.of(flipped))),
                "bit " + bit + " of the Encapsulated Data");
          }
          byte[] key = rsk.encoded().unsafeBytes();
          int bit = r.nextInt(key.length * 8);
          key[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
          assertThrows(IbeException.class, () -> ReceiverSecretKey.validate(kms.publicKey(), id, SecretBytes.wrap(key)),
              "bit " + bit + " of the RSK");
        } catch (IbeException e) {
          throw new AssertionError(e);
        }
      });
    }
  }

  @Test
  void decapsulate_everyBitFlipOfH_isRefused() throws Exception {
    // The point R is checked on parsing; H only by the final R check of RFC 6508 §6.2.2 step 5.
    try (SakkeKms kms = SakkeKms.generate(PARAMS, TestRandom.seeded(65081));) {
      Identity id = Rfc6508Vectors.IDENTITY;
      try (ReceiverSecretKey rsk = ReceiverSecretKey.validate(kms.publicKey(), id, kms.issueReceiverSecretKey(id))) {
        Encapsulation e = Sakke.encapsulate(kms.publicKey(), id, TestRandom.seeded(9));
        byte[] ed = e.data().encoded().toByteArray();
        int hStart = PARAMS.pointBytes();
        for (int bit = hStart * 8; bit < ed.length * 8; bit++) {
          byte[] f = ed.clone();
          f[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
          IbeException x = assertThrows(IbeException.class, () -> Sakke.decapsulate(rsk, EncapsulatedData.parse(PARAMS, Bytes.of(f))));
          assertThat(x.reason()).as("bit %d", bit).isEqualTo(IbeException.Reason.DECAPSULATION_FAILED);
        }
      }
    }
  }
}
