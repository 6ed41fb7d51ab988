package org.ddsec.protocol.kmsdd.recipient;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.MikeyLabels.TicketMessage;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.KemacPayload;
import org.ddsec.mikey.payload.KeyDataPayload;
import org.ddsec.mikey.payload.KeyDataType;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.RandRole;
import org.ddsec.mikey.payload.RandRolePayload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.InboxMessages;
import org.ddsec.protocol.kmsdd.KmsDdProfile;
import org.ddsec.protocol.kmsdd.ReceivedTicket;
import org.ddsec.protocol.kmsdd.TransferInit;
import org.ddsec.protocol.mikey.KemacPayloads;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.trace.Trace;

/**
 * UE-B, the recipient of KMS-DD (seed Fig. 18): lists its messages at the mailbox (steps 2–3),
 * asks the KMS for each message's key with the stored tickets and its own proof {@code Eb(ID-A,
 * ID-B)} (step 4), and takes K from {@code Eb(K)} (step 6). It then checks the stored
 * TRANSFER_INIT under the MPKi the KMS returned, so that the SRTP parameters it will decrypt with
 * are A's, not the mailbox's.
 *
 * <p>States: idle → awaiting the inbox → idle; per retrieval (CSB ID): awaiting the KMS → keys,
 * or → refused. A response to nothing is refused and changes nothing.
 */
public final class Recipient {

  public record Config(String idB, String bTid, String kmsId, String mailboxId, Duration maxSkew) {
    public Config {
      Objects.requireNonNull(idB, "idB");
      Objects.requireNonNull(bTid, "bTid");
      Objects.requireNonNull(kmsId, "kmsId");
      Objects.requireNonNull(mailboxId, "mailboxId");
      Objects.requireNonNull(maxSkew, "maxSkew");
    }

    public static Config of(String idB, String bTid, String kmsId, String mailboxId) {
      return new Config(idB, bTid, kmsId, mailboxId, KmsDdProfile.DEFAULT_MAX_SKEW);
    }
  }

  private record Pending(DepositParameters deposit, TransferInit ti, Bytes resolveInit, Bytes randRr) {}

  private final Config config;
  private final SecretBytes kb;
  private final Clock clock;
  private final RandomSource random;
  private final Trace trace;
  private final Map<Long, Pending> pending = new HashMap<>();
  private boolean awaitingInbox;

  public Recipient(Config config, SecretBytes kb, Clock clock, RandomSource random, Trace trace) {
    this.config = Objects.requireNonNull(config, "config");
    this.kb = Objects.requireNonNull(kb, "kb");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.trace = Objects.requireNonNull(trace, "trace");
  }

  public String idB() {
    return config.idB();
  }

  /** Seed Fig. 18 step 2. */
  public synchronized Bytes inboxRequest() {
    awaitingInbox = true;
    trace.record("18.2", config.idB(), config.mailboxId(), "inbox request", "ID-B = " + config.idB());
    return InboxMessages.encodeRequest(config.idB());
  }

  /**
   * Seed Fig. 18 step 3.
   *
   * @throws MikeyException REFUSED if no inbox request is open; a decoding reason; IDENTITY_REFUSED
   *     if an entry is not for us
   */
  public synchronized List<DepositParameters> onInboxResponse(Bytes bytes) throws MikeyException {
    if (!awaitingInbox) {
      throw new MikeyException(Reason.REFUSED, "inbox response", "unsolicited (expected: an answer to our request)");
    }
    awaitingInbox = false;
    List<DepositParameters> entries = InboxMessages.decodeResponse(bytes);
    for (DepositParameters d : entries) {
      if (!d.idB().equals(config.idB())) {
        throw new MikeyException(Reason.IDENTITY_REFUSED, "inbox ID-B", d.idB() + " (expected: " + config.idB() + ")");
      }
    }
    return entries;
  }

