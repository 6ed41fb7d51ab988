package org.ddsec.protocol.ibakedd.mailbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ecdh.EcdhException;
import org.ddsec.crypto.ecdh.EcdhP256;
import org.ddsec.crypto.ecdh.EphemeralKey;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.mikey.payload.EskPayload;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.PayloadChain.Scope;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.IbakeInbox;
import org.ddsec.protocol.ibakedd.IbakeMessages;
import org.ddsec.protocol.ibakedd.IbakeMessages.IbakeContent;
import org.ddsec.protocol.ibakedd.IbakeMessages.Received;
import org.ddsec.protocol.ibakedd.IbakeMessages.SessionKeys;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.IbakeProfile;
import org.ddsec.protocol.ibakedd.ResponderOutcome;
import org.ddsec.protocol.ibakedd.SecureRandoms;
import org.ddsec.protocol.ibakedd.StoredMessage;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.UserKeys.PeriodKeys;
import org.ddsec.protocol.kmsdd.mailbox.InsecureAuditTap;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.store.ReplayCache;
import org.ddsec.protocol.trace.Trace;

/**
 * B's mailbox, the deferred delivery server of IBAKE-DD (seed Fig. 27; RFC 6267 §4.2.2, §7.5): a
 * MIKEY-IBAKE responder with its own identity and keys, as the seed requires ("mailbox needs to
 * implement MIKEY-IBAKE client to mutually authenticate A").
 *
 * <ul>
 *   <li>Step 2–3: I_MESSAGE_1 for a user it serves is encrypted to B's identity, which the
 *       mailbox cannot decrypt (it holds no key of B); it answers R_MESSAGE_1 with only its own
 *       [y]P: E_A(IDRi || IDRr || ECCPTr) — RFC 6267 §4.2.2.2–3.
 *   <li>Step 6–7: I_MESSAGE_2 to the mailbox's identity carries [x]P again, [y]P back (A
 *       authenticated) and the ESK {@code E_B(ID-A, SK)}; the mailbox stores the ESK (in A's
 *       I_MESSAGE_2 as received) with the originator it authenticated, and answers R_MESSAGE_2 =
 *       E_A(IDRi || ECCPTi) with V under the MPK — its proof that it holds the mailbox's key.
 *   <li>Steps 10–11: hands B its stored messages.
 * </ul>
 *
 * It never holds SK or the SRTP keys: the ESK is encrypted to B (tested by collecting every byte
 * it handles through the {@link InsecureAuditTap}). In the signed profile it verifies A's ECCSI
 * signature on both I_MESSAGEs before anything else, so a substituted ESK (the seed's "ALU1") is
 * refused and nothing is stored.
 *
 * <p>States per exchange (CSB ID): awaiting I_MESSAGE_2 → stored. A refused input changes nothing
 * and is answered with an Error message — except a replay, a message for no exchange and one
 * clashing with a live exchange, which are dropped.
 */
public final class IbakeMailbox {

  /** The mailbox's identity, profile and timers. */
  public record Config(String uri, IbakeMode mode, Duration maxSkew, Duration pendingTimeout) {
    public Config {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(maxSkew, "maxSkew");
      Objects.requireNonNull(pendingTimeout, "pendingTimeout");
    }

    public static Config of(String uri, IbakeMode mode) {
      return new Config(uri, mode, IbakeProfile.DEFAULT_MAX_SKEW, IbakeProfile.DEFAULT_PENDING_TIMEOUT);
    }
  }

  private record AwaitI2(String idA, String idB, long csb, CsIdMap map, Bytes rand, EphemeralKey y, Instant deadline) {}

  private final Config config;
  private final Community community;
  private final UserKeys keys;
  private final Predicate<String> serves;
  private final MessageStore store;
  private final ReplayCache replay;
  private final Clock clock;
  private final SecureRandom secure;
  private final Trace trace;
  private final InsecureAuditTap tap;
  private final Map<Long, AwaitI2> exchanges = new HashMap<>();

