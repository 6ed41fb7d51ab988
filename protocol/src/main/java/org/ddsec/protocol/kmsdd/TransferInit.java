package org.ddsec.protocol.kmsdd;

import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.MikeyLabels.TicketMessage;
import org.ddsec.crypto.mikey.TrafficKeys;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.mikey.payload.ProtocolType;
import org.ddsec.mikey.payload.RandRolePayload;
import org.ddsec.mikey.payload.SecurityPolicyPayload;
import org.ddsec.mikey.payload.SrtpPolicyType;
import org.ddsec.mikey.payload.TicketPayload;
import org.ddsec.crypto.kmsdd.KmsDdKdf;
import org.ddsec.protocol.kmsdd.Thdr.RequestThdr;
import java.util.Optional;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.RandRole;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.mikey.payload.VerificationPayload;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;

/**
 * A's TRANSFER_INIT (seed Fig. 17 step 2b) as every role reads it: HDR with an SRTP-ID map of one
 * crypto session, T, RANDRi (= Ra), IDRi (ID-A), IDRr (ID-B), SP, TICKET (request), V.
 */
public record TransferInit(MikeyMessage message, TimestampPayload t, Bytes ra, String idA, String idB, long ssrc,
    ReceivedTicket requestTicket) {

  /**
   * Decodes and checks the structure (not the MAC, which only holders of MPKi can verify).
   *
   * @throws MikeyException a decoding reason, or MALFORMED/UNSUPPORTED_TICKET for a message this
   *     profile does not send
   */
  public static TransferInit parse(Bytes bytes) throws MikeyException {
    MikeyMessage m = MikeyCodec.decode(bytes);
    if (m.dataType() != DataType.TRANSFER_INIT) {
      throw new MikeyException(Reason.UNSUPPORTED_DATA_TYPE, "data type", m.dataType().rfcName() + " (expected: TRANSFER_INIT)");
    }
    List<Payload> p = m.payloads();
    if (!(p.get(p.size() - 1) instanceof VerificationPayload)) {
      throw new MikeyException(Reason.AUTH_FAILURE, "V", "missing (expected: the last payload)");
    }
    if (!(m.header().csIdMap() instanceof CsIdMap.SrtpIdMap map) || map.sessions().size() != 1) {
      throw new MikeyException(Reason.MALFORMED, "CS ID map", "(expected: SRTP-ID with one crypto session)");
    }
    TimestampPayload t = MikeyMessages.one(p, TimestampPayload.class, "T");
    Bytes ra = MikeyMessages.randr(p, RandRole.RANDRI);
    if (ra.length() != KmsDdProfile.RAND_BYTES) {
      throw new MikeyException(Reason.MALFORMED, "RANDRi", ra.length() + " bytes (expected: " + KmsDdProfile.RAND_BYTES + ")");
    }
    String idA = MikeyMessages.uriIdentity(p, IdRole.IDRI);
    String idB = MikeyMessages.uriIdentity(p, IdRole.IDRR);
    ReceivedTicket req = ReceivedTicket.find(m, KmsDdProfile.TICKET_REQUEST, "request TICKET");
    KmsDdProfile.checkPolicy(req.ticket().policy(), KmsDdProfile.TICKET_REQUEST, "request");
    Identities.requireEqual(new Identities(idA, idB, Optional.empty()),
        Identities.of(req.ticket().policy().tpData(), "request TP Data", null), "request TP Data");
    return new TransferInit(m, t, ra, idA, idB, map.sessions().get(0).ssrc(), req);
  }

  public long csbId() {
    return message.header().csbId();
  }

  /** The message keys of the TRANSFER_INIT under MPKi (RFC 6043 §5.1.2, RANDRi = Ra, no RANDRr). */
  public static MessageKeys keys(SecretBytes mpki, long csbId, byte[] ra) {
    return MikeyKeyDerivation.ticketMessageKeys(KmsDdProfile.PRF, mpki, csbId, TicketMessage.INITIAL, ra, new byte[0],
        KmsDdProfile.KEY_LENGTHS);
  }

  /**
   * Verifies the V payload under MPKi over TRANSFER_INIT ‖ ID-A ‖ ID-B (RFC 6043 §5.5).
   *
   * @throws MikeyException AUTH_FAILURE if it does not verify
   */
  public void verify(SecretBytes mpki) throws MikeyException {
    try (MessageKeys k = keys(mpki, csbId(), ra.toByteArray())) {
      VerificationPayloads.verify(message, k.authKey(), Bytes.utf8(idA).toByteArray(), Bytes.utf8(idB).toByteArray());
    }
  }

  /** The msg-id of this deposit: derived from the request ticket's Ticket Data. */
  public Bytes msgId() {
    return Bytes.of(KmsDdKdf.messageId(requestTicket.ticket().ticketData().toByteArray()));
  }

  /** The SRTP master key and salt of the voice stream from K (RFC 6043 §5.1.3, RANDRi = Ra, H flag). */
  public TrafficKeys srtpKeys(SecretBytes k) {
    return MikeyKeyDerivation.ticketTrafficKeys(KmsDdProfile.PRF, k, KmsDdProfile.CS_ID, ra.toByteArray(), new byte[0],
        KmsDdProfile.SRTP_MASTER_KEY_BYTES, KmsDdProfile.SRTP_MASTER_SALT_BYTES);
  }

  /**
   * Builds A's TRANSFER_INIT (seed Fig. 17 step 2b): the request ticket {@code Ea(Ra, ID-A,
   * ID-B)} under TPK(Ka, request), then the message MACed under MPKi.
   *
   * @param encryptedIds the identities sealed inside the ticket; an honest caller passes IDRi(ID-A),
   *     IDRr(ID-B) — the KMS compares them with the plain ones (tests pass others)
   */
  public static MikeyMessage build(String idA, String idB, List<Payload> encryptedIds, String bTid, SecretBytes ka, String kmsId,
      boolean e2m, TimestampPayload t, byte[] ra, long csb, long ssrc) {
    TicketPayload request;
    try (SecretBytes tpk = KmsDdKdf.ticketProtectionKey(ka, KmsDdProfile.TICKET_REQUEST)) {
      request = BaseTickets.seal(
          KmsDdProfile.policy(KmsDdProfile.TICKET_REQUEST, List.of(MikeyMessages.uri(IdRole.IDRKMS, kmsId),
              MikeyMessages.uri(IdRole.IDRI, idA), MikeyMessages.uri(IdRole.IDRR, idB))),
          RequestThdr.encode(e2m), t, Bytes.of(ra), encryptedIds, Optional.of(MikeyMessages.uri(IdRole.IDRPSK, bTid)), tpk);
    }
    CommonHeader h = new CommonHeader(DataType.TRANSFER_INIT, true, KmsDdProfile.PRF_CODE, csb,
        new CsIdMap.SrtpIdMap(List.of(new CsIdMap.SrtpCs(0, ssrc, 0))));
    List<Payload> body = List.of(t, new RandRolePayload(RandRole.RANDRI, Bytes.of(ra)), MikeyMessages.uri(IdRole.IDRI, idA),
        MikeyMessages.uri(IdRole.IDRR, idB), srtpPolicy(), request);
    try (SecretBytes mpki = KmsDdKdf.mpki(ka, ra, idA, idB); MessageKeys k = keys(mpki, csb, ra)) {
      return VerificationPayloads.seal(h, body, KmsDdProfile.MAC, k.authKey(), Bytes.utf8(idA).toByteArray(), Bytes.utf8(idB).toByteArray());
    }
  }

  /** AES_CM_128_HMAC_SHA1_80 (RFC 3830 §6.10.1 parameters written out; RFC 4568 §6.2.1 suite). */
  public static SecurityPolicyPayload srtpPolicy() {
    return new SecurityPolicyPayload(0, ProtocolType.SRTP, List.of(
        SecurityPolicyPayload.Param.u8(SrtpPolicyType.ENCRYPTION_ALGORITHM, 1),
        SecurityPolicyPayload.Param.u8(SrtpPolicyType.SESSION_ENCR_KEY_LENGTH, 16),
        SecurityPolicyPayload.Param.u8(SrtpPolicyType.AUTHENTICATION_ALGORITHM, 1),
        SecurityPolicyPayload.Param.u8(SrtpPolicyType.SESSION_AUTH_KEY_LENGTH, 20),
        SecurityPolicyPayload.Param.u8(SrtpPolicyType.SESSION_SALT_KEY_LENGTH, 14),
        SecurityPolicyPayload.Param.u8(SrtpPolicyType.AUTH_TAG_LENGTH, 10)));
  }
}
