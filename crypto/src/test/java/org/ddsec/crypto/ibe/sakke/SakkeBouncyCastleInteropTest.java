package org.ddsec.crypto.ibe.sakke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.SAKKEKEMExtractor;
import org.bouncycastle.crypto.kems.SAKKEKEMSGenerator;
import org.bouncycastle.crypto.params.SAKKEPrivateKeyParameters;
import org.bouncycastle.crypto.params.SAKKEPublicKeyParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.TestRandom;
import org.junit.jupiter.api.Test;

/**
 * Interop with Bouncy Castle 1.86's SAKKE KEM ({@code SAKKEKEMSGenerator}, {@code
 * SAKKEKEMExtractor}) on the inputs where its encodings coincide with RFC 6508 §4.
 *
 * <p>Where they differ: Bouncy Castle hashes {@code BigInteger.toByteArray()} of the SSV (in r =
 * HashToIntegerRange(SSV || b, q)) and of g^r (in the mask), where RFC 6508 §4 fixes n/8 = 16 and
 * L = 128 octets. toByteArray() is the minimal two's-complement form, so it gives exactly the
 * k fixed octets when the value has 8k-8 to 8k-1 bits, i.e. lies in [2^(8k-9), 2^(8k-1)): shorter
 * values lose leading zero octets, values with the top bit set gain a 0x00 sign octet. The
 * identifier b always coincides: an RFC 6509 identifier starts with an ASCII digit of the year.
 * H and R are sent in fixed length by both. So the two agree exactly when SSV ∈ [2^119, 2^127)
 * and g^r ∈ [2^1015, 2^1023) — true of the RFC 6508 Appendix A vector (SSV 0x12…, g^r 0x7D…),
 * and for a random SSV with probability about 0.50 × 0.83 ≈ 41 %. The other difference — Bouncy Castle's
 * extractor takes the KMS master secret z and derives K_(b,S) itself, instead of taking the
 * receiver's RSK — changes no value, only who may run it.
 */
class SakkeBouncyCastleInteropTest {

  private static final SakkeParameters PARAMS = SakkeParameters.parameterSet1();
  private static final Identity ID = Rfc6508Vectors.IDENTITY;

  private static final class Keys implements AutoCloseable {
    final SakkeKms kms;
    final ReceiverSecretKey rsk;
    final SAKKEPublicKeyParameters bcPublic;
    final SAKKEPrivateKeyParameters bcPrivate;

    Keys() throws IbeException {
      kms = SakkeKms.fromMasterSecret(PARAMS, SecretBytes.fromHex(Rfc6508Vectors.compact(Rfc6508Vectors.Z)));
      rsk = ReceiverSecretKey.validate(kms.publicKey(), ID, kms.issueReceiverSecretKey(ID));
      ECCurve bcCurve = new SAKKEPublicKeyParameters(BigInteger.ONE, null).getCurve();
      BigInteger b = new BigInteger(1, ID.bytes().toByteArray());
      bcPublic = new SAKKEPublicKeyParameters(b, bcCurve.decodePoint(kms.publicKey().encoded().toByteArray()));
      try (SecretBytes z = kms.masterSecret()) {
        bcPrivate = new SAKKEPrivateKeyParameters(new BigInteger(1, z.unsafeBytes()), bcPublic);
      }
    }

    @Override
    public void close() {
      rsk.close();
      kms.close();
    }
  }

  /** Whether Bouncy Castle's toByteArray() hashing gives RFC 6508 §4's octets for this SSV. */
  private static boolean coincides(byte[] ssv, SakkePublicKey z) {
    byte[] gr = PARAMS.encodeFieldElement(PARAMS.gPow(Sakke.rOf(PARAMS, ssv, ID)));
    return toByteArrayIsFixedForm(ssv) && toByteArrayIsFixedForm(gr);
  }

  private static boolean toByteArrayIsFixedForm(byte[] fixed) {
    return new BigInteger(1, fixed).toByteArray().length == fixed.length;
  }

  @Test
  void bcGenerator_rfcVector_equalsOursByteForByte() throws Exception {
    try (Keys k = new Keys()) {
      byte[] ssv = org.ddsec.testkit.Hex.decode(Rfc6508Vectors.SSV);
      assertThat(coincides(ssv, k.kms.publicKey())).isTrue();
      SecretWithEncapsulation bc = new SAKKEKEMSGenerator(TestRandom.scripted(ssv)).generateEncapsulated(k.bcPublic);
      Encapsulation ours = Sakke.encapsulate(k.kms.publicKey(), ID, SecretBytes.copyOf(ssv)).orElseThrow();
      assertThat(Bytes.of(bc.getEncapsulation())).isEqualTo(ours.data().encoded());
      assertThat(bc.getSecret()).isEqualTo(ssv);
    }
  }

  @Test
  void interop_coincidingInputs_bothWaysRound_andOthersDiffer() throws Exception {
    try (Keys k = new Keys()) {
      SplittableRandom r = new SplittableRandom(6508);
      List<byte[]> same = new ArrayList<>();
      List<byte[]> different = new ArrayList<>();
      while (same.size() < 2 || different.size() < 3) {
        byte[] ssv = new byte[16];
        for (int i = 0; i < ssv.length; i++) {
          ssv[i] = (byte) r.nextInt(256);
        }
        if (different.isEmpty()) {
          ssv[0] = 0x00; // SSV below 2^119: toByteArray() drops the zero octet
          ssv[1] = 0x12;
        } else if (different.size() == 1) {
          ssv[0] = (byte) 0x9C; // top bit set: toByteArray() prepends a sign octet
        }
        (coincides(ssv, k.kms.publicKey()) ? same : different).add(ssv);
      }
      for (byte[] ssv : same) {
        SecretWithEncapsulation bc = new SAKKEKEMSGenerator(TestRandom.scripted(ssv.clone())).generateEncapsulated(k.bcPublic);
        Encapsulation ours = Sakke.encapsulate(k.kms.publicKey(), ID, SecretBytes.copyOf(ssv)).orElseThrow();
        assertThat(Bytes.of(bc.getEncapsulation())).isEqualTo(ours.data().encoded());
        // Bouncy Castle's extractor decapsulates ours, and we decapsulate Bouncy Castle's.
        assertThat(new SAKKEKEMExtractor(k.bcPrivate).extractSecret(ours.data().encoded().toByteArray())).isEqualTo(ssv);
        try (SecretBytes got = Sakke.decapsulate(k.rsk, EncapsulatedData.parse(PARAMS, Bytes.of(bc.getEncapsulation())))) {
          assertThat(got.constantTimeEquals(ssv)).isTrue();
        }
      }
      for (byte[] ssv : different) {
        SecretWithEncapsulation bc = new SAKKEKEMSGenerator(TestRandom.scripted(ssv.clone())).generateEncapsulated(k.bcPublic);
        Encapsulation ours = Sakke.encapsulate(k.kms.publicKey(), ID, SecretBytes.copyOf(ssv)).orElseThrow();
        assertThat(Bytes.of(bc.getEncapsulation())).isNotEqualTo(ours.data().encoded());
        // An RFC-strict receiver refuses Bouncy Castle's encapsulation of such an SSV.
        IbeException e = assertThrows(IbeException.class,
            () -> Sakke.decapsulate(k.rsk, EncapsulatedData.parse(PARAMS, Bytes.of(bc.getEncapsulation()))));
        assertThat(e.reason()).isEqualTo(IbeException.Reason.DECAPSULATION_FAILED);
      }
    }
  }
}
