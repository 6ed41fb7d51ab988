package org.ddsec.mikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.payload.*;
import org.ddsec.mikey.payload.PayloadChain.Scope;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strict parsing: truncations, trailing bytes, unknown code points and reserved bits are all refused with a typed error. */
class MikeyCodecRejectionTest {

  /** HDR with an empty CS map: exactly 10 bytes, so the first payload starts at offset 10. */
  static final CommonHeader HDR =
      new CommonHeader(DataType.TRANSFER_INIT, false, PrfFunction.MIKEY_1, 0x01020304L, new CsIdMap.EmptyMap(0));

  static List<byte[]> corpus() throws Exception {
    List<byte[]> c = new ArrayList<>(MikeyInteropTest.sakkeMessages().values());
    c.add(java.util.Base64.getDecoder().decode(MikeyInteropTest.RFC4567_OFFER));
    c.add(java.util.Base64.getDecoder().decode(MikeyInteropTest.RFC4567_ANSWER));
    return c;
  }

  @Test
  void everyTruncation_ofRealMessages_isRejected() throws Exception {
    for (byte[] msg : corpus()) {
      for (int len = 0; len < msg.length; len++) {
        byte[] cut = Arrays.copyOf(msg, len);
        MikeyException e = assertThrows(MikeyException.class, () -> MikeyCodec.decode(cut), "prefix " + len);
        assertThat(e.field()).isNotBlank();
      }
    }
  }

  @Test
  void everyTruncation_ofRandomMessages_isRejected() {
    Property.forAll(150, r -> {
      byte[] msg = Gen.message(r).encoded().toByteArray();
      for (int len = 0; len < msg.length; len++) {
        byte[] cut = Arrays.copyOf(msg, len);
        assertThrows(MikeyException.class, () -> MikeyCodec.decode(cut), "prefix " + len);
      }
    });
  }

  @Test
  void trailingBytes_areRejected() throws Exception {
    List<byte[]> msgs = corpus();
    Property.forAll(100, r -> msgs.add(Gen.message(r).encoded().toByteArray()));
    for (byte[] msg : msgs) {
      for (int extra = 1; extra <= 3; extra++) {
        byte[] longer = Arrays.copyOf(msg, msg.length + extra);
        MikeyException e = assertThrows(MikeyException.class, () -> MikeyCodec.decode(longer));
        assertThat(e.reason()).isEqualTo(Reason.TRAILING_BYTES);
        assertThat(e.offset()).isEqualTo(msg.length);
        assertThat(e.getMessage()).contains(extra + " bytes left over (expected: 0)");
      }
    }
  }

  @Test
  void subPayloadChain_trailingAndTruncation_rejected() {
    Property.forAll(100, r -> {
      List<Payload> ps = List.of(Gen.payload(r, PayloadType.KEY_DATA), Gen.payload(r, PayloadType.KEY_DATA));
      byte[] plain = MikeyCodec.encodeSubPayloads(ps, Scope.KEMAC);
      for (int len = 1; len < plain.length; len++) {
        byte[] cut = Arrays.copyOf(plain, len);
        assertThrows(MikeyException.class, () -> MikeyCodec.decodeSubPayloads(cut, PayloadType.KEY_DATA, Scope.KEMAC));
      }
      byte[] longer = Arrays.copyOf(plain, plain.length + 1);
      assertThat(assertThrows(MikeyException.class,
          () -> MikeyCodec.decodeSubPayloads(longer, PayloadType.KEY_DATA, Scope.KEMAC)).reason()).isEqualTo(Reason.TRAILING_BYTES);
    });
  }

  /** Encodes {@code p} as the only payload and overwrites byte {@code at} (absolute) with {@code value}. */
  static byte[] mutated(Payload p, int at, int value) {
    byte[] b = MikeyCodec.encode(HDR, List.of(p)).encoded().toByteArray();
    b[at] = (byte) value;
    return b;
  }

  static final Bytes B16 = Bytes.of(new byte[16]);

