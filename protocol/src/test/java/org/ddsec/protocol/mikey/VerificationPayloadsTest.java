package org.ddsec.protocol.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyMac;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.*;
import org.ddsec.testkit.Tamper;
import org.junit.jupiter.api.Test;

class VerificationPayloadsTest {

  static final SecretBytes KEY = SecretBytes.fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  static final byte[] IDI = "sip:alice@ims.example.org".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  static final byte[] IDR = "sip:bob@ims.example.org".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  static CommonHeader hdr(DataType t) {
    return new CommonHeader(t, false, PrfFunction.PRF_HMAC_SHA_256, 0xCAFEBABEL, new CsIdMap.EmptyMap(0));
  }

  static List<Payload> transferInitBody() {
    TicketPolicy pol = new TicketPolicy(0xF0DD, 1, 1, PrfFunction.PRF_HMAC_SHA_256,
        Set.of(TicketFlag.E, TicketFlag.I, TicketFlag.F, TicketFlag.H, TicketFlag.L), List.of());
    return List.of(
        TimestampPayload.ntpUtc(0xEAA5_43F6_3215_650EL),
        new RandRolePayload(RandRole.RANDRI, Bytes.fromHex("00112233445566778899aabbccddeeff")),
        IdRolePayload.uri(IdRole.IDRI, "sip:alice@ims.example.org"),
        IdRolePayload.uri(IdRole.IDRR, "sip:bob@ims.example.org"),
        new TicketPayload(pol, Bytes.fromHex("0102030405"),
            List.of(VerificationPayload.placeholder(MacAlgorithm.HMAC_SHA_256_256))));
  }

  @Test
  void seal_thenVerify_accepts() throws Exception {
    for (MikeyMac alg : List.of(MikeyMac.HMAC_SHA_1_160, MikeyMac.HMAC_SHA_256_256)) {
      MikeyMessage m = VerificationPayloads.seal(hdr(DataType.TRANSFER_INIT), transferInitBody(), alg, KEY, IDI, IDR);
      VerificationPayloads.decodeAndVerify(m.encoded().toByteArray(), KEY, IDI, IDR);
    }
  }

  @Test
  void macCoversTheIdentitiesAppended() throws Exception {
    MikeyMessage m = VerificationPayloads.seal(hdr(DataType.TRANSFER_INIT), transferInitBody(), MikeyMac.HMAC_SHA_256_256, KEY, IDI, IDR);
    byte[] otherR = "sip:mallory@ims.example.org".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    MikeyException e = assertThrows(MikeyException.class, () -> VerificationPayloads.verify(m, KEY, IDI, otherR));
    assertThat(e.reason()).isEqualTo(Reason.AUTH_FAILURE);
    assertThat(e.errorCode().code()).isZero();
  }

  @Test
  void wrongKey_isAuthFailure() {
    MikeyMessage m = VerificationPayloads.seal(hdr(DataType.TRANSFER_RESP), transferInitBody(), MikeyMac.HMAC_SHA_1_160, KEY, IDI, IDR);
    SecretBytes other = SecretBytes.fromHex("ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    assertThat(assertThrows(MikeyException.class, () -> VerificationPayloads.verify(m, other, IDI, IDR)).reason())
        .isEqualTo(Reason.AUTH_FAILURE);
  }

  @Test
  void everyBitFlipAndTruncation_ofTheProtectedMessage_isRejected() {
    for (DataType t : List.of(DataType.TRANSFER_RESP, DataType.REQUEST_INIT_PSK)) {
      byte[] msg = VerificationPayloads.seal(hdr(t), transferInitBody(), MikeyMac.HMAC_SHA_256_256, KEY, IDI, IDR)
          .encoded().toByteArray();
      int flips = Tamper.assertEveryBitFlipRejected(msg, MikeyException.class,
          b -> VerificationPayloads.decodeAndVerify(b, KEY, IDI, IDR));
      assertThat(flips).isEqualTo(msg.length * 8);
      Tamper.assertEveryTruncationRejected(msg, MikeyException.class, b -> VerificationPayloads.decodeAndVerify(b, KEY, IDI, IDR));
    }
  }

  @Test
  void transferInit_initiatorDataIsOutsideTheMac_everythingElseInside() throws Exception {
    byte[] msg = VerificationPayloads.seal(hdr(DataType.TRANSFER_INIT), transferInitBody(), MikeyMac.HMAC_SHA_256_256, KEY, IDI, IDR)
        .encoded().toByteArray();
    MikeyMessage m = VerificationPayloads.decodeAndVerify(msg, KEY, IDI, IDR);
    int ti = m.indexOf(org.ddsec.mikey.PayloadType.TICKET);
    int holeEnd = m.span(ti).end();
    int holeStart = holeEnd - ((TicketPayload) m.payloads().get(ti)).initiatorDataFieldsLength();
    // RFC 6043 §5.5: the Initiator Data (here: First Payload + a V payload) is not covered;
    // flipping a bit of its MAC field still verifies. Every other bit is covered.
    int vrMacStart = holeEnd - 32;
    for (int i = 0; i < msg.length * 8; i++) {
      byte[] b = msg.clone();
      b[i / 8] ^= (byte) (0x80 >>> (i % 8));
      int at = i / 8;
      if (at >= vrMacStart && at < holeEnd) {
        VerificationPayloads.decodeAndVerify(b, KEY, IDI, IDR);
      } else if (at < holeStart || at >= holeEnd) {
        assertThrows(MikeyException.class, () -> VerificationPayloads.decodeAndVerify(b, KEY, IDI, IDR), "bit " + i);
      }
    }
  }

  @Test
  void nullMac_isRefusedBothWays() {
    assertThrows(IllegalArgumentException.class,
        () -> VerificationPayloads.seal(hdr(DataType.TRANSFER_INIT), List.of(), MikeyMac.INSECURE_NULL, KEY));
    MikeyMessage m = org.ddsec.mikey.MikeyCodec.encode(hdr(DataType.TRANSFER_RESP),
        List.of(TimestampPayload.ntpUtc(1), VerificationPayload.placeholder(MacAlgorithm.NULL)));
    assertThat(assertThrows(MikeyException.class, () -> VerificationPayloads.verify(m, KEY)).field()).isEqualTo("Auth alg");
  }

  @Test
  void missingV_isRefused() {
    MikeyMessage m = org.ddsec.mikey.MikeyCodec.encode(hdr(DataType.TRANSFER_RESP), List.of(TimestampPayload.ntpUtc(1)));
    assertThat(assertThrows(MikeyException.class, () -> VerificationPayloads.verify(m, KEY)).reason()).isEqualTo(Reason.AUTH_FAILURE);
  }
}
