package org.ddsec.crypto.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyLabels.ForkedKey;
import org.ddsec.crypto.mikey.MikeyLabels.IbakeKey;
import org.ddsec.crypto.mikey.MikeyLabels.MessageKey;
import org.ddsec.crypto.mikey.MikeyLabels.MpkKey;
import org.ddsec.crypto.mikey.MikeyLabels.TgkKey;
import org.ddsec.crypto.mikey.MikeyLabels.TicketMessage;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * MIKEY key derivations (RFC 3830 §4.1.3/§4.1.4, RFC 6043 §5.1/§6.10/A.2, RFC 6267 §5.1).
 *
 * <p>No RFC or 3GPP document publishes known answers for these derivations (searched: RFC 3830,
 * 6043, 6267, 6509, TS 33.180, TS 33.328, minisip libmikey, Streamwide sw_mikey_sakke). The
 * expected values below are <b>cross-implementation</b> values computed by {@code
 * crypto/src/test/python/mikey_kdf_reference.py}, an independent Python implementation written
 * from the RFC text with the standard {@code hmac} module; the PRF itself is checked against
 * official TLS/NIST vectors in {@link MikeyPrfTest} and the labels byte by byte in {@link
 * MikeyLabelsTest}.
 */
class MikeyKeyDerivationTest {

  private static final byte[] RAND = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
  private static final byte[] RAND2 = Hex.decode("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf");

