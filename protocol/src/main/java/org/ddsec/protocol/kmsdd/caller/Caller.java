package org.ddsec.protocol.kmsdd.caller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.kmsdd.KmsDdKdf;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.MikeyLabels.TicketMessage;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.KeyDataPayload;
import org.ddsec.mikey.payload.KeyDataType;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.mikey.payload.VerificationPayload;
import org.ddsec.protocol.kmsdd.BaseTickets;
import org.ddsec.protocol.kmsdd.Identities;
import org.ddsec.protocol.kmsdd.KmsDdProfile;
import org.ddsec.protocol.kmsdd.OpenedTicket;
import org.ddsec.protocol.kmsdd.ReceivedTicket;
import org.ddsec.protocol.kmsdd.Thdr.KeysThdr;
import org.ddsec.protocol.kmsdd.TransferInit;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.trace.Trace;

/**
 * UE-A, the caller of KMS-DD: builds the TRANSFER_INIT with its request ticket {@code Ea(Ra,
 * ID-A, ID-B)} (seed Fig. 17 steps 2a–2b) and takes K from the keys ticket {@code Ea(Ra, K)} in
 * the TRANSFER_RESP (step 8). A does not know in advance that a mailbox will answer: the same
 * TRANSFER_INIT would serve a live callee that resolves the ticket itself.
 *
 * <p>States per call (keyed by CSB ID): awaiting the response → keys, or → refused. A response
 * that does not authenticate ends the call with the typed error; a response for no call is
 * refused and changes nothing.
 */
public final class Caller {

  /** A's identity, its GBA key name, and whether it asks for e2m protection (Fig. 19). */
  public record Config(String idA, String bTid, String kmsId, boolean e2m, Duration maxSkew) {
    public Config {
      Objects.requireNonNull(idA, "idA");
      Objects.requireNonNull(bTid, "bTid");
      Objects.requireNonNull(kmsId, "kmsId");
      Objects.requireNonNull(maxSkew, "maxSkew");
    }

    public static Config of(String idA, String bTid, String kmsId, boolean e2m) {
      return new Config(idA, bTid, kmsId, e2m, KmsDdProfile.DEFAULT_MAX_SKEW);
    }
  }

  private record Pending(TransferInit ti) {}

  private final Config config;
  private final SecretBytes ka;
  private final Clock clock;
  private final RandomSource random;
  private final Trace trace;
  private final Map<Long, Pending> pending = new HashMap<>();

  public Caller(Config config, SecretBytes ka, Clock clock, RandomSource random, Trace trace) {
    this.config = Objects.requireNonNull(config, "config");
    this.ka = Objects.requireNonNull(ka, "ka");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.trace = Objects.requireNonNull(trace, "trace");
  }

  public String idA() {
    return config.idA();
  }

  /** Seed Fig. 17 steps 2a–2b: a TRANSFER_INIT for a call to {@code idB} whose voice stream has {@code ssrc}. */
  public synchronized Bytes call(String idB, long ssrc) {
    Instant now = clock.instant();
    String fig = config.e2m() ? "19" : "17";
    byte[] ra = random.bytes(KmsDdProfile.RAND_BYTES);
    long csb = random.nextU32();
    TimestampPayload t = MikeyMessages.timestamp(now);
    trace.record(fig + ".2a", config.idA(), config.idA(), "generates Ra", "Ra (" + ra.length + " bytes), CSB ID, T");

    MikeyMessage m = TransferInit.build(config.idA(), idB, List.of(MikeyMessages.uri(IdRole.IDRI, config.idA()),
        MikeyMessages.uri(IdRole.IDRR, idB)), config.bTid(), ka, config.kmsId(), config.e2m(), t, ra, csb, ssrc);
    try {
      pending.put(csb, new Pending(TransferInit.parse(m.encoded())));
    } catch (MikeyException e) {
      throw new AssertionError("our own TRANSFER_INIT does not parse", e);
    }
    trace.record(fig + ".2b", config.idA(), "IMS core", "TRANSFER_INIT (INVITE, a=key-mgmt:mikey)",
        MikeyMessages.summary(m) + "\nTICKET(0xFDD1) = Ea(Ra, ID-A, ID-B), V under MPKi");
    return m.encoded();
  }