  public IbakeMailbox(Config config, Community community, UserKeys keys, Predicate<String> serves, MessageStore store, ReplayCache replay,
      Clock clock, RandomSource random, Trace trace, InsecureAuditTap tap) {
    this.config = Objects.requireNonNull(config, "config");
    this.community = Objects.requireNonNull(community, "community");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.serves = Objects.requireNonNull(serves, "serves");
    this.store = Objects.requireNonNull(store, "store");
    this.replay = Objects.requireNonNull(replay, "replay");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.secure = SecureRandoms.of(Objects.requireNonNull(random, "random"));
    this.trace = Objects.requireNonNull(trace, "trace");
    this.tap = Objects.requireNonNull(tap, "tap");
  }

  public String uri() {
    return config.uri();
  }

  public synchronized int pendingCount() {
    return exchanges.size();
  }

  /** An I_MESSAGE_1 or I_MESSAGE_2 forwarded by the IMS core, or an Error message from the initiator. */
  public synchronized ResponderOutcome<StoredMessage> onMessage(Bytes bytes) {
    Instant now = clock.instant();
    expire(now);
    long csb = MikeyMessages.csbIdOf(bytes.toByteArray());
    try {
      MikeyMessage m = MikeyCodec.decode(bytes);
      switch (m.dataType()) {
        case I_MESSAGE_1:
          tap.observed("received I_MESSAGE_1", bytes.toByteArray());
          return ResponderOutcome.reply(onI1(bytes, now));
        case I_MESSAGE_2:
          tap.observed("received I_MESSAGE_2", bytes.toByteArray());
          return onI2(bytes, now);
        case ERROR:
          end(csb);
          MikeyMessages.throwIfError(m, "initiator");
          throw new AssertionError("unreachable");
        default:
          throw new MikeyException(Reason.UNSUPPORTED_DATA_TYPE, "data type", m.dataType().rfcName()
              + " (expected: I_MESSAGE_1 or I_MESSAGE_2)");
      }
    } catch (MikeyException e) {
      if (e.reason() == Reason.REPLAY || e.reason() == Reason.PEER_ERROR || "CSB ID".equals(e.field())) {
        // Replays are discarded (RFC 3830 §5.4); a message for no exchange, or clashing with a live
        // one, is not answered either: an Error would end the initiator's live exchange.
        return ResponderOutcome.drop(e);
      }
      trace.record("!", config.uri(), config.uri(), "refused", e.getMessage() + " -> ERR " + e.errorCode().rfcName());
      return ResponderOutcome.refuse(MikeyMessages.error(csb, e.errorCode(), now).encoded(), e);
    }
  }

  private Bytes onI1(Bytes bytes, Instant now) throws MikeyException {
    Received r = IbakeMessages.parse(bytes, DataType.I_MESSAGE_1, config.mode());
    MikeyMessages.checkSkew(r.t(), now, config.maxSkew(), "T");
    if (!serves.test(r.idR())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", r.idR() + " (expected: a user of " + config.uri() + ")");
    }
    KeyPeriod period = r.period();
    if (config.mode() == IbakeMode.DDSEC_SIGNED) {
      IbakeMessages.verifySignature(r, community, IbakeMessages.identity(period, r.idI(), "IDRi"));
    }
    PeriodKeys mine = own(period);
    // IDRi must name an identifier we can encrypt R_MESSAGE_1 to, before anything is kept.
    IbakeMessages.identity(period, r.idI(), "IDRi");
    if (!replay.firstSeen(IbakeMessages.replayId(r), r.instant().plus(config.maxSkew()), now)) {
      throw new MikeyException(Reason.REPLAY, "T", "this I_MESSAGE_1 was received before (expected: a fresh message)");
    }
    if (exchanges.containsKey(r.csbId())) {
      throw new MikeyException(Reason.REFUSED, "CSB ID", String.format("%08x (expected: a new exchange)", r.csbId()));
    }
    trace.record("2", config.uri(), config.uri(), "cannot decrypt E_B(ID-A, ID-B, xP)",
        "IBAKE is encrypted to " + r.idR() + ", whose key the mailbox does not hold" + (config.mode() == IbakeMode.DDSEC_SIGNED
            ? "; A's ECCSI signature verified" : "") + "\nchooses y; answers with its own yP only (RFC 6267 §4.2.2.2)");
    EphemeralKey y = EcdhP256.generate(secure);
    MikeyMessage out = IbakeMessages.seal(IbakeMessages.header(DataType.R_MESSAGE_1, r.csbId(), r.message().header().csIdMap()),
        List.of(r.t(), MikeyMessages.uri(IdRole.IDRI, r.idI()), MikeyMessages.uri(IdRole.IDRR, config.uri()),
            IbakeMessages.encryptIbake(community, IbakeMessages.identity(period, r.idI(), "IDRi"), DataType.R_MESSAGE_1, r.csbId(),
                new IbakeContent(r.idI(), Optional.empty(), Optional.of(config.uri()), Optional.of(y.publicPoint())), secure)),
        config.mode(), mine.ssk(), r.idI(), config.uri(), secure);
    exchanges.put(r.csbId(), new AwaitI2(r.idI(), r.idR(), r.csbId(), r.message().header().csIdMap(), r.rand().orElseThrow(), y,
        now.plus(config.pendingTimeout())));
    trace.record("3", config.uri(), "IMS core", "R_MESSAGE_1 (183 Session Progress)",
        MikeyMessages.summary(out) + "\nIBAKE = E_A(ID-A, ID-Bm, yP): no ECCPTi");
    tap.observed("sent R_MESSAGE_1", out.encoded().toByteArray());
    return out.encoded();
  }

