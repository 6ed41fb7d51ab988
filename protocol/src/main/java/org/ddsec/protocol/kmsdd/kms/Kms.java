package org.ddsec.protocol.kmsdd.kms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.kmsdd.KmsDdKdf;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.MikeyLabels.TicketMessage;
import org.ddsec.crypto.mikey.VerificationMacInput;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
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
import org.ddsec.mikey.payload.KeyValidity;
import org.ddsec.mikey.payload.Ntp;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.RandRole;
import org.ddsec.mikey.payload.TicketPayload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.mikey.payload.TimestampRole;
import org.ddsec.mikey.payload.TimestampRolePayload;
import org.ddsec.mikey.payload.TimestampType;
import org.ddsec.mikey.payload.VerificationPayload;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.gba.NafKeyLookup;
import org.ddsec.protocol.gba.NafKeyLookupException;
import org.ddsec.protocol.kmsdd.BaseTickets;
import org.ddsec.protocol.kmsdd.Identities;
import org.ddsec.protocol.kmsdd.Thdr.KeysThdr;
import org.ddsec.protocol.kmsdd.Thdr.RequestThdr;
import org.ddsec.protocol.kmsdd.Thdr.TokenThdr;
import org.ddsec.protocol.kmsdd.KmsDdProfile;
import org.ddsec.protocol.kmsdd.OpenedTicket;
import org.ddsec.protocol.kmsdd.ReceivedTicket;
import org.ddsec.protocol.mikey.KemacPayloads;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.store.ReplayCache;
import org.ddsec.protocol.trace.Trace;

/**
 * The stateless KMS of KMS-DD: it answers RESOLVE_INIT_PSK messages from mailboxes (a deposit,
 * seed Fig. 17/19 steps 4–6) and from recipients (a retrieval, Fig. 18 steps 4–6) and remembers
 * nothing about either. Everything it needs to answer a retrieval comes back to it in the
 * request: A's request ticket and the retrieval token it issued at deposit time.
 *
 * <p>It reads only its {@link KeyRing}, the {@link MailboxRegistry} and the users' NAF keys
 * ({@link NafKeyLookup}); the only thing it writes is the {@link ReplayCache} of its live hop.
 * {@link #handle} never throws: a refused request gets a MIKEY Error message whose ERR code is
 * the {@link MikeyException.Reason} of the failed check (profile table "seed step → check").
 * Deposits must also come over a transport that authenticated the mailbox (mutual TLS in the
 * networked system): {@link #handle(Bytes, Optional)}.
 */
public final class Kms {

  /** What the KMS is configured with besides its stores. */
  public record Config(String kmsId, Duration maxSkew, Duration retention) {
    public Config {
      Objects.requireNonNull(kmsId, "kmsId");
      Objects.requireNonNull(maxSkew, "maxSkew");
      Objects.requireNonNull(retention, "retention");
    }

    public static Config of(String kmsId) {
      return new Config(kmsId, KmsDdProfile.DEFAULT_MAX_SKEW, KmsDdProfile.DEFAULT_RETENTION);
    }
  }

  /** The outcome of one request: the response to send, and why it was refused if it was. */
  public record Result(Bytes response, Optional<MikeyException> refusal) {}

  private final Config config;
  private final KeyRing keyRing;
  private final MailboxRegistry mailboxes;
  private final NafKeyLookup nafKeys;
  private final ReplayCache replay;
  private final Clock clock;
  private final RandomSource random;
  private final Trace trace;

  public Kms(Config config, KeyRing keyRing, MailboxRegistry mailboxes, NafKeyLookup nafKeys, ReplayCache replay, Clock clock,
      RandomSource random, Trace trace) {
    this.config = Objects.requireNonNull(config, "config");
    this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
    this.mailboxes = Objects.requireNonNull(mailboxes, "mailboxes");
    this.nafKeys = Objects.requireNonNull(nafKeys, "nafKeys");
    this.replay = Objects.requireNonNull(replay, "replay");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.trace = Objects.requireNonNull(trace, "trace");
  }

