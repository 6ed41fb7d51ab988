package org.ddsec.crypto.mikey;

import static org.ddsec.crypto.mikey.MikeyPrfTest.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.AuthenticationException;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.Test;

/** MAC algorithms of the KEMAC and V payloads (RFC 3830 §4.2.4 / §6.2, RFC 6043 §6.2). */
class MikeyMacTest {

  record Vector(String id, MikeyMac mac, byte[] key, byte[] data, String tag) {}

  private static byte[] repeat(int b, int n) {
    byte[] a = new byte[n];
    Arrays.fill(a, (byte) b);
    return a;
  }

  /** RFC 2202 §3 (HMAC-SHA-1) and RFC 4231 §4 (HMAC-SHA-256), tags copied from the RFCs. */
  static final List<Vector> VECTORS = List.of(
      new Vector("RFC 2202 §3 case 1", MikeyMac.HMAC_SHA_1_160, repeat(0x0b, 20), ascii("Hi There"),
          "b617318655057264e28bc0b6fb378c8ef146be00"),
      new Vector("RFC 2202 §3 case 2", MikeyMac.HMAC_SHA_1_160, ascii("Jefe"), ascii("what do ya want for nothing?"),
          "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
      new Vector("RFC 2202 §3 case 3", MikeyMac.HMAC_SHA_1_160, repeat(0xaa, 20), repeat(0xdd, 50),
          "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
      new Vector("RFC 2202 §3 case 4", MikeyMac.HMAC_SHA_1_160, Hex.decode("0102030405060708090a0b0c0d0e0f10111213141516171819"),
          repeat(0xcd, 50), "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
      new Vector("RFC 2202 §3 case 5", MikeyMac.HMAC_SHA_1_160, repeat(0x0c, 20), ascii("Test With Truncation"),
          "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"),
      new Vector("RFC 2202 §3 case 6", MikeyMac.HMAC_SHA_1_160, repeat(0xaa, 80),
          ascii("Test Using Larger Than Block-Size Key - Hash Key First"), "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
      new Vector("RFC 2202 §3 case 7", MikeyMac.HMAC_SHA_1_160, repeat(0xaa, 80),
          ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
          "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"),
      new Vector("RFC 4231 §4.2 case 1", MikeyMac.HMAC_SHA_256_256, repeat(0x0b, 20), ascii("Hi There"),
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
      new Vector("RFC 4231 §4.3 case 2", MikeyMac.HMAC_SHA_256_256, ascii("Jefe"), ascii("what do ya want for nothing?"),
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
      new Vector("RFC 4231 §4.4 case 3", MikeyMac.HMAC_SHA_256_256, repeat(0xaa, 20), repeat(0xdd, 50),
          "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
      new Vector("RFC 4231 §4.5 case 4", MikeyMac.HMAC_SHA_256_256, Hex.decode("0102030405060708090a0b0c0d0e0f10111213141516171819"),
          repeat(0xcd, 50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
      new Vector("RFC 4231 §4.7 case 6", MikeyMac.HMAC_SHA_256_256, repeat(0xaa, 131),
          ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
      new Vector("RFC 4231 §4.8 case 7", MikeyMac.HMAC_SHA_256_256, repeat(0xaa, 131),
          ascii("This is a test using a larger than block-size key and a larger than block-size data. "
              + "The key needs to be hashed before being used by the HMAC algorithm."),
          "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));

  @Test
  void compute_rfcVectors_match() {
    for (Vector v : VECTORS) {
      assertThat(Hex.encode(v.mac().compute(SecretBytes.copyOf(v.key()), v.data()))).as(v.id()).isEqualTo(v.tag());
    }
  }

  @Test
  void compute_rfc4231Case5TruncatedTag_isPrefixOfFullTag() {
    // RFC 4231 §4.6 gives only the first 128 bits.
    byte[] tag = MikeyMac.HMAC_SHA_256_256.compute(SecretBytes.copyOf(repeat(0x0c, 20)), ascii("Test With Truncation"));
    assertThat(Hex.encode(tag)).startsWith("a3b6167473100ee06e0c796c2955552b");
  }

  @Test
  void verify_rfcVectors_accept() {
    for (Vector v : VECTORS) {
      assertDoesNotThrow(() -> v.mac().verify(SecretBytes.copyOf(v.key()), Hex.decode(v.tag()), v.data()), v.id());
    }
  }

  @Test
  void compute_splitParts_equalsWholeInput() {
    Vector v = VECTORS.get(6);
    byte[] d = v.data();
    byte[] tag = v.mac().compute(SecretBytes.copyOf(v.key()),
        Arrays.copyOfRange(d, 0, 10), new byte[0], Arrays.copyOfRange(d, 10, d.length));
    assertThat(Hex.encode(tag)).isEqualTo(v.tag());
  }

  @Test
  void verify_everyBitFlipOfCoveredInput_throws() throws Exception {
    for (MikeyMac mac : List.of(MikeyMac.HMAC_SHA_1_160, MikeyMac.HMAC_SHA_256_256)) {
      SecretBytes key = SecretBytes.copyOf(repeat(0x42, mac.authKeyBytes()));
      byte[] input = ascii("HDR T RAND IDi IDr KEMAC V, up to the MAC field");
      byte[] tag = mac.compute(key, input);
      int n = Tamper.assertEveryBitFlipRejected(input, AuthenticationException.class, m -> mac.verify(key, tag, m));
      assertThat(n).isEqualTo(input.length * 8);
      Tamper.assertEveryTruncationRejected(input, AuthenticationException.class, m -> mac.verify(key, tag, m));
    }
  }

  @Test
  void verify_everyBitFlipAndTruncationOfTag_throws() {
    for (MikeyMac mac : List.of(MikeyMac.HMAC_SHA_1_160, MikeyMac.HMAC_SHA_256_256)) {
      SecretBytes key = SecretBytes.copyOf(repeat(0x42, mac.authKeyBytes()));
      byte[] input = ascii("covered input");
      byte[] tag = mac.compute(key, input);
      Tamper.assertEveryBitFlipRejected(tag, AuthenticationException.class, t -> mac.verify(key, t, input));
      Tamper.assertEveryTruncationRejected(tag, AuthenticationException.class, t -> mac.verify(key, t, input));
    }
  }

  @Test
  void verify_tagWithTrailingByte_throws() {
    SecretBytes key = SecretBytes.copyOf(repeat(1, 20));
    byte[] tag = MikeyMac.HMAC_SHA_1_160.compute(key, new byte[] {7});
    byte[] longer = Arrays.copyOf(tag, tag.length + 1);
    assertThrows(AuthenticationException.class, () -> MikeyMac.HMAC_SHA_1_160.verify(key, longer, new byte[] {7}));
  }

  @Test
  void verify_wrongKey_throwsNamingAlgorithmOnly() {
    SecretBytes key = SecretBytes.copyOf(repeat(1, 32));
    byte[] tag = MikeyMac.HMAC_SHA_256_256.compute(key, new byte[] {7});
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> MikeyMac.HMAC_SHA_256_256.verify(SecretBytes.copyOf(repeat(2, 32)), tag, new byte[] {7}));
    assertThat(e.getMessage()).isEqualTo("MAC mismatch (HMAC-SHA-256-256)");
  }

  @Test
  void insecureNull_hasEmptyTagAndAcceptsOnlyEmptyTag() {
    assertThat(MikeyMac.INSECURE_NULL.compute(null, new byte[] {1, 2})).isEmpty();
    assertDoesNotThrow(() -> MikeyMac.INSECURE_NULL.verify(null, new byte[0], new byte[] {1, 2}));
    assertThrows(AuthenticationException.class, () -> MikeyMac.INSECURE_NULL.verify(null, new byte[1], new byte[] {1, 2}));
  }

  @Test
  void compute_emptyKey_throws() {
    assertThrows(IllegalArgumentException.class, () -> MikeyMac.HMAC_SHA_1_160.compute(SecretBytes.copyOf(new byte[0]), new byte[1]));
  }

  @Test
  void fromCode_assignedValues_haveRfcLengths() {
    // RFC 3830 §6.2 Table 6.2.b; RFC 6043 §6.2 Table 6.6
    assertThat(MikeyMac.fromCode(0)).isEqualTo(MikeyMac.INSECURE_NULL);
    assertThat(MikeyMac.fromCode(1)).isEqualTo(MikeyMac.HMAC_SHA_1_160);
    assertThat(MikeyMac.fromCode(2)).isEqualTo(MikeyMac.HMAC_SHA_256_256);
    assertThat(MikeyMac.INSECURE_NULL.tagBytes()).isZero();
    assertThat(MikeyMac.HMAC_SHA_1_160.tagBytes()).isEqualTo(20);
    assertThat(MikeyMac.HMAC_SHA_256_256.tagBytes()).isEqualTo(32);
    assertThat(MikeyMac.INSECURE_NULL.rfcName()).isEqualTo("NULL");
  }

  @Test
  void fromCode_unassignedValue_throwsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MikeyMac.fromCode(3));
    assertThat(e.getMessage()).startsWith("MAC alg: 3 ");
  }
}