  private ResponderOutcome<StoredMessage> onI2(Bytes bytes, Instant now) throws MikeyException {
    Received r = IbakeMessages.parse(bytes, DataType.I_MESSAGE_2, config.mode());
    AwaitI2 a = exchanges.get(r.csbId());
    if (a == null) {
      throw new MikeyException(Reason.REFUSED, "CSB ID", String.format("%08x (expected: an exchange awaiting I_MESSAGE_2)", r.csbId()));
    }
    KeyPeriod period = r.period();
    if (config.mode() == IbakeMode.DDSEC_SIGNED) {
      // First, by the exchange's initiator; covers the ESK: a substituted E_B(ID-A, eP) fails here (the seed's ALU1).
      IbakeMessages.verifySignature(r, community, IbakeMessages.identity(period, a.idA(), "IDRi"));
    }
    if (!r.message().header().csIdMap().equals(a.map()) || !r.rand().equals(Optional.of(a.rand()))) {
      throw new MikeyException(Reason.MALFORMED, "CS ID map / RAND", "(expected: as in I_MESSAGE_1)");
    }
    if (!r.idI().equals(a.idA()) || !r.idR().equals(config.uri())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRi/IDRr", r.idI() + ", " + r.idR() + " (expected: " + a.idA() + ", " + config.uri() + ")");
    }
    MikeyMessages.checkSkew(r.t(), now, config.maxSkew(), "T");
    EskPayload esk = r.esk().orElseThrow(() -> new MikeyException(Reason.MALFORMED, "ESK",
        "missing (expected: E_B(ID-A, SK) when the mailbox answered, RFC 6267 §4.2.2.5)"));
    IbakeContent c = IbakeMessages.decryptIbake(own(period).rsk(), DataType.I_MESSAGE_2, r.csbId(), r.ibake().orElseThrow());
    tap.observed("decrypted IBAKE of I_MESSAGE_2", MikeyCodec.encodeSubPayloads(c.payloads(), Scope.IBAKE));
    if (!c.idI().equals(a.idA()) || !c.idR().equals(Optional.of(config.uri())) || c.eccptI().isEmpty()
        || !c.eccptR().equals(Optional.of(a.y().publicPoint()))) {
      throw new MikeyException(Reason.AUTH_FAILURE, "IBAKE data", "(expected: IDRi, ECCPTi, IDRr, ECCPTr = our [y]P — A did not decrypt R_MESSAGE_1)");
    }
    Bytes xP = c.eccptI().get();
    Bytes msgId = IbakeMessages.messageId(esk);
    if (store.get(msgId).isPresent()) {
      throw new MikeyException(Reason.REPLAY, "ESK", "this message is stored already (expected: a new deposit)");
    }
    SessionKeys sk;
    try (SecretBytes kSession = EcdhP256.sessionPoint(a.y(), xP)) {
      tap.observed("derived K_SESSION", kSession.unsafeBytes());
      sk = SessionKeys.derive(kSession, a.rand());
    } catch (EcdhException e) {
      throw new AssertionError("ECCPTi was validated when decrypted", e);
    }
    MikeyMessage out;
    try (sk; SecretBytes auth = sk.authKey(a.csb(), a.rand())) {
      tap.observed("derived MPK", sk.mpk().unsafeBytes());
      tap.observed("derived TGK (A–mailbox session)", sk.tgk().unsafeBytes());
      tap.observed("derived auth_key", auth.unsafeBytes());
      out = VerificationPayloads.seal(IbakeMessages.header(DataType.R_MESSAGE_2, a.csb(), a.map()),
          List.of(r.t(), MikeyMessages.uri(IdRole.IDRI, a.idA()), MikeyMessages.uri(IdRole.IDRR, config.uri()),
              IbakeMessages.encryptIbake(community, IbakeMessages.identity(period, a.idA(), "IDRi"), DataType.R_MESSAGE_2, a.csb(),
                  new IbakeContent(a.idA(), Optional.of(xP), Optional.empty(), Optional.empty()), secure)),
          IbakeProfile.MAC, auth, Bytes.utf8(a.idA()).toByteArray(), Bytes.utf8(config.uri()).toByteArray());
    }
    StoredMessage stored = new StoredMessage(msgId, a.idA(), a.idB(), r.message().encoded());
    store.store(stored, now);
    exchanges.remove(a.csb());
    a.y().close();
    tap.observed("stored I_MESSAGE_2 (with the ESK)", r.message().encoded().toByteArray());
    tap.observed("sent R_MESSAGE_2", out.encoded().toByteArray());
    trace.record("6", config.uri(), config.uri(), "authenticates A, stores the ESK",
        (config.mode() == IbakeMode.DDSEC_SIGNED ? "ECCSI signature of " + a.idA() + " over I_MESSAGE_2, ESK included, verified\n" : "")
            + "IBAKE: ECCPTr = our yP (A decrypted E_A), xP again -> K_SESSION = [y]xP -> MPK\n"
            + "stored msg-id " + msgId.hex().substring(0, 8) + "… for " + a.idB() + ": ESK E_B(ID-A, SK) (cannot open it), originator " + a.idA());
    trace.record("7", config.uri(), "IMS core", "R_MESSAGE_2 (200 OK to PRACK)",
        MikeyMessages.summary(out) + "\nIBAKE = E_A(ID-A, xP), V under auth_key(MPK)");
    return ResponderOutcome.done(out.encoded(), stored);
  }