  public String kmsId() {
    return config.kmsId();
  }

  /**
   * Answers one request that arrived without transport authentication of a mailbox: a retrieval
   * is served, a deposit is refused (as {@link #handle(Bytes, Optional)} with no mailbox).
   */
  public Result handle(Bytes request) {
    return handle(request, Optional.empty());
  }

  /**
   * Answers one request (an {@code application/mikey} body); never throws.
   *
   * @param authenticatedMailbox the mailbox identity (ID-Bm, as in the {@link MailboxRegistry})
   *     the transport authenticated the sender as — in the networked system the mailbox named by
   *     the TLS client certificate — or empty. A deposit is accepted only when it is present and
   *     equals the owner of the Km the request names (mutual TLS <em>plus</em> Km); retrievals
   *     ignore it.
   */
  public Result handle(Bytes request, Optional<String> authenticatedMailbox) {
    Objects.requireNonNull(authenticatedMailbox, "authenticatedMailbox");
    Instant now = clock.instant();
    byte[] raw = request.toByteArray();
    try {
      MikeyMessage m = MikeyCodec.decode(raw);
      if (m.dataType() != DataType.RESOLVE_INIT_PSK) {
        throw new MikeyException(Reason.UNSUPPORTED_DATA_TYPE, "data type", m.dataType().rfcName() + " (expected: RESOLVE_INIT_PSK)");
      }
      Request r = Request.parse(m, config.kmsId());
      boolean retrieval = r.tickets == 2;
      return new Result(retrieval ? retrieve(m, r, now) : deposit(m, r, authenticatedMailbox, now), Optional.empty());
    } catch (MikeyException e) {
      trace.record("!", config.kmsId(), config.kmsId(), "refused", e.getMessage() + " -> ERR " + e.errorCode().rfcName());
      return new Result(MikeyMessages.error(MikeyMessages.csbIdOf(raw), e.errorCode(), now).encoded(), Optional.of(e));
    }
  }

  /** The fields of a RESOLVE_INIT_PSK this profile uses (RFC 6043 §4.2.3). */
  private record Request(TimestampPayload t, Bytes randRr, String idR, String pskId, int tickets) {
    static Request parse(MikeyMessage m, String kmsId) throws MikeyException {
      List<Payload> p = m.payloads();
      if (!(p.get(p.size() - 1) instanceof VerificationPayload)) {
        throw new MikeyException(Reason.AUTH_FAILURE, "V", "missing (expected: the last payload)");
      }
      TimestampPayload t = MikeyMessages.one(p, TimestampPayload.class, "T");
      Bytes randRr = MikeyMessages.randr(p, RandRole.RANDRR);
      String idR = MikeyMessages.uriIdentity(p, IdRole.IDRR);
      String psk = MikeyMessages.uriIdentity(p, IdRole.IDRPSK);
      Optional<String> kms = MikeyMessages.optionalIdentity(p, IdRole.IDRKMS);
      if (kms.isPresent() && !kms.get().equals(kmsId)) {
        throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRkms", kms.get() + " (expected: " + kmsId + ")");
      }
      int tickets = MikeyMessages.all(p, TicketPayload.class).size();
      if (tickets != 1 && tickets != 2) {
        throw new MikeyException(Reason.MALFORMED, "TICKET", tickets + " payloads (expected: 1 to deposit, 2 to retrieve)");
      }
      if (m.header().csIdMap().numCs() != 0) {
        throw new MikeyException(Reason.MALFORMED, "#CS", m.header().csIdMap().numCs() + " (expected: 0, RFC 6043 §4.2.3.1)");
      }
      return new Request(t, randRr, idR, psk, tickets);
    }
  }

  // ---- Fig. 17/19 steps 5-6: a mailbox deposits ------------------------------------------------