  /**
   * Seed Fig. 17 step 8: the TRANSFER_RESP (or an Error message) for one of our calls.
   *
   * @throws MikeyException REFUSED for a response to no call; PEER_ERROR for an Error message;
   *     AUTH_FAILURE, IDENTITY_REFUSED, TICKET_REFUSED, INVALID_TIMESTAMP for a response that
   *     does not check (the call ends)
   */
  public synchronized CallKeys onResponse(Bytes bytes) throws MikeyException {
    long csb = MikeyMessages.csbIdOf(bytes.toByteArray());
    Pending p = pending.remove(csb);
    if (p == null) {
      throw new MikeyException(Reason.REFUSED, "CSB ID", String.format("%08x (expected: a call in progress)", csb));
    }
    MikeyMessage m = MikeyMessages.decodeAnswer(bytes, DataType.TRANSFER_RESP);
    TransferInit ti = p.ti();
    CommonHeader h = m.header();
    if (h.v() || h.prf() != KmsDdProfile.PRF_CODE || !h.csIdMap().equals(ti.message().header().csIdMap())) {
      throw new MikeyException(Reason.MALFORMED, "HDR", "V, PRF or CS ID map differ (expected: as in our TRANSFER_INIT, V = 0)");
    }
    List<Payload> ps = m.payloads();
    boolean hasV = ps.get(ps.size() - 1) instanceof VerificationPayload;
    if (hasV != config.e2m()) {
      throw new MikeyException(Reason.AUTH_FAILURE, "V", (hasV ? "present" : "missing") + " (expected: " + (config.e2m() ? "a V under Ke2m" : "none") + ")");
    }
    if (ps.size() != (hasV ? 4 : 3)) {
      throw new MikeyException(Reason.MALFORMED, "TRANSFER_RESP", MikeyMessages.summary(m) + " (expected: T, IDRr, TICKET" + (hasV ? ", V)" : ")"));
    }

    // Ea(Ra, K[, Ke2m]): authenticated by the KMS under Ka, whoever relayed it.
    ReceivedTicket keysT = ReceivedTicket.find(m, KmsDdProfile.TICKET_KEYS, "keys TICKET");
    KmsDdProfile.checkPolicy(keysT.ticket().policy(), KmsDdProfile.TICKET_KEYS, "keys");
    OpenedTicket keys;
    try (SecretBytes tpk = KmsDdKdf.ticketProtectionKey(ka, KmsDdProfile.TICKET_KEYS)) {
      keys = BaseTickets.open(keysT, tpk, PayloadType.KEY_DATA);
    }
    Identities ids = Identities.of(keys.policy().tpData(), "keys TP Data", config.kmsId());
    Identities.requireEqual(new Identities(config.idA(), ti.idB(), Optional.empty()), ids, "keys ticket");
    String mailbox = ids.extraResponder()
        .orElseThrow(() -> new MikeyException(Reason.MALFORMED, "keys TP Data", "no mailbox IDRr (expected: the answering mailbox)"));
    if (!keys.rand().equals(ti.ra())) {
      throw new MikeyException(Reason.TICKET_REFUSED, "keys RAND", "(expected: our Ra — this ticket is for another call)");
    }
    KeysThdr thdr = KeysThdr.parse(keys.thdr());
    if (thdr.e2m() != config.e2m() || !thdr.msgId().equals(ti.msgId())) {
      throw new MikeyException(Reason.TICKET_REFUSED, "keys THDR", "e2m or msg-id differ (expected: as in our request)");
    }
    String answeredBy = MikeyMessages.uriIdentity(ps, IdRole.IDRR);
    if (!answeredBy.equals(mailbox)) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", answeredBy + " (expected: " + mailbox + ", named by the KMS)");
    }
    List<Payload> secret = keys.secret();
    int want = config.e2m() ? 2 : 1;
    if (secret.size() != want || !(secret.get(0) instanceof KeyDataPayload kd) || kd.keyType() != KeyDataType.TGK
        || config.e2m() && !(secret.get(1) instanceof KeyDataPayload e && e.keyType() == KeyDataType.MPK)) {
      throw new MikeyException(Reason.MALFORMED, "keys KEMAC", "(expected: TGK = K" + (config.e2m() ? ", MPK = Ke2m)" : ")"));
    }
    TimestampPayload t = MikeyMessages.one(ps, TimestampPayload.class, "T");
    Optional<SecretBytes> ke2m = Optional.empty();
    if (config.e2m()) {
      SecretBytes e = ((KeyDataPayload) secret.get(1)).keyData();
      try (MessageKeys k = MikeyKeyDerivation.ticketMessageKeys(KmsDdProfile.PRF, e, csb, TicketMessage.RESPONSE, ti.ra().toByteArray(),
          new byte[0], KmsDdProfile.KEY_LENGTHS)) {
        VerificationPayloads.verify(m, k.authKey(), ti.message().encoded().toByteArray());
      }
      MikeyMessages.checkSkew(t, clock.instant(), config.maxSkew(), "T");
      ke2m = Optional.of(e);
    } else if (!t.equals(keys.t())) {
      throw new MikeyException(Reason.INVALID_TIMESTAMP, "T", "(expected: the keys ticket's T, as the mailbox has no key to MAC its own)");
    } else {
      MikeyMessages.checkSkew(t, clock.instant(), config.maxSkew(), "T");
    }
    SecretBytes k = kd.keyData();
    CallKeys out = new CallKeys(ti.idB(), mailbox, ti.msgId(), ti.ssrc(), k, ti.srtpKeys(k), ke2m);
    trace.record((config.e2m() ? "19" : "17") + ".8", config.idA(), config.idA(), "has K",
        "keys ticket V under TPK(Ka) ok" + (config.e2m() ? ", TRANSFER_RESP V under Ke2m ok (mailbox authenticated)" : "")
            + "\nK -> SRTP master key + salt (RFC 6043 §5.1.3); the voice message can be sent as SRTP to " + mailbox);
    return out;
  }

  /** The calls awaiting a response. */
  public synchronized int pendingCount() {
    return pending.size();
  }
}