  static Stream<Arguments> unknownCodePoints() {
    // Offsets: HDR 0..9, the payload's next-payload byte at 10, its first field at 11.
    KemacPayload kemac = new KemacPayload(EncryptionAlgorithm.NULL, B16, MacAlgorithm.NULL, Bytes.EMPTY);
    TicketPolicy pol = new TicketPolicy(1, 1, 1, PrfFunction.MIKEY_1, java.util.Set.of(TicketFlag.L, TicketFlag.H), List.of());
    byte[] sakke = new byte[273];
    sakke[0] = 4;
    return Stream.of(
        Arguments.of("version 2", mutated(new RandPayload(B16), 0, 2), Reason.UNSUPPORTED_VERSION, "version"),
        Arguments.of("data type 27", mutated(new RandPayload(B16), 1, 27), Reason.UNSUPPORTED_DATA_TYPE, "data type"),
        Arguments.of("data type 255", mutated(new RandPayload(B16), 1, 255), Reason.UNSUPPORTED_DATA_TYPE, "data type"),
        Arguments.of("HDR next payload 18", mutated(new RandPayload(B16), 2, 18), Reason.UNKNOWN_PAYLOAD, "Next payload"),
        Arguments.of("HDR next payload 27", mutated(new RandPayload(B16), 2, 27), Reason.UNKNOWN_PAYLOAD, "Next payload"),
        Arguments.of("HDR next payload 241", mutated(new RandPayload(B16), 2, 241), Reason.UNKNOWN_PAYLOAD, "Next payload"),
        Arguments.of("Key data at message level", mutated(new RandPayload(B16), 2, 20), Reason.UNKNOWN_PAYLOAD, "Next payload"),
        Arguments.of("ECCPT at message level", mutated(new RandPayload(B16), 2, 25), Reason.UNKNOWN_PAYLOAD, "Next payload"),
        Arguments.of("PRF func 2", mutated(new RandPayload(B16), 3, 2), Reason.UNSUPPORTED_PRF, "PRF func"),
        Arguments.of("CS ID map type 3", mutated(new RandPayload(B16), 9, 3), Reason.MALFORMED, "CS ID map type"),
        Arguments.of("payload next payload 19", mutated(new RandPayload(B16), 10, 19), Reason.UNKNOWN_PAYLOAD, "Next payload"),
        Arguments.of("Encr alg 4", mutated(kemac, 11, 4), Reason.UNSUPPORTED_ENCRYPTION, "Encr alg"),
        Arguments.of("Mac alg 3", mutated(kemac, 11 + 3 + 16, 3), Reason.UNSUPPORTED_MAC, "Mac alg"),
        Arguments.of("TS type 4", mutated(TimestampPayload.ntpUtc(1), 11, 4), Reason.INVALID_TIMESTAMP, "TS type"),
        Arguments.of("ID Type 3", mutated(new IdPayload(IdType.URI, B16), 11, 3), Reason.UNSUPPORTED_ID, "ID Type"),
        Arguments.of("Cert Type 4", mutated(new CertPayload(CertType.X509V3, B16), 11, 4), Reason.UNSUPPORTED_CERT, "Cert Type"),
        Arguments.of("Hash func 3", mutated(new CertHashPayload(HashFunction.MD5, B16), 11, 3), Reason.UNSUPPORTED_HASH, "Hash func"),
        Arguments.of("DH-Group 3", mutated(new DhPayload(DhGroup.OAKLEY_1, Bytes.of(new byte[96]), KeyValidity.None.INSTANCE), 11, 3),
            Reason.UNSUPPORTED_DH_GROUP, "DH-Group"),
        Arguments.of("DH Reserv bits", mutated(new DhPayload(DhGroup.OAKLEY_1, Bytes.of(new byte[96]), KeyValidity.None.INSTANCE), 12 + 96, 0x10),
            Reason.MALFORMED, "Reserv"),
        Arguments.of("DH KV 3", mutated(new DhPayload(DhGroup.OAKLEY_1, Bytes.of(new byte[96]), KeyValidity.None.INSTANCE), 12 + 96, 3),
            Reason.MALFORMED, "KV"),
        Arguments.of("Auth alg 3", mutated(VerificationPayload.placeholder(MacAlgorithm.NULL), 11, 3), Reason.UNSUPPORTED_MAC, "Auth alg"),
        Arguments.of("Prot type 1", mutated(new SecurityPolicyPayload(0, ProtocolType.SRTP, List.of()), 12, 1), Reason.UNSUPPORTED_SP, "Prot type"),
        Arguments.of("SRTP param type 14", mutated(new SecurityPolicyPayload(0, ProtocolType.SRTP,
            List.of(SecurityPolicyPayload.Param.u8(SrtpPolicyType.KEY_DERIVATION_RATE, 0))), 15, 14), Reason.UNSUPPORTED_SP_PARAM, "Policy param"),
        Arguments.of("SRTP encr alg 7", mutated(new SecurityPolicyPayload(0, ProtocolType.SRTP,
            List.of(SecurityPolicyPayload.Param.u8(SrtpPolicyType.ENCRYPTION_ALGORITHM, 1))), 17, 7), Reason.UNSUPPORTED_SP_PARAM, "Policy param"),
        Arguments.of("Error no 16", mutated(new ErrorPayload(ErrorCode.AUTH_FAILURE), 11, 16), Reason.MALFORMED, "Error no"),
        Arguments.of("ERR Reserved", mutated(new ErrorPayload(ErrorCode.AUTH_FAILURE), 13, 1), Reason.MALFORMED, "Reserved"),
        Arguments.of("ID Role 0", mutated(IdRolePayload.uri(IdRole.IDRI, "a"), 11, 0), Reason.MALFORMED, "ID Role"),
        Arguments.of("ID Role 10", mutated(IdRolePayload.uri(IdRole.IDRI, "a"), 11, 10), Reason.MALFORMED, "ID Role"),
        Arguments.of("ID Role 255", mutated(IdRolePayload.uri(IdRole.IDRI, "a"), 11, 255), Reason.MALFORMED, "ID Role"),
        Arguments.of("TS Role 5", mutated(new TimestampRolePayload(TimestampRole.TRI, TimestampType.COUNTER, Bytes.of(new byte[4])), 11, 5),
            Reason.MALFORMED, "TS Role"),
        Arguments.of("RAND Role 4", mutated(new RandRolePayload(RandRole.RANDRI, B16), 11, 4), Reason.MALFORMED, "RAND Role"),
        Arguments.of("Ticket Type 3", mutated(new TicketPolicyPayload(pol), 12, 3), Reason.UNSUPPORTED_TICKET, "Ticket Type"),
        Arguments.of("TP PRF Func 2", mutated(new TicketPolicyPayload(pol), 15, 2 << 1), Reason.UNSUPPORTED_PRF, "PRF Func"),
        Arguments.of("TP Res bits", mutated(new TicketPolicyPayload(pol), 17, 0x10 | 0x01), Reason.MALFORMED, "Res"),
        Arguments.of("TP flags NOT G and NOT H", mutated(new TicketPolicyPayload(pol), 16, 0x10), Reason.UNSUPPORTED_TP_PARAM, "flags"),
        Arguments.of("General Ext Type 8", mutated(new GeneralExtensionPayload(0, B16), 11, 8), Reason.MALFORMED, "Type"),
        Arguments.of("SAKKE params 2", mutated(new SakkePayload(SakkeParams.PARAMETER_SET_1, SakkeIdScheme.TEL_URI_MONTHLY, Bytes.of(sakke)), 11, 2),
            Reason.UNSUPPORTED_ENCRYPTION, "SAKKE params"),
        Arguments.of("SAKKE ID scheme 3", mutated(new SakkePayload(SakkeParams.PARAMETER_SET_1, SakkeIdScheme.TEL_URI_MONTHLY, Bytes.of(sakke)), 12, 3),
            Reason.UNSUPPORTED_ID, "ID scheme"),
        Arguments.of("SAKKE data not a point", mutated(new SakkePayload(SakkeParams.PARAMETER_SET_1, SakkeIdScheme.TEL_URI_MONTHLY, Bytes.of(sakke)), 15, 2),
            Reason.MALFORMED, "SAKKE data"),
        Arguments.of("S type 3", mutated(new SignPayload(SignatureType.RSA_PSS, B16), 10, 0x30), Reason.UNSUPPORTED_CERT, "S type"),
        Arguments.of("ECCSI signature length 128", mutated(new SignPayload(SignatureType.RSA_PSS, Bytes.of(new byte[128])), 10, 0x20),
            Reason.MALFORMED, "Signature len"),
        Arguments.of("PKE C 3", mutated(new PkePayload(EnvelopeCache.CACHE, B16), 11, 0xC0), Reason.MALFORMED, "C"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownCodePoints")
  void unknownCodePoint_isRejectedWithTypedReason(String name, byte[] msg, Reason reason, String field) {
    MikeyException e = assertThrows(MikeyException.class, () -> MikeyCodec.decode(msg));
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
    assertThat(e.offset()).isGreaterThanOrEqualTo(0);
    assertThat(e.getMessage()).startsWith(field + ": ").contains("at offset " + e.offset());
  }

  @Test
  void subPayloadScopes_refuseForeignPayloads() {
    byte[] sk = MikeyCodec.encodeSubPayloads(
        List.of(new SecretKeyPayload(SecretKeyType.SK, SecretBytes.copyOf(new byte[16]), KeyValidity.None.INSTANCE)), Scope.ESK);
    // An SK sub-payload where a KEMAC expects Key data.
    MikeyException e = assertThrows(MikeyException.class, () -> MikeyCodec.decodeSubPayloads(sk, PayloadType.SK, Scope.KEMAC));
    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_PAYLOAD);
    byte[] kd = MikeyCodec.encodeSubPayloads(List.of(new KeyDataPayload(KeyDataType.TEK, SecretBytes.copyOf(new byte[16]),
        Optional.empty(), KeyValidity.None.INSTANCE)), Scope.KEMAC);
    kd[1] = (byte) (8 << 4); // Key data Type 8 is unassigned
    MikeyException e2 = assertThrows(MikeyException.class, () -> MikeyCodec.decodeSubPayloads(kd, PayloadType.KEY_DATA, Scope.KEMAC));
    assertThat(e2.field()).isEqualTo("Type");
  }

  @Test
  void eccPoint_badEncodingOrPadding_isRejected() {
    EccPointPayload p = EccPointPayload.of(EccCurve.P_256, pointP256());
    byte[] plain = MikeyCodec.encodeSubPayloads(List.of(p), Scope.IBAKE);
    assertThat(plain.length % 4).isZero(); // the point field ends on a 32-bit boundary: 2 + 65 + 1
    byte[] badFirst = plain.clone();
    badFirst[2] = 0x05;
    assertThat(assertThrows(MikeyException.class, () -> MikeyCodec.decodeSubPayloads(badFirst, PayloadType.ECCPT, Scope.IBAKE)).field())
        .isEqualTo("ECC Point");
    byte[] badPad = plain.clone();
    badPad[2 + 65] = 1;
    assertThat(assertThrows(MikeyException.class, () -> MikeyCodec.decodeSubPayloads(badPad, PayloadType.ECCPT, Scope.IBAKE)).field())
        .isEqualTo("ECC Point padding");
    byte[] badCurve = plain.clone();
    badCurve[1] = 17;
    assertThat(assertThrows(MikeyException.class, () -> MikeyCodec.decodeSubPayloads(badCurve, PayloadType.ECCPT, Scope.IBAKE)).field())
        .isEqualTo("ECC Curve");
  }

  static Bytes pointP256() {
    byte[] p = new byte[65];
    p[0] = 4;
    return Bytes.of(p);
  }

  @Test
  void oversizedLengthField_reportsTruncation() {
    byte[] b = MikeyCodec.encode(HDR, List.of(new IdPayload(IdType.URI, B16))).encoded().toByteArray();
    b[12] = (byte) 0xFF; // ID len high byte: 0xFF10 bytes claimed, 16 present
    MikeyException e = assertThrows(MikeyException.class, () -> MikeyCodec.decode(b));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.getMessage()).isEqualTo("ID: 65296 bytes needed (expected: ≤ 16 remaining) at offset 14");
  }

  @Test
  void errorReasons_mapOntoMikeyErrCodes() {
    assertThat(Reason.UNSUPPORTED_DATA_TYPE.errorCode()).isEqualTo(ErrorCode.INVALID_DT);
    assertThat(Reason.AUTH_FAILURE.errorCode().code()).isZero();
    assertThat(Reason.UNSUPPORTED_TICKET.errorCode().code()).isEqualTo(14);
    assertThat(Reason.UNSUPPORTED_TP_PARAM.errorCode().code()).isEqualTo(15);
    for (Reason r : Reason.values()) {
      assertThat(r.errorCode()).isNotNull();
      assertThat(ErrorPayload.of(new MikeyException(r, "f", "x")).errorNo()).isEqualTo(r.errorCode());
    }
  }
}