  private Bytes deposit(MikeyMessage m, Request r, Optional<String> authenticatedMailbox, Instant now) throws MikeyException {
    MikeyMessages.checkSkew(r.t, now, config.maxSkew, "T");
    MailboxEntry mbox = mailboxes.byKeyId(r.pskId)
        .orElseThrow(() -> new MikeyException(Reason.AUTH_FAILURE, "IDRpsk", r.pskId + " (expected: the key id of a known mailbox)"));
    verifyInit(m, r, mbox.km());
    if (!r.idR.equals(mbox.mailboxId())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", r.idR + " (expected: " + mbox.mailboxId() + ", the owner of Km)");
    }
    // An authentic request is used once, whatever follows (as for the ticket checks below).
    admit(m, r, now);
    // Mutual TLS plus Km: the transport must have authenticated the very mailbox that owns Km.
    if (authenticatedMailbox.isEmpty()) {
      throw new MikeyException(Reason.AUTH_FAILURE, "transport", "no authenticated mailbox (expected: a TLS client certificate naming "
          + mbox.mailboxId() + ")");
    }
    if (!authenticatedMailbox.get().equals(mbox.mailboxId())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "transport", "authenticated as " + authenticatedMailbox.get() + " (expected: "
          + mbox.mailboxId() + ", the owner of Km)");
    }