  /**
   * Seed Fig. 18 step 4: the RESOLVE_INIT_PSK for one stored message.
   *
   * @throws MikeyException if the stored parameters are inconsistent (before anything is sent)
   */
  public synchronized Bytes retrieve(DepositParameters d) throws MikeyException {
    TransferInit ti = TransferInit.parse(d.transferInit());
    if (!ti.idA().equals(d.idA()) || !ti.idB().equals(d.idB())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "inbox identities", d.idA() + " -> " + d.idB()
          + " (expected: " + ti.idA() + " -> " + ti.idB() + ", as in the TRANSFER_INIT)");
    }
    if (!ti.msgId().equals(d.msgId())) {
      throw new MikeyException(Reason.TICKET_REFUSED, "inbox msg-id", d.msgId().hex() + " (expected: " + ti.msgId().hex() + ")");
    }
    ReceivedTicket token = ReceivedTicket.decode(d.token());
    long csb = random.nextU32();
    Bytes randRr = Bytes.of(random.bytes(KmsDdProfile.RAND_BYTES));
    CommonHeader h = new CommonHeader(DataType.RESOLVE_INIT_PSK, true, KmsDdProfile.PRF_CODE, csb, new CsIdMap.EmptyMap(0));
    List<Payload> body = List.of(MikeyMessages.timestamp(clock.instant()), new RandRolePayload(RandRole.RANDRR, randRr),
        MikeyMessages.uri(IdRole.IDRR, config.idB()), MikeyMessages.uri(IdRole.IDRKMS, config.kmsId()),
        ti.requestTicket().ticket(), token.ticket(), MikeyMessages.uri(IdRole.IDRPSK, config.bTid()));
    MikeyMessage m;
    try (MessageKeys k = keys(TicketMessage.INITIAL, csb, randRr)) {
      m = VerificationPayloads.seal(h, body, KmsDdProfile.MAC, k.authKey(), Bytes.utf8(config.idB()).toByteArray(),
          Bytes.utf8(config.kmsId()).toByteArray());
    }
    pending.put(csb, new Pending(d, ti, m.encoded(), randRr));
    trace.record("18.4", config.idB(), config.kmsId(), "RESOLVE_INIT_PSK",
        MikeyMessages.summary(m) + "\nTICKET(0xFDD1) = Ea(Ra, ID-A, ID-B), TICKET(0xFDD3) = Ekms(Ka), V under Kb = Eb(ID-A, ID-B)");
    return m.encoded();
  }

  /**
   * Seed Fig. 18 step 6.
   *
   * @throws MikeyException REFUSED for a response to nothing; PEER_ERROR for an Error message;
   *     AUTH_FAILURE, IDENTITY_REFUSED, INVALID_TIMESTAMP for a response (or stored
   *     TRANSFER_INIT) that does not check
   */
  public synchronized RetrievedKeys onResolveResp(Bytes bytes) throws MikeyException {
    long csb = MikeyMessages.csbIdOf(bytes.toByteArray());
    Pending p = pending.remove(csb);
    if (p == null) {
      throw new MikeyException(Reason.REFUSED, "CSB ID", String.format("%08x (expected: a retrieval in progress)", csb));
    }
    MikeyMessage m = MikeyMessages.decodeAnswer(bytes, DataType.RESOLVE_RESP);
    try (MessageKeys k = keys(TicketMessage.RESPONSE, csb, p.randRr)) {
      VerificationPayloads.verify(m, k.authKey(), p.resolveInit.toByteArray());
      TimestampPayload t = MikeyMessages.one(m.payloads(), TimestampPayload.class, "T");
      MikeyMessages.checkSkew(t, clock.instant(), config.maxSkew(), "T");
      String originator = MikeyMessages.uriIdentity(m.payloads(), IdRole.IDRI);
      if (!originator.equals(p.deposit.idA())) {
        throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRi", originator + " (expected: " + p.deposit.idA() + ", as the mailbox listed)");
      }
      KemacPayload kemac = MikeyMessages.one(m.payloads(), KemacPayload.class, "KEMAC");
      List<Payload> keys = KemacPayloads.decryptVerified(kemac, k, csb, t.asUint64(), PayloadType.KEY_DATA);
      if (keys.size() != 2 || !(keys.get(0) instanceof KeyDataPayload kd) || kd.keyType() != KeyDataType.TGK
          || !(keys.get(1) instanceof KeyDataPayload mp) || mp.keyType() != KeyDataType.MPK) {
        throw new MikeyException(Reason.MALFORMED, "KEMAC data", "(expected: TGK = K, MPK = MPKi)");
      }
      // The stored TRANSFER_INIT must be A's, unaltered: its V verifies under MPKi.
      p.ti.verify(mp.keyData());
      mp.keyData().close();
      RetrievedKeys out = new RetrievedKeys(p.deposit, originator, p.ti.ssrc(), kd.keyData(), p.ti.srtpKeys(kd.keyData()));
      trace.record("18.6", config.idB(), config.idB(), "has K",
          "V under Kb ok; originator " + originator + " authenticated by the KMS\n"
              + "stored TRANSFER_INIT V under MPKi ok (SRTP parameters are A's); K -> SRTP master key + salt");
      return out;
    }
  }

  private MessageKeys keys(TicketMessage kind, long csb, Bytes randRr) {
    return MikeyKeyDerivation.ticketMessageKeys(KmsDdProfile.PRF, kb, csb, kind, new byte[0], randRr.toByteArray(), KmsDdProfile.KEY_LENGTHS);
  }
}
