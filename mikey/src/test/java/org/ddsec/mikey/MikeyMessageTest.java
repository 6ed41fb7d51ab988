package org.ddsec.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.payload.*;
import org.junit.jupiter.api.Test;

/** MAC/signature coverage (RFC 3830 §5.2, RFC 6043 §5.5) computed over the exact bytes. */
class MikeyMessageTest {

  static final CommonHeader HDR = MikeyCodecRejectionTest.HDR;
  static final CommonHeader PSK =
      new CommonHeader(DataType.PSK_INIT, true, PrfFunction.MIKEY_1, 7, new CsIdMap.EmptyMap(0));

  @Test
  void authenticatedBytes_lastV_isEverythingBeforeVerData() {
    MikeyMessage m = MikeyCodec.encode(PSK, List.of(TimestampPayload.ntpUtc(42), VerificationPayload.placeholder(MacAlgorithm.HMAC_SHA_256_256)));
    Bytes all = m.encoded();
    assertThat(m.authenticatorField()).contains(new Span(all.length() - 32, 32));
    assertThat(m.authenticatedBytes()).isEqualTo(all.slice(0, all.length() - 32));
  }

  @Test
  void authenticatedBytes_lastKemac_isEverythingBeforeMac() {
    KemacPayload k = new KemacPayload(EncryptionAlgorithm.AES_CM_128, Bytes.of(new byte[20]), MacAlgorithm.HMAC_SHA_1_160, Bytes.of(new byte[20]));
    MikeyMessage m = MikeyCodec.encode(PSK, List.of(TimestampPayload.ntpUtc(1), k));
    assertThat(m.authenticatedBytes().length()).isEqualTo(m.encoded().length() - 20);
  }

  @Test
  void authenticatedBytes_noFinalAuthenticator_throws() {
    MikeyMessage m = MikeyCodec.encode(PSK, List.of(TimestampPayload.ntpUtc(1)));
    assertThat(m.authenticatorField()).isEmpty();
    assertThrows(IllegalStateException.class, m::authenticatedBytes);
  }

  @Test
  void transferInit_macSkipsInitiatorDataFields() {
    TicketPolicy pol = new TicketPolicy(1, 1, 1, PrfFunction.PRF_HMAC_SHA_256,
        Set.of(TicketFlag.D, TicketFlag.E, TicketFlag.I, TicketFlag.H), List.of());
    List<Payload> init = List.of(VerificationPayload.placeholder(MacAlgorithm.HMAC_SHA_256_256),
        VerificationPayload.placeholder(MacAlgorithm.HMAC_SHA_256_256));
    TicketPayload ticket = new TicketPayload(pol, Bytes.fromHex("aabbcc"), init);
    List<Payload> ps = List.of(TimestampPayload.ntpUtc(5), ticket, VerificationPayload.placeholder(MacAlgorithm.HMAC_SHA_256_256));
    MikeyMessage m = MikeyCodec.encode(HDR, ps); // HDR is TRANSFER_INIT
    int ti = m.indexOf(PayloadType.TICKET);
    Span ts = m.span(ti);
    int hole = ticket.initiatorDataFieldsLength();
    assertThat(hole).isEqualTo(2 + 1 + 2 * 34);
    Bytes all = m.encoded();
    Bytes expected = all.slice(0, ts.end() - hole).concat(all.slice(ts.end(), all.length() - 32 - ts.end()));
    assertThat(m.authenticatedBytes()).isEqualTo(expected);
    assertThat(m.uncoveredSpans()).containsExactly(new Span(ts.end() - hole, hole));

    // The same payloads in a TRANSFER_RESP: the whole TICKET is covered.
    MikeyMessage resp = MikeyCodec.encode(
        new CommonHeader(DataType.TRANSFER_RESP, false, PrfFunction.MIKEY_1, 1, new CsIdMap.EmptyMap(0)), ps);
    assertThat(resp.authenticatedBytes()).isEqualTo(resp.encoded().slice(0, resp.encoded().length() - 32));
  }

  @Test
  void ibakeMessage_macOmitsEveryEskPayload_rfc6267Section5_4() {
    CommonHeader h = new CommonHeader(DataType.I_MESSAGE_2, false, PrfFunction.MIKEY_1, 3, new CsIdMap.EmptyMap(0));
    List<Payload> ps = List.of(TimestampPayload.ntpUtc(7), new IbakePayload(Bytes.fromHex("0102030405")),
        new EskPayload(Bytes.fromHex("e5e5e5e5e5e5")), new RandPayload(Bytes.fromHex("aabbccdd")),
        VerificationPayload.placeholder(MacAlgorithm.HMAC_SHA_1_160));
    MikeyMessage m = MikeyCodec.encode(h, ps);
    Span esk = m.span(2);
    assertThat(m.uncoveredSpans()).containsExactly(esk);
    Bytes all = m.encoded();
    assertThat(m.authenticatedBytes())
        .isEqualTo(all.slice(0, esk.offset()).concat(all.slice(esk.end(), all.length() - 20 - esk.end())));
    // The same payloads in a non-IBAKE message: the ESK is covered like any other payload.
    MikeyMessage other = MikeyCodec.encode(HDR, ps);
    assertThat(other.uncoveredSpans()).isEmpty();
    assertThat(other.authenticatedBytes().length()).isEqualTo(other.encoded().length() - 20);
  }

  @Test
  void withAuthenticator_fillsTheFieldAndKeepsTheRest() {
    MikeyMessage m = MikeyCodec.encode(PSK, List.of(TimestampPayload.ntpUtc(9), VerificationPayload.placeholder(MacAlgorithm.HMAC_SHA_1_160)));
    Bytes mac = Bytes.fromHex("0102030405060708090a0b0c0d0e0f1011121314");
    MikeyMessage signed = m.withAuthenticator(mac);
    assertThat(((VerificationPayload) signed.payloads().get(1)).verData()).isEqualTo(mac);
    assertThat(signed.authenticatedBytes()).isEqualTo(m.authenticatedBytes());
    assertThrows(IllegalArgumentException.class, () -> m.withAuthenticator(Bytes.fromHex("01")));
  }

  @Test
  void encode_signNotLast_isABug() {
    SignPayload s = new SignPayload(SignatureType.RSA_PSS, Bytes.fromHex("00"));
    assertThrows(IllegalArgumentException.class, () -> MikeyCodec.encode(PSK, List.of(s, TimestampPayload.ntpUtc(1))));
  }
}