    ReceivedTicket req = ReceivedTicket.find(m, KmsDdProfile.TICKET_REQUEST, "request TICKET");
    KmsDdProfile.checkPolicy(req.ticket().policy(), KmsDdProfile.TICKET_REQUEST, "request");
    Identities plain = Identities.of(req.ticket().policy().tpData(), "request TP Data", config.kmsId());
    String bTidA = MikeyMessages.uriOf(BaseTickets.idrPsk(req)
        .orElseThrow(() -> new MikeyException(Reason.MALFORMED, "request IDRpsk", "missing (expected: the B-TID of Ka)")));
    NafKey ka = ticketKey(bTidA);
    if (!ka.isValidAt(now)) {
      throw new MikeyException(Reason.TICKET_REFUSED, "request IDRpsk", "Ka of " + bTidA + " expired at " + ka.expiresAt());
    }
    if (!ka.vouchesFor(plain.idA())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "request IDRi", plain.idA() + " (expected: an IMPU of " + ka.impi() + ")");
    }
    OpenedTicket opened = openRequest(req, ka.ksNaf(), plain);
    MikeyMessages.checkSkew(opened.t(), now, config.maxSkew, "request T");
    boolean e2m = RequestThdr.parse(opened.thdr()).e2m();
    String owner = mailboxes.mailboxOf(plain.idB()).orElse("(none)");
    if (!owner.equals(mbox.mailboxId())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", mbox.mailboxId() + " (expected: " + owner + ", the mailbox of " + plain.idB() + ")");
    }
    String fig = e2m ? "19" : "17";
    trace.record(fig + ".5", config.kmsId(), config.kmsId(), "checks and derives",
        "V under Km of " + mbox.mailboxId() + "; Ka of " + bTidA + " valid; request ticket V under TPK(Ka)\n"
            + "decrypted ID-A, ID-B = plain; " + mbox.mailboxId() + " is the mailbox of " + plain.idB() + "\n"
            + "K = KDF(Kd_v, Ra, ID-A, ID-B, msg-id)" + (e2m ? ", Ke2m = KDF(Kd_v, Ra, ID-A, ID-Bm, msg-id)" : ""));

    byte[] msgId = KmsDdKdf.messageId(req.ticket().ticketData().toByteArray());
    byte[] ra = opened.rand().toByteArray();
    KeyVersion v = keyRing.current(now);
    try (SecretBytes kd = KmsDdKdf.derivationSecret(v.secret(), v.version());
        SecretBytes k = KmsDdKdf.mediaKey(kd, ra, plain.idA(), plain.idB(), msgId);
        SecretBytes mpki = KmsDdKdf.mpki(ka.ksNaf(), ra, plain.idA(), plain.idB());
        SecretBytes ke2m = KmsDdKdf.endToMailboxKey(kd, ra, plain.idA(), mbox.mailboxId(), msgId);
        SecretBytes tpkKeys = KmsDdKdf.ticketProtectionKey(ka.ksNaf(), KmsDdProfile.TICKET_KEYS);
        SecretBytes tpkToken = KmsDdKdf.tokenProtectionKey(v.secret(), v.version())) {
      TimestampPayload t = MikeyMessages.timestamp(now);

      // Ea(Ra, K[, Ke2m]) for A.
      List<Payload> keysSecret = new ArrayList<>();
      keysSecret.add(keyData(KeyDataType.TGK, k, KeyValidity.None.INSTANCE));
      if (e2m) {
        keysSecret.add(keyData(KeyDataType.MPK, ke2m, KeyValidity.None.INSTANCE));
      }
      TicketPayload keysTicket = BaseTickets.seal(
          KmsDdProfile.policy(KmsDdProfile.TICKET_KEYS, List.of(
              MikeyMessages.uri(IdRole.IDRKMS, config.kmsId()), MikeyMessages.uri(IdRole.IDRI, plain.idA()),
              MikeyMessages.uri(IdRole.IDRR, plain.idB()), MikeyMessages.uri(IdRole.IDRR, mbox.mailboxId()))),
          KeysThdr.encode(e2m, msgId), t, opened.rand(), keysSecret, Optional.empty(), tpkKeys);

      // Ekms(Ka): the retrieval token.
      Instant tA = MikeyMessages.instant(opened.t());
      List<Payload> tokenSecret = List.of(
          MikeyMessages.uri(IdRole.IDRPSK, bTidA), MikeyMessages.uri(IdRole.IDRI, plain.idA()), MikeyMessages.uri(IdRole.IDRR, plain.idB()),
          keyData(KeyDataType.MPK, ka.ksNaf(), new KeyValidity.Interval(Bytes.EMPTY, Ntp.toBytes(Ntp.fromInstant(ka.expiresAt())))));
      TicketPayload token = BaseTickets.seal(
          KmsDdProfile.policy(KmsDdProfile.TICKET_TOKEN, List.of(
              MikeyMessages.uri(IdRole.IDRKMS, config.kmsId()), MikeyMessages.uri(IdRole.IDRI, plain.idA()),
              new TimestampRolePayload(TimestampRole.TRS, TimestampType.NTP_UTC, opened.t().tsValue()),
              new TimestampRolePayload(TimestampRole.TRE, TimestampType.NTP_UTC, Ntp.toBytes(Ntp.fromInstant(tA.plus(config.retention)))),
              MikeyMessages.uri(IdRole.IDRR, plain.idB()))),
          TokenThdr.encode(v.version(), e2m, msgId), t, Bytes.of(random.bytes(KmsDdProfile.RAND_BYTES)), tokenSecret, Optional.empty(),
          tpkToken);

      List<Payload> body = new ArrayList<>(List.of(t, MikeyMessages.uri(IdRole.IDRKMS, config.kmsId()), keysTicket, token));
      if (e2m) {
        body.add(responseKemac(m, r, mbox.km(), t, List.of(
            keyData(KeyDataType.MPK, mpki, KeyValidity.None.INSTANCE), keyData(KeyDataType.MPK, ke2m, KeyValidity.None.INSTANCE))));
      }
      MikeyMessage resp = sealResponse(m, r, mbox.km(), body);
      trace.record(fig + ".6", config.kmsId(), mbox.mailboxId(), "RESOLVE_RESP",
          MikeyMessages.summary(resp) + "\nTICKET(0xFDD2) = Ea(Ra, K" + (e2m ? ", Ke2m" : "") + "), TICKET(0xFDD3) = Ekms(Ka)"
              + (e2m ? "\nKEMAC = Em(MPKi, Ke2m)" : ""));
      return resp.encoded();
    }
  }

  // ---- Fig. 18 steps 5-6: the recipient retrieves ----------------------------------------------

  private Bytes retrieve(MikeyMessage m, Request r, Instant now) throws MikeyException {
    MikeyMessages.checkSkew(r.t, now, config.maxSkew, "T");
    NafKey kb;
    try {
      kb = nafKeys.lookup(r.pskId);
    } catch (NafKeyLookupException e) {
      throw new MikeyException(e.reason() == NafKeyLookupException.Reason.UNAVAILABLE ? Reason.REFUSED : Reason.AUTH_FAILURE,
          "IDRpsk", -1, r.pskId + ": " + e.reason() + " (expected: a live B-TID)", e);
    }
    if (!kb.isValidAt(now)) {
      throw new MikeyException(Reason.AUTH_FAILURE, "IDRpsk", "Kb of " + r.pskId + " expired at " + kb.expiresAt());
    }
    if (!kb.vouchesFor(r.idR)) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", r.idR + " (expected: an IMPU of " + kb.impi() + ")");
    }
    verifyInit(m, r, kb.ksNaf());
    admit(m, r, now);

    // The token: Ekms(Ka).
    ReceivedTicket tokenT = ReceivedTicket.find(m, KmsDdProfile.TICKET_TOKEN, "token TICKET");
    KmsDdProfile.checkPolicy(tokenT.ticket().policy(), KmsDdProfile.TICKET_TOKEN, "token");
    BaseTickets.structure(tokenT);
    TokenThdr thdr = TokenThdr.parse(BaseTickets.structure(tokenT).thdrData());
    KeyVersion v = keyRing.readable(thdr.version(), now)
        .orElseThrow(() -> new MikeyException(Reason.TICKET_REFUSED, "token THDR", "key version " + thdr.version()
            + " (expected: a version of the key ring still within retention)"));
    OpenedTicket token;
    try (SecretBytes tpkToken = KmsDdKdf.tokenProtectionKey(v.secret(), v.version())) {
      token = BaseTickets.open(tokenT, tpkToken, PayloadType.IDR);
    }
    List<Payload> tp = token.policy().tpData();
    Identities tokenIds = Identities.of(tp, "token TP Data", config.kmsId());
    List<Payload> ts = token.secret();
    if (ts.size() != 4 || !(ts.get(3) instanceof KeyDataPayload kaData) || kaData.keyType() != KeyDataType.MPK
        || !(kaData.validity() instanceof KeyValidity.Interval kaValidity)) {
      throw new MikeyException(Reason.MALFORMED, "token KEMAC", "unexpected content (expected: IDRpsk, IDRi, IDRr, Key data MPK)");
    }
    String bTidA = MikeyMessages.uriIdentity(ts, IdRole.IDRPSK);
    Identities.requireEqual(tokenIds, Identities.of(ts, "token KEMAC", null), "token");
    if (!tokenIds.idB().equals(r.idR)) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", r.idR + " (expected: " + tokenIds.idB() + ", the recipient of this message)");
    }

    // A's request ticket, opened with the Ka from the token.
    ReceivedTicket req = ReceivedTicket.find(m, KmsDdProfile.TICKET_REQUEST, "request TICKET");
    KmsDdProfile.checkPolicy(req.ticket().policy(), KmsDdProfile.TICKET_REQUEST, "request");
    Identities plain = Identities.of(req.ticket().policy().tpData(), "request TP Data", config.kmsId());
    Identities.requireEqual(tokenIds, plain, "request");
    String reqBTid = MikeyMessages.uriOf(BaseTickets.idrPsk(req)
        .orElseThrow(() -> new MikeyException(Reason.MALFORMED, "request IDRpsk", "missing (expected: the B-TID of Ka)")));
    if (!reqBTid.equals(bTidA)) {
      throw new MikeyException(Reason.TICKET_REFUSED, "request IDRpsk", reqBTid + " (expected: " + bTidA + ", as in the token)");
    }
    byte[] msgId = KmsDdKdf.messageId(req.ticket().ticketData().toByteArray());
    if (!Bytes.of(msgId).equals(thdr.msgId())) {
      throw new MikeyException(Reason.TICKET_REFUSED, "token THDR", "msg-id " + thdr.msgId().hex() + " (expected: " + Bytes.of(msgId).hex()
          + ", the digest of the request ticket)");
    }
    OpenedTicket opened = openRequest(req, kaData.keyData(), plain);

    // The stored hop: A's T against the token's validity and Ka's lifetime, not against our clock.
    Instant tA = MikeyMessages.instant(opened.t());
    Instant trs = trInstant(tp, TimestampRole.TRS);
    Instant tre = trInstant(tp, TimestampRole.TRE);
    if (tA.isBefore(trs) || tA.isAfter(tre)) {
      throw new MikeyException(Reason.INVALID_TIMESTAMP, "request T", tA + " (expected: within the token's " + trs + " .. " + tre + ")");
    }
    if (now.isAfter(tre)) {
      throw new MikeyException(Reason.TICKET_REFUSED, "token TRe", "retention ended at " + tre);
    }
    Instant kaExpiry = Ntp.toInstant(ntp64(kaValidity.validTo()));
    if (!tA.isBefore(kaExpiry)) {
      throw new MikeyException(Reason.INVALID_TIMESTAMP, "request T", tA + " (expected: before Ka's expiry " + kaExpiry + ")");
    }
    trace.record("18.5", config.kmsId(), config.kmsId(), "checks and derives",
        "V under Kb of " + r.pskId + "; token (key version " + v.version() + ") V under TPK_token_v -> Ka\n"
            + "request ticket V under TPK(Ka); decrypted = plain identities; token msg-id matches\n"
            + "A's T within token validity and Ka's lifetime; K = KDF(Kd_v, Ra, ID-A, ID-B, msg-id)");

    byte[] ra = opened.rand().toByteArray();
    try (SecretBytes kd = KmsDdKdf.derivationSecret(v.secret(), v.version());
        SecretBytes k = KmsDdKdf.mediaKey(kd, ra, plain.idA(), plain.idB(), msgId);
        SecretBytes mpki = KmsDdKdf.mpki(kaData.keyData(), ra, plain.idA(), plain.idB())) {
      TimestampPayload t = MikeyMessages.timestamp(now);
      List<Payload> body = new ArrayList<>(List.of(t, MikeyMessages.uri(IdRole.IDRKMS, config.kmsId()), MikeyMessages.uri(IdRole.IDRI, plain.idA())));
      body.add(responseKemac(m, r, kb.ksNaf(), t, List.of(
          keyData(KeyDataType.TGK, k, KeyValidity.None.INSTANCE), keyData(KeyDataType.MPK, mpki, KeyValidity.None.INSTANCE))));
      MikeyMessage resp = sealResponse(m, r, kb.ksNaf(), body);
      trace.record("18.6", config.kmsId(), r.idR, "RESOLVE_RESP", MikeyMessages.summary(resp) + "\nKEMAC = Eb(K, MPKi)");
      return resp.encoded();
    }
  }

  // ---- shared steps ------------------------------------------------------------------------------

  private NafKey ticketKey(String bTid) throws MikeyException {
    try {
      return nafKeys.lookup(bTid);
    } catch (NafKeyLookupException e) {
      throw new MikeyException(e.reason() == NafKeyLookupException.Reason.UNAVAILABLE ? Reason.REFUSED : Reason.TICKET_REFUSED,
          "request IDRpsk", -1, bTid + ": " + e.reason() + " (expected: a live B-TID)", e);
    }
  }

  /** Opens A's request ticket with TPK(Ka, request) and compares the decrypted identities with the plain ones (seed step 5). */
  private OpenedTicket openRequest(ReceivedTicket req, SecretBytes ka, Identities plain) throws MikeyException {
    OpenedTicket opened;
    try (SecretBytes tpk = KmsDdKdf.ticketProtectionKey(ka, KmsDdProfile.TICKET_REQUEST)) {
      opened = BaseTickets.open(req, tpk, PayloadType.IDR);
    }
    if (opened.rand().length() != KmsDdProfile.RAND_BYTES) {
      throw new MikeyException(Reason.MALFORMED, "request RAND", opened.rand().length() + " bytes (expected: " + KmsDdProfile.RAND_BYTES + ")");
    }
    Identities.requireEqual(plain, Identities.of(opened.secret(), "request KEMAC", null), "request");
    return opened;
  }

  private void verifyInit(MikeyMessage m, Request r, SecretBytes psk) throws MikeyException {
    try (MessageKeys keys = MikeyKeyDerivation.ticketMessageKeys(KmsDdProfile.PRF, psk, m.header().csbId(), TicketMessage.INITIAL,
        new byte[0], r.randRr.toByteArray(), KmsDdProfile.KEY_LENGTHS)) {
      VerificationPayloads.verify(m, keys.authKey(), Bytes.utf8(r.idR).toByteArray(), Bytes.utf8(config.kmsId()).toByteArray());
    }
  }

  /** Records the authenticated request in the replay cache until its T leaves the skew window. */
  private void admit(MikeyMessage m, Request r, Instant now) throws MikeyException {
    // T, RANDRr and the MAC: unique per authentic request (the MAC alone would be too, with real crypto).
    Bytes id = r.t.tsValue().concat(r.randRr).concat(m.payloadBytes(m.payloads().size() - 1));
    Instant expires = MikeyMessages.instant(r.t).plus(config.maxSkew);
    if (!replay.firstSeen(id, expires, now)) {
      throw new MikeyException(Reason.REPLAY, "V", "this RESOLVE_INIT was accepted before (expected: a fresh message)");
    }
  }

  private MikeyMessage sealResponse(MikeyMessage init, Request r, SecretBytes psk, List<Payload> body) {
    CommonHeader h = new CommonHeader(DataType.RESOLVE_RESP, false, KmsDdProfile.PRF_CODE, init.header().csbId(), new CsIdMap.EmptyMap(0));
    try (MessageKeys keys = responseKeys(init, r, psk)) {
      return VerificationPayloads.seal(h, body, KmsDdProfile.MAC, keys.authKey(), VerificationMacInput.resolveResp(new byte[0], init.encoded().toByteArray()));
    }
  }

  private KemacPayload responseKemac(MikeyMessage init, Request r, SecretBytes psk, TimestampPayload t, List<Payload> keys) {
    try (MessageKeys k = responseKeys(init, r, psk)) {
      return KemacPayloads.encrypt(keys, KmsDdProfile.ENCRYPTION, org.ddsec.crypto.mikey.MikeyMac.INSECURE_NULL, k,
          init.header().csbId(), t.asUint64());
    }
  }

  private static MessageKeys responseKeys(MikeyMessage init, Request r, SecretBytes psk) {
    return MikeyKeyDerivation.ticketMessageKeys(KmsDdProfile.PRF, psk, init.header().csbId(), TicketMessage.RESPONSE, new byte[0],
        r.randRr.toByteArray(), KmsDdProfile.KEY_LENGTHS);
  }

  private static KeyDataPayload keyData(KeyDataType type, SecretBytes key, KeyValidity kv) {
    return new KeyDataPayload(type, SecretBytes.wrap(key.unsafeBytes()), Optional.empty(), kv);
  }

  private static Instant trInstant(List<Payload> tp, TimestampRole role) throws MikeyException {
    for (TimestampRolePayload tr : MikeyMessages.all(tp, TimestampRolePayload.class)) {
      if (tr.tsRole() == role.code()) {
        return Ntp.toInstant(tr.asUint64());
      }
    }
    throw new MikeyException(Reason.MALFORMED, "token " + role.rfcName(), "missing (expected: in the TP Data)");
  }

  private static long ntp64(Bytes b) throws MikeyException {
    if (b.length() != 8) {
      throw new MikeyException(Reason.MALFORMED, "Valid To", b.length() + " bytes (expected: 8, NTP-UTC)");
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = v << 8 | b.get(i);
    }
    return v;
  }
}
