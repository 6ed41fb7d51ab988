package org.ddsec.crypto.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.ddsec.crypto.mikey.MikeyLabels.ForkedKey;
import org.ddsec.crypto.mikey.MikeyLabels.IbakeKey;
import org.ddsec.crypto.mikey.MikeyLabels.MessageKey;
import org.ddsec.crypto.mikey.MikeyLabels.MpkKey;
import org.ddsec.crypto.mikey.MikeyLabels.TgkKey;
import org.ddsec.crypto.mikey.MikeyLabels.TicketMessage;
import org.ddsec.testkit.Hex;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of every MIKEY key-derivation label. Expected values are laid out field by
 * field (spaces separate fields) as the cited clause writes the label; the constants are those of
 * the cited tables.
 */
class MikeyLabelsTest {

  private static final byte[] RAND = Hex.decode("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
  private static final byte[] RAND2 = Hex.decode("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf");

  private static String hex(String spaced) {
    return Hex.encode(Hex.decode(spaced));
  }

  @Test
  void constants_matchRfcTables() {
    // RFC 3830 §4.1.3 Table 4.1.3
    assertThat(TgkKey.TEK.constant()).isEqualTo(0x2AD01C64);
    assertThat(TgkKey.AUTH.constant()).isEqualTo(0x1B5C7973);
    assertThat(TgkKey.ENCR.constant()).isEqualTo(0x15798CEF);
    assertThat(TgkKey.SALT.constant()).isEqualTo(0x39A2C14B);
    // RFC 3830 §4.1.4 Table 4.1.4
    assertThat(MessageKey.ENCR.constant()).isEqualTo(0x150533E1);
    assertThat(MessageKey.AUTH.constant()).isEqualTo(0x2D22AC75);
    assertThat(MessageKey.SALT.constant()).isEqualTo(0x29B88916);
    // RFC 6043 §5.1.1 Table 5.1
    assertThat(ForkedKey.MPKR_PRIME.constant()).isEqualTo(0x2B288856);
    assertThat(ForkedKey.TGK_PRIME.constant()).isEqualTo(0x1512B54A);
    // RFC 6043 Appendix A.2.2 Table A.1
    assertThat(MpkKey.MPKI.constant()).isEqualTo(0x220E99A2);
    assertThat(MpkKey.MPKR.constant()).isEqualTo(0x1F4D675B);
    // RFC 6267 §5.1 Table 1
    assertThat(IbakeKey.MPK.constant()).isEqualTo(0x220E99A2);
    assertThat(IbakeKey.TGK.constant()).isEqualTo(0x1F4D675B);
  }

  @Test
  void constants_areNineDecimalDigitsOfE() {
    // RFC 3830 §4.1.3: "the first nine decimal digits 718281828 = 0x2AD01C64".
    assertThat(TgkKey.TEK.constant()).isEqualTo(718281828);
  }

  @Test
  void fromTgk_isConstantCsIdCsbIdRand() {
    // RFC 3830 §4.1.3: constant || cs_id || csb_id || RAND
    assertThat(Hex.encode(MikeyLabels.fromTgk(TgkKey.TEK, 1, 0x12345678L, RAND)))
        .isEqualTo(hex("2ad01c64 01 12345678 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
    assertThat(Hex.encode(MikeyLabels.fromTgk(TgkKey.SALT, 0xFE, 0xFFFFFFFFL, new byte[] {1})))
        .isEqualTo(hex("39a2c14b fe ffffffff 01"));
    assertThat(Hex.encode(MikeyLabels.fromTgk(TgkKey.AUTH, 0, 0, new byte[0]))).isEqualTo(hex("1b5c7973 00 00000000"));
    assertThat(Hex.encode(MikeyLabels.fromTgk(TgkKey.ENCR, 0, 0, new byte[0]))).isEqualTo(hex("15798cef 00 00000000"));
  }

  @Test
  void message_isConstantFfCsbIdRand() {
    // RFC 3830 §4.1.4: constant || 0xFF || csb_id || RAND
    assertThat(Hex.encode(MikeyLabels.message(MessageKey.ENCR, 0xCD177E50L, RAND)))
        .isEqualTo(hex("150533e1 ff cd177e50 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
    assertThat(Hex.encode(MikeyLabels.message(MessageKey.AUTH, 1, RAND))).startsWith(hex("2d22ac75 ff 00000001"));
    assertThat(Hex.encode(MikeyLabels.message(MessageKey.SALT, 1, RAND))).startsWith(hex("29b88916 ff 00000001"));
  }

  @Test
  void forking_isConstantFfFfffffff00Len16IdDataLen8RandRkms() {
    // RFC 6043 §5.1.1: constant || 0xFF || 0xFFFFFFFF || 0x00 || length ID Data (16 bits) || ID Data
    //                  || length RANDRkms (8 bits) || RANDRkms
    byte[] id = "sip:bob@example.com".getBytes(StandardCharsets.US_ASCII);
    assertThat(Hex.encode(MikeyLabels.forking(ForkedKey.TGK_PRIME, id, RAND2)))
        .isEqualTo(hex("1512b54a ff ffffffff 00 0013 7369703a626f62406578616d706c652e636f6d 10 c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"));
    assertThat(Hex.encode(MikeyLabels.forking(ForkedKey.MPKR_PRIME, new byte[300], new byte[0])))
        .startsWith(hex("2b288856 ff ffffffff 00 012c 0000"))
        .endsWith(hex("0000 00"));
  }

  @Test
  void ticketMessage_isConstantFfCsbIdKindLen8RandRiLen8RandRr() {
    // RFC 6043 §5.1.2: constant || 0xFF || CSB ID || 0x01 (initial) / 0x02 (response)
    //                  || length RANDRi || [RANDRi] || length RANDRr || [RANDRr]
    assertThat(Hex.encode(MikeyLabels.ticketMessage(MessageKey.AUTH, 0x01020304L, TicketMessage.INITIAL, RAND, new byte[0])))
        .isEqualTo(hex("2d22ac75 ff 01020304 01 10 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf 00"));
    assertThat(Hex.encode(MikeyLabels.ticketMessage(MessageKey.ENCR, 0x01020304L, TicketMessage.RESPONSE, new byte[0], RAND2)))
        .isEqualTo(hex("150533e1 ff 01020304 02 00 10 c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"));
    assertThat(Hex.encode(MikeyLabels.ticketMessage(MessageKey.SALT, 7, TicketMessage.RESPONSE, new byte[] {1}, new byte[] {2, 3})))
        .isEqualTo(hex("29b88916 ff 00000007 02 01 01 02 0203"));
  }

  @Test
  void ticketTgk_isConstantCsIdFfffffff03Len8RandRiLen8RandRr() {
    // RFC 6043 §5.1.3: constant || CS ID || 0xFFFFFFFF || 0x03 || length RANDRi || [RANDRi]
    //                  || length RANDRr || [RANDRr]
    assertThat(Hex.encode(MikeyLabels.ticketTgk(TgkKey.TEK, 2, RAND, RAND2)))
        .isEqualTo(hex("2ad01c64 02 ffffffff 03 10 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf 10 c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"));
    assertThat(Hex.encode(MikeyLabels.ticketTgk(TgkKey.SALT, 2, new byte[0], new byte[] {9})))
        .isEqualTo(hex("39a2c14b 02 ffffffff 03 00 01 09"));
  }

  @Test
  void initiatorData_isConstantFfFfffffff04() {
    // RFC 6043 §6.10, Initiator Data: constant || 0xFF || 0xFFFFFFFF || 0x04
    assertThat(Hex.encode(MikeyLabels.initiatorData(MessageKey.AUTH))).isEqualTo(hex("2d22ac75 ff ffffffff 04"));
    assertThat(Hex.encode(MikeyLabels.initiatorData(MessageKey.ENCR))).isEqualTo(hex("150533e1 ff ffffffff 04"));
  }

  @Test
  void tpk_isConstantFfFfffffff05Len8Rand() {
    // RFC 6043 Appendix A.2.1: constant || 0xFF || 0xFFFFFFFF || 0x05 || length RAND || RAND
    assertThat(Hex.encode(MikeyLabels.tpk(MessageKey.SALT, RAND)))
        .isEqualTo(hex("29b88916 ff ffffffff 05 10 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
  }

  @Test
  void mpk_isConstantFfFfffffff06Len8Rand() {
    // RFC 6043 Appendix A.2.2: constant || 0xFF || 0xFFFFFFFF || 0x06 || length RAND || RAND
    assertThat(Hex.encode(MikeyLabels.mpk(MpkKey.MPKI, RAND)))
        .isEqualTo(hex("220e99a2 ff ffffffff 06 10 a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
    assertThat(Hex.encode(MikeyLabels.mpk(MpkKey.MPKR, new byte[] {5}))).isEqualTo(hex("1f4d675b ff ffffffff 06 01 05"));
  }

  @Test
  void ibakeSessionKey_isConstantFfFfffffffRandWithoutLength() {
    // RFC 6267 §5.1: constant || 0xFF || 0xFFFFFFFF || RAND
    assertThat(Hex.encode(MikeyLabels.ibakeSessionKey(IbakeKey.TGK, RAND)))
        .isEqualTo(hex("1f4d675b ff ffffffff a0a1a2a3a4a5a6a7a8a9aaabacadaeaf"));
    assertThat(Hex.encode(MikeyLabels.ibakeSessionKey(IbakeKey.MPK, RAND2)))
        .isEqualTo(hex("220e99a2 ff ffffffff c0c1c2c3c4c5c6c7c8c9cacbcccdcecf"));
  }

  @Test
  void outOfRangeFields_throwNamingTheField() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> MikeyLabels.fromTgk(TgkKey.TEK, 256, 0, RAND)).getMessage())
        .isEqualTo("CS ID: 256 (expected: 8 bits)");
    assertThat(assertThrows(IllegalArgumentException.class, () -> MikeyLabels.message(MessageKey.AUTH, 1L << 32, RAND)).getMessage())
        .isEqualTo("CSB ID: 4294967296 (expected: 32 bits)");
    assertThat(assertThrows(IllegalArgumentException.class, () -> MikeyLabels.tpk(MessageKey.AUTH, new byte[256])).getMessage())
        .isEqualTo("RAND: 256 bytes (expected: ≤ 255, an 8-bit length)");
    assertThat(assertThrows(IllegalArgumentException.class, () -> MikeyLabels.forking(ForkedKey.TGK_PRIME, new byte[65536], RAND)).getMessage())
        .isEqualTo("ID Data: 65536 bytes (expected: ≤ 65535, a 16-bit length)");
  }

  @Test
  void ticketLabels_withoutAnyRand_throw() {
    assertThrows(IllegalArgumentException.class,
        () -> MikeyLabels.ticketMessage(MessageKey.AUTH, 1, TicketMessage.INITIAL, new byte[0], new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> MikeyLabels.ticketTgk(TgkKey.TEK, 1, new byte[0], new byte[0]));
  }
}