  /** Seed Fig. 27 steps 10 → 11: the recipient asks for its messages (authenticated by HTTPS + GBA in the running system). */
  public synchronized Optional<Bytes> onInboxRequest(Bytes request) {
    try {
      String idB = IbakeInbox.decodeRequest(request);
      List<StoredMessage> out = new ArrayList<>();
      for (MessageStore.Deposit d : store.forRecipient(idB)) {
        out.add(d.message());
      }
      Bytes resp = IbakeInbox.encodeResponse(out);
      tap.observed("sent inbox response", resp.toByteArray());
      trace.record("11", config.uri(), idB, "inbox response",
          out.size() + " message(s): msg-id, ID-A (authenticated by the mailbox), ID-B, I_MESSAGE_2 with ESK E_B(ID-A, SK)");
      return Optional.of(resp);
    } catch (MikeyException e) {
      return Optional.empty();
    }
  }

  private PeriodKeys own(KeyPeriod period) throws MikeyException {
    return keys.get(period).orElseThrow(() -> new MikeyException(Reason.REFUSED, "key period",
        period + " (expected: a month we hold keys for: " + keys.periods() + ")"));
  }

  private void end(long csb) {
    AwaitI2 a = exchanges.remove(csb);
    if (a != null) {
      a.y().close();
    }
  }

  private void expire(Instant now) {
    for (Long csb : List.copyOf(exchanges.keySet())) {
      if (now.isAfter(exchanges.get(csb).deadline())) {
        end(csb);
      }
    }
  }
}
