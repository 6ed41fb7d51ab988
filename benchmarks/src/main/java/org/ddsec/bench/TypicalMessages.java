package org.ddsec.bench;

import java.util.List;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.*;

/**
 * Realistic messages for the benchmarks. The TRANSFER_INIT is shaped like the one ddsec's
 * KMS-DD caller sends (RFC 6043 §4.2.2): HDR with one GENERIC-ID crypto session, T, RANDRi,
 * IDRi, IDRr, SP (AES-CM/HMAC-SHA-1-80), an initiator-made TICKET (D=0) carrying ~90 bytes of
 * ticket data, and a V payload with HMAC-SHA-256-256. 283 bytes.
 */
final class TypicalMessages {
  private TypicalMessages() {}

  static final CommonHeader HDR = new CommonHeader(DataType.TRANSFER_INIT, true, PrfFunction.PRF_HMAC_SHA_256, 0x1234_5678L,
      new CsIdMap.GenericIdMap(List.of(new CsIdMap.GenericCs(1, ProtocolType.SRTP, false, List.of(0),
          Bytes.fromHex("0badcafe"), Bytes.EMPTY))));

  /** The payloads before V, as the sender has them. */
  static List<Payload> transferInitBody() {
    TicketPolicy policy = new TicketPolicy(0xF0DD, 1, 1, PrfFunction.PRF_HMAC_SHA_256,
        Set.of(TicketFlag.E, TicketFlag.F, TicketFlag.H, TicketFlag.L, TicketFlag.N, TicketFlag.O), List.of());
    return List.of(
        TimestampPayload.ntpUtc(0xEAA5_43F6_3215_650EL),
        new RandRolePayload(RandRole.RANDRI, Bytes.fromHex("00112233445566778899aabbccddeeff")),
        IdRolePayload.uri(IdRole.IDRI, "sip:alice@ims.example.org"),
        IdRolePayload.uri(IdRole.IDRR, "sip:bob@ims.example.org"),
        new SecurityPolicyPayload(0, ProtocolType.SRTP, List.of(
            SecurityPolicyPayload.Param.u8(SrtpPolicyType.ENCRYPTION_ALGORITHM, 1),
            SecurityPolicyPayload.Param.u8(SrtpPolicyType.SESSION_ENCR_KEY_LENGTH, 16),
            SecurityPolicyPayload.Param.u8(SrtpPolicyType.AUTHENTICATION_ALGORITHM, 1),
            SecurityPolicyPayload.Param.u8(SrtpPolicyType.AUTH_TAG_LENGTH, 10))),
        new TicketPayload(policy, Bytes.of(new byte[90]), List.of()));
  }

  static MikeyMessage transferInit() {
    List<Payload> ps = new java.util.ArrayList<>(transferInitBody());
    ps.add(VerificationPayload.placeholder(MacAlgorithm.HMAC_SHA_256_256));
    return MikeyCodec.encode(HDR, ps);
  }
}
