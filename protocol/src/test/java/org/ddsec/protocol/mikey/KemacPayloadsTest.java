package org.ddsec.protocol.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.KemacEncryption;
import org.ddsec.crypto.mikey.KeyLengths;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.MikeyMac;
import org.ddsec.crypto.mikey.MikeyPrf;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.payload.*;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.Test;

/** A PSK-method I_MESSAGE (RFC 3830 §3.1: HDR, T, RAND, [IDi], [IDr], {SP}, KEMAC) sealed and opened. */
class KemacPayloadsTest {

  static final SecretBytes PSK = SecretBytes.fromHex("0f0e0d0c0b0a09080706050403020100");
  static final long CSB = 0xCD177E50L;
  static final long T = 0xC8E3_50EA_0000_0000L;
  static final byte[] RAND = org.ddsec.testkit.Hex.decode("4a28da979ee21a7651a0d7f19136d98c");

  static final CommonHeader HDR = new CommonHeader(DataType.PSK_INIT, true, PrfFunction.MIKEY_1, CSB,
      new CsIdMap.SrtpIdMap(List.of(new CsIdMap.SrtpCs(0, 0x0BADCAFEL, 0))));

  static List<Payload> body() {
    return List.of(TimestampPayload.ntpUtc(T), new RandPayload(Bytes.of(RAND)),
        IdPayload.uri("sip:alice@ims.example.org"), new SecurityPolicyPayload(0, ProtocolType.SRTP, List.of()));
  }

  static KeyDataPayload tgk() {
    return new KeyDataPayload(KeyDataType.TGK_SALT, SecretBytes.fromHex("00112233445566778899aabbccddeeff"),
        Optional.of(SecretBytes.fromHex("0123456789abcdef0123456789ab")), KeyValidity.None.INSTANCE);
  }

  /** For AES-KW the plaintext must be a multiple of 8 bytes (RFC 3394; RFC 3830 defines no padding): TGK of 20 bytes → 24. */
  static KeyDataPayload keyDataFor(KemacEncryption enc) {
    return enc == KemacEncryption.AES_KW_128
        ? new KeyDataPayload(KeyDataType.TGK, SecretBytes.fromHex("00112233445566778899aabbccddeeff01020304"), Optional.empty(),
            KeyValidity.None.INSTANCE)
        : tgk();
  }

  static MessageKeys keys(KemacEncryption enc, MikeyMac mac) {
    return MikeyKeyDerivation.messageKeys(MikeyPrf.MIKEY_1, PSK, CSB, RAND, KeyLengths.of(enc, mac));
  }

  static byte[] sealed(KemacEncryption enc, MikeyMac mac) {
    MessageKeys k = keys(enc, mac);
    KemacPayload kemac = KemacPayloads.encrypt(List.of(keyDataFor(enc)), enc, mac, k, CSB, T);
    return KemacPayloads.seal(HDR, body(), kemac, k.authKey()).encoded().toByteArray();
  }

  static List<Payload> open(byte[] msg, MessageKeys k) throws MikeyException {
    return KemacPayloads.open(MikeyCodec.decode(msg), k, PayloadType.KEY_DATA);
  }

  @Test
  void sealThenOpen_recoversTheKeyData_forEveryAlgorithmPair() throws Exception {
    for (KemacEncryption enc : List.of(KemacEncryption.AES_CM_128, KemacEncryption.AES_CM_256, KemacEncryption.AES_KW_128)) {
      for (MikeyMac mac : List.of(MikeyMac.HMAC_SHA_1_160, MikeyMac.HMAC_SHA_256_256)) {
        byte[] msg = sealed(enc, mac);
        List<Payload> back = open(msg, keys(enc, mac));
        assertThat(back).hasSize(1);
        KeyDataPayload kd = (KeyDataPayload) back.get(0);
        KeyDataPayload sent = keyDataFor(enc);
        assertThat(kd.keyType()).isEqualTo(sent.keyType());
        assertThat(kd.keyData().constantTimeEquals(sent.keyData())).as(enc + "/" + mac).isTrue();
        assertThat(kd.salt().map(SecretBytes::unsafeHex)).isEqualTo(sent.salt().map(SecretBytes::unsafeHex));
        // The key never appears in clear on the wire.
        assertThat(Bytes.of(msg).hex()).doesNotContain("00112233445566778899aabbccddeeff");
      }
    }
  }

  @Test
  void everyBitFlipAndTruncation_isRejected() {
    for (KemacEncryption enc : List.of(KemacEncryption.AES_CM_128, KemacEncryption.AES_KW_128)) {
      MessageKeys k = keys(enc, MikeyMac.HMAC_SHA_256_256);
      byte[] msg = sealed(enc, MikeyMac.HMAC_SHA_256_256);
      Tamper.assertEveryBitFlipRejected(msg, MikeyException.class, b -> open(b, k));
      Tamper.assertEveryTruncationRejected(msg, MikeyException.class, b -> open(b, k));
    }
  }

  @Test
  void wrongPsk_isAuthFailure_andNothingIsDecrypted() {
    byte[] msg = sealed(KemacEncryption.AES_CM_128, MikeyMac.HMAC_SHA_1_160);
    MessageKeys other = MikeyKeyDerivation.messageKeys(MikeyPrf.MIKEY_1, SecretBytes.fromHex("ff0e0d0c0b0a09080706050403020100"),
        CSB, RAND, KeyLengths.of(KemacEncryption.AES_CM_128, MikeyMac.HMAC_SHA_1_160));
    MikeyException e = assertThrows(MikeyException.class, () -> open(msg, other));
    assertThat(e.reason()).isEqualTo(Reason.AUTH_FAILURE);
    assertThat(e.getMessage()).doesNotContain("0f0e0d0c");
  }

  @Test
  void nullAlgorithms_areRefusedOnReceipt() throws Exception {
    MessageKeys k = keys(KemacEncryption.AES_CM_128, MikeyMac.HMAC_SHA_1_160);
    KemacPayload clear = KemacPayloads.encrypt(List.of(tgk()), KemacEncryption.INSECURE_NULL, MikeyMac.HMAC_SHA_1_160, k, CSB, T);
    MikeyMessage m = KemacPayloads.seal(HDR, body(), clear, k.authKey());
    assertThat(assertThrows(MikeyException.class, () -> KemacPayloads.open(m, k, PayloadType.KEY_DATA)).reason())
        .isEqualTo(Reason.UNSUPPORTED_ENCRYPTION);
    assertThrows(IllegalArgumentException.class, () -> KemacPayloads.seal(HDR, body(),
        KemacPayloads.encrypt(List.of(tgk()), KemacEncryption.AES_CM_128, MikeyMac.INSECURE_NULL, k, CSB, T), k.authKey()));
  }
}