  private static SecretBytes counting(int from, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (from + i);
    }
    return SecretBytes.copyOf(b);
  }

  @Test
  void trafficKeys_mikey1_matchesReferenceCaseA() {
    try (TrafficKeys k = MikeyKeyDerivation.trafficKeys(MikeyPrf.MIKEY_1, counting(0, 16), 1, 0x12345678L, RAND, 16, 14)) {
      assertThat(k.tek().unsafeHex()).isEqualTo("9ba4f67e6a85e7e7e9aa57681ca1f27d");
      assertThat(k.salt().unsafeHex()).isEqualTo("c19bd30c0f756df5cb26cb343639");
    }
  }

  @Test
  void trafficKeys_prfHmacSha256With384BitTgk_matchesReferenceCaseB() {
    try (TrafficKeys k = MikeyKeyDerivation.trafficKeys(MikeyPrf.PRF_HMAC_SHA_256, counting(0, 48), 1, 0x12345678L, RAND, 32, 14)) {
      assertThat(k.tek().unsafeHex()).isEqualTo("82feddb82cb962d0982e9e37ecf3ea12251e84f150d293b544deb4621310bdb2");
      assertThat(k.salt().unsafeHex()).isEqualTo("5b7fcfba2e56d205a22f83bea9d0");
    }
  }

  @Test
  void messageKeys_mikey1Psk_matchesReferenceCaseC() {
    SecretBytes psk = SecretBytes.fromHex("1111111111111111111111111111111111111111");
    KeyLengths len = KeyLengths.of(KemacEncryption.AES_CM_128, MikeyMac.HMAC_SHA_1_160);
    try (MessageKeys k = MikeyKeyDerivation.messageKeys(MikeyPrf.MIKEY_1, psk, 0xCD177E50L, RAND, len)) {
      assertThat(k.encrKey().unsafeHex()).isEqualTo("1d1f693387d6ad40647fd05b0b40c5e2");
      assertThat(k.authKey().unsafeHex()).isEqualTo("0e1786e9809e63438fd4f477326241d032a553ec");
      assertThat(k.saltKey().unsafeHex()).isEqualTo("9a69638608cf2d94d84c8f4da66c");
    }
  }

  @Test
  void ticketMessageKeys_responseWithRandRiOnly_matchesReferenceCaseD() {
    KeyLengths len = KeyLengths.of(KemacEncryption.AES_CM_256, MikeyMac.HMAC_SHA_256_256);
    try (MessageKeys k = MikeyKeyDerivation.ticketMessageKeys(MikeyPrf.PRF_HMAC_SHA_256, counting(0x40, 32), 0x01020304L,
        TicketMessage.RESPONSE, RAND, new byte[0], len)) {
      assertThat(k.encrKey().unsafeHex()).isEqualTo("e77418f27de41a10d67a9aa69cee239b9916820489ad152571654149972c1183");
      assertThat(k.authKey().unsafeHex()).isEqualTo("6ff7a713c1e91f71f2fda92cd0eae50dad5a2a63f8b9d0ed7e0ebafd3f222dce");
      assertThat(k.saltKey().unsafeHex()).isEqualTo("82c77410eb09d63041d532d0671a");
    }
  }

  @Test
  void forkedKey_tgkPrime_matchesReferenceCaseEAndKeepsInkeyLength() {
    byte[] id = "sip:bob@example.com".getBytes(StandardCharsets.US_ASCII);
    SecretBytes k = MikeyKeyDerivation.forkedKey(MikeyPrf.PRF_HMAC_SHA_256, counting(0, 16), ForkedKey.TGK_PRIME, id, RAND2);
    assertThat(k.unsafeHex()).isEqualTo("2992fdfdfeee3454fbbfc2bc0a2988b7");
    assertThat(MikeyKeyDerivation.forkedKey(MikeyPrf.MIKEY_1, counting(0, 32), ForkedKey.MPKR_PRIME, id, RAND2).length()).isEqualTo(32);
  }

  @Test
  void fromMpk_mpki_matchesReferenceCaseFAndKeepsInkeyLength() {
    assertThat(MikeyKeyDerivation.fromMpk(MikeyPrf.MIKEY_1, counting(0, 16), MpkKey.MPKI, RAND).unsafeHex())
        .isEqualTo("09652ff4061ed3b99872ef4af62b1470");
    assertThat(MikeyKeyDerivation.fromMpk(MikeyPrf.MIKEY_1, counting(0, 24), MpkKey.MPKR, RAND).length()).isEqualTo(24);
  }

  @Test
  void fromIbakeSessionKey_tgkFrom65ByteSessionPoint_matchesReferenceCaseG() {
    byte[] point = new byte[65];
    point[0] = 0x04;
    for (int i = 0; i < 64; i++) {
      point[1 + i] = (byte) i;
    }
    assertThat(MikeyKeyDerivation.fromIbakeSessionKey(MikeyPrf.PRF_HMAC_SHA_256, SecretBytes.copyOf(point), IbakeKey.TGK, RAND, 16)
        .unsafeHex()).isEqualTo("c08ce1b02c80c562c904024018cd8b4b");
  }

  @Test
  void ticketTrafficKeys_bothRands_matchesReferenceCaseH() {
    try (TrafficKeys k = MikeyKeyDerivation.ticketTrafficKeys(MikeyPrf.MIKEY_1, counting(0, 16), 2, RAND, RAND2, 16, 14)) {
      assertThat(k.tek().unsafeHex()).isEqualTo("d8f35be4b256f9d1bc73d3be064d62c2");
      assertThat(k.salt().unsafeHex()).isEqualTo("42f304c24a45b7fffc0eceb114b2");
    }
  }

  // ---- every derivation is PRF(inkey, its label) ----------------------------------------------------

  @Test
  void everyDerivation_isPrfOfItsLabel() {
    Property.forAll(30, rnd -> {
      MikeyPrf prf = Property.oneOf(rnd, MikeyPrf.values());
      SecretBytes inkey = SecretBytes.copyOf(Property.bytes(rnd, 16, 64));
      byte[] rand = Property.bytes(rnd, 16, 32);
      byte[] rand2 = Property.bytes(rnd, 0, 32);
      long csb = rnd.nextLong(1L << 32);
      int cs = rnd.nextInt(256);
      KeyLengths len = new KeyLengths(16, 20, 14);
      try (MessageKeys m = MikeyKeyDerivation.messageKeys(prf, inkey, csb, rand, len);
          MessageKeys t = MikeyKeyDerivation.ticketMessageKeys(prf, inkey, csb, TicketMessage.INITIAL, rand, rand2, len);
          MessageKeys i = MikeyKeyDerivation.initiatorDataKeys(prf, inkey, len);
          MessageKeys p = MikeyKeyDerivation.tpkKeys(prf, inkey, rand, len)) {
        assertSame(m.authKey(), prf.derive(inkey, MikeyLabels.message(MessageKey.AUTH, csb, rand), 160));
        assertSame(m.encrKey(), prf.derive(inkey, MikeyLabels.message(MessageKey.ENCR, csb, rand), 128));
        assertSame(t.saltKey(), prf.derive(inkey, MikeyLabels.ticketMessage(MessageKey.SALT, csb, TicketMessage.INITIAL, rand, rand2), 112));
        assertSame(i.authKey(), prf.derive(inkey, MikeyLabels.initiatorData(MessageKey.AUTH), 160));
        assertSame(p.encrKey(), prf.derive(inkey, MikeyLabels.tpk(MessageKey.ENCR, rand), 128));
      }
      assertSame(MikeyKeyDerivation.fromTgk(prf, inkey, TgkKey.AUTH, cs, csb, rand, 20),
          prf.derive(inkey, MikeyLabels.fromTgk(TgkKey.AUTH, cs, csb, rand), 160));
      assertSame(MikeyKeyDerivation.ticketFromTgk(prf, inkey, TgkKey.ENCR, cs, rand, rand2, 16),
          prf.derive(inkey, MikeyLabels.ticketTgk(TgkKey.ENCR, cs, rand, rand2), 128));
      assertSame(MikeyKeyDerivation.fromIbakeSessionKey(prf, inkey, IbakeKey.MPK, rand, 16),
          prf.derive(inkey, MikeyLabels.ibakeSessionKey(IbakeKey.MPK, rand), 128));
    });
  }

  private static void assertSame(SecretBytes a, SecretBytes b) {
    assertThat(a.constantTimeEquals(b)).isTrue();
  }

  @Test
  void messageKeys_nullAlgorithms_giveEmptyKeys() {
    KeyLengths len = KeyLengths.of(KemacEncryption.INSECURE_NULL, MikeyMac.INSECURE_NULL);
    try (MessageKeys k = MikeyKeyDerivation.messageKeys(MikeyPrf.MIKEY_1, counting(0, 16), 1, RAND, len)) {
      assertThat(k.encrKey().length()).isZero();
      assertThat(k.authKey().length()).isZero();
      assertThat(k.saltKey().length()).isZero();
    }
  }

  @Test
  void keyLengths_followTheAlgorithms() {
    assertThat(KeyLengths.of(KemacEncryption.AES_CM_128, MikeyMac.HMAC_SHA_1_160)).isEqualTo(new KeyLengths(16, 20, 14));
    assertThat(KeyLengths.of(KemacEncryption.AES_KW_128, MikeyMac.INSECURE_NULL)).isEqualTo(new KeyLengths(16, 0, 8));
    assertThat(KeyLengths.of(KemacEncryption.AES_CM_256, MikeyMac.HMAC_SHA_256_256)).isEqualTo(new KeyLengths(32, 32, 14));
    assertThrows(IllegalArgumentException.class, () -> new KeyLengths(-1, 0, 0));
  }

  @Test
  void derivations_leaveInputsOpen_andResultsShowNoBytes() {
    SecretBytes tgk = counting(0, 16);
    try (TrafficKeys k = MikeyKeyDerivation.trafficKeys(MikeyPrf.MIKEY_1, tgk, 1, 0x12345678L, RAND, 16, 14)) {
      assertThat(tgk.isClosed()).isFalse();
      assertThat(k.toString()).contains("SecretBytes[16 bytes]").doesNotContain("9ba4f67e");
      k.close();
      assertThat(k.tek().isClosed()).isTrue();
    }
  }
}
