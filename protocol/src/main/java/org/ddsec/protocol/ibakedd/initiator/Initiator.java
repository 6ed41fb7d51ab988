package org.ddsec.protocol.ibakedd.initiator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ecdh.EcdhException;
import org.ddsec.crypto.ecdh.EcdhP256;
import org.ddsec.crypto.ecdh.EphemeralKey;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.mikey.TrafficKeys;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.mikey.payload.EskPayload;
import org.ddsec.mikey.payload.IbakePayload;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.RandPayload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.IbakeCall;
import org.ddsec.protocol.ibakedd.IbakeMessages;
import org.ddsec.protocol.ibakedd.IbakeMessages.IbakeContent;
import org.ddsec.protocol.ibakedd.IbakeMessages.Received;
import org.ddsec.protocol.ibakedd.IbakeMessages.SessionKeys;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.IbakeProfile;
import org.ddsec.protocol.ibakedd.SecureRandoms;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.UserKeys.PeriodKeys;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.trace.Trace;

/**
 * UE-A, the initiator of MIKEY-IBAKE (RFC 6267 §4.2.2): I_MESSAGE_1 with [x]P encrypted to B's
 * identity; on R_MESSAGE_1 either the live continuation (B returned [x]P: I_MESSAGE_2 with [y]P
 * back to B) or deferred delivery (only the mailbox's [y]P came back — seed Fig. 27 step 4: A
 * "recognizes that the B did not receive the message"): I_MESSAGE_2 to the mailbox's identity with
 * [x]P again and the ESK {@code E_B(ID-A, SK)}; on R_MESSAGE_2 the session is established and the
 * responder authenticated.
 *
 * <p>States per exchange (CSB ID): awaiting R_MESSAGE_1 → awaiting R_MESSAGE_2 → done. One
 * dispatch on (state × data type); anything else is refused. A message that fails a check changes
 * nothing (the genuine one may still come); an Error message from the peer ends the exchange.
 * Steps are traced with the bare numbers of seed Fig. 27 (1, 4, 5, 8); the world prefixes them.
 */
public final class Initiator {

  /**
   * @param acceptsDeferredDelivery whether A leaves a message for {@code idB} (first argument) with
   *     the responder that answered in B's stead (second): the deferred delivery servers A's
   *     operator names for B
   */
  public record Config(String uri, IbakeMode mode, Duration maxSkew, Duration pendingTimeout,
      BiPredicate<String, String> acceptsDeferredDelivery) {
    public Config {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(maxSkew, "maxSkew");
      Objects.requireNonNull(pendingTimeout, "pendingTimeout");
      Objects.requireNonNull(acceptsDeferredDelivery, "acceptsDeferredDelivery");
    }

    public static Config of(String uri, IbakeMode mode, BiPredicate<String, String> acceptsDeferredDelivery) {
      return new Config(uri, mode, IbakeProfile.DEFAULT_MAX_SKEW, IbakeProfile.DEFAULT_PENDING_TIMEOUT, acceptsDeferredDelivery);
    }
  }

  /** What one input produced: the next message to send, or the finished exchange. */
  public record Outcome(Optional<Bytes> reply, Optional<IbakeCall> done) {}

  private sealed interface State permits AwaitR1, AwaitR2 {
    Instant deadline();
  }

  private record AwaitR1(String idB, long csb, CsIdMap map, TimestampPayload t, Bytes rand, EphemeralKey x, Instant deadline)
      implements State {}

  private record AwaitR2(AwaitR1 first, String responder, boolean deferred, TimestampPayload t, SessionKeys keys,
      Optional<SecretBytes> sk, Optional<Bytes> msgId, Instant deadline) implements State {}

  private final Config config;
  private final Community community;
  private final UserKeys keys;
  private final Clock clock;
  private final RandomSource random;
  private final SecureRandom secure;
  private final Trace trace;
  private final Map<Long, State> exchanges = new HashMap<>();

  public Initiator(Config config, Community community, UserKeys keys, Clock clock, RandomSource random, Trace trace) {
    this.config = Objects.requireNonNull(config, "config");
    this.community = Objects.requireNonNull(community, "community");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.secure = SecureRandoms.of(random);
    this.trace = Objects.requireNonNull(trace, "trace");
    if (!keys.uri().equals(config.uri())) {
      throw new IllegalArgumentException("key store of " + keys.uri() + " (expected: " + config.uri() + ")");
    }
  }

  public String uri() {
    return config.uri();
  }

  /** Exchanges in progress. */
  public synchronized int pendingCount() {
    return exchanges.size();
  }

  /**
   * Seed Fig. 27 step 1: I_MESSAGE_1 = HDR, T, RAND, IDRi, IDRr, IBAKE = E_B(IDRi || ECCPTi ||
   * IDRr), [SIGN], for a call to {@code idB} whose voice stream has {@code ssrc}.
   *
   * @throws MikeyException REFUSED if we hold no keys for the current month
   */
  public synchronized Bytes call(String idB, long ssrc) throws MikeyException {
    Instant now = clock.instant();
    expire(now);
    KeyPeriod period = KeyPeriod.containing(now);
    PeriodKeys mine = own(period);
    long csb = random.nextU32();
    Bytes rand = Bytes.of(random.bytes(IbakeProfile.RAND_BYTES));
    TimestampPayload t = MikeyMessages.timestamp(now);
    CsIdMap map = IbakeMessages.srtpMap(ssrc);
    EphemeralKey x = EcdhP256.generate(secure);
    IbakePayload ibake = IbakeMessages.encryptIbake(community, IbakeMessages.identity(period, idB, "IDRr"), DataType.I_MESSAGE_1, csb,
        new IbakeContent(config.uri(), Optional.of(x.publicPoint()), Optional.of(idB), Optional.empty()), secure);
    MikeyMessage m = IbakeMessages.seal(IbakeMessages.header(DataType.I_MESSAGE_1, csb, map),
        List.of(t, new RandPayload(rand), MikeyMessages.uri(IdRole.IDRI, config.uri()), MikeyMessages.uri(IdRole.IDRR, idB), ibake),
        config.mode(), mine.ssk(), config.uri(), idB, secure);
    exchanges.put(csb, new AwaitR1(idB, csb, map, t, rand, x, now.plus(config.pendingTimeout())));
    trace.record("1", config.uri(), "IMS core", "I_MESSAGE_1 (INVITE, a=key-mgmt:mikey)",
        MikeyMessages.summary(m) + "\nIBAKE = E_B(ID-A, ID-B, xP)" + signedNote());
    return m.encoded();
  }

  /**
   * R_MESSAGE_1 (seed Fig. 27 step 4) or R_MESSAGE_2 (step 8) for one of our exchanges.
   *
   * @throws MikeyException REFUSED for a message of no exchange or out of turn; PEER_ERROR for an
   *     Error message (the exchange ends); AUTH_FAILURE, IDENTITY_REFUSED, INVALID_TIMESTAMP,
   *     MALFORMED for a message that does not check (the exchange stays as it was)
   */
  public synchronized Outcome onMessage(Bytes bytes) throws MikeyException {
    Instant now = clock.instant();
    expire(now);
    long csb = MikeyMessages.csbIdOf(bytes.toByteArray());
    State s = exchanges.get(csb);
    if (s == null) {
      throw new MikeyException(Reason.REFUSED, "CSB ID", String.format("%08x (expected: an exchange in progress)", csb));
    }
    MikeyMessage m = MikeyCodec.decode(bytes);
    if (m.dataType() == DataType.ERROR) {
      end(csb);
      MikeyMessages.throwIfError(m, "answer");
    }
    if (s instanceof AwaitR1 a && m.dataType() == DataType.R_MESSAGE_1) {
      return new Outcome(Optional.of(onR1(a, bytes, now)), Optional.empty());
    }
    if (s instanceof AwaitR2 a && m.dataType() == DataType.R_MESSAGE_2) {
      return new Outcome(Optional.empty(), Optional.of(onR2(a, bytes)));
    }
    throw new MikeyException(Reason.REFUSED, "data type", m.dataType().rfcName() + " (expected: "
        + (s instanceof AwaitR1 ? "R_MESSAGE_1" : "R_MESSAGE_2") + " in this state)");
  }

  private Bytes onR1(AwaitR1 a, Bytes bytes, Instant now) throws MikeyException {
    Received r = IbakeMessages.parse(bytes, DataType.R_MESSAGE_1, config.mode());
    if (!r.message().header().csIdMap().equals(a.map())) {
      throw new MikeyException(Reason.MALFORMED, "CS ID map", "(expected: as in our I_MESSAGE_1, RFC 6267 §4.2.2.3)");
    }
    if (!r.t().equals(a.t())) {
      throw new MikeyException(Reason.INVALID_TIMESTAMP, "T", "(expected: our I_MESSAGE_1's, RFC 6267 §4.2.2.3)");
    }
    if (!r.idI().equals(config.uri())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRi", r.idI() + " (expected: " + config.uri() + ")");
    }
    String responder = r.idR();
    KeyPeriod period = r.period();
    if (config.mode() == IbakeMode.DDSEC_SIGNED) {
      IbakeMessages.verifySignature(r, community, IbakeMessages.identity(period, responder, "IDRr"));
    }
    IbakeContent c = IbakeMessages.decryptIbake(own(period).rsk(), DataType.R_MESSAGE_1, a.csb(), r.ibake().orElseThrow());
    if (!c.idI().equals(config.uri()) || !c.idR().equals(Optional.of(responder))) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IBAKE identities", c.idI() + ", " + c.idR().orElse("(none)")
          + " (expected: " + config.uri() + ", " + responder + " as in the plain IDRi/IDRr)");
    }
    Bytes yP = c.eccptR().orElseThrow(() -> new MikeyException(Reason.MALFORMED, "IBAKE data", "no ECCPTr (expected: the responder's [y]P)"));
    boolean deferred = c.eccptI().isEmpty();
    if (!deferred) {
      if (!c.eccptI().get().equals(a.x().publicPoint())) {
        throw new MikeyException(Reason.AUTH_FAILURE, "ECCPTi", "(expected: our [x]P — the responder did not decrypt our I_MESSAGE_1)");
      }
      if (!responder.equals(a.idB())) {
        throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", responder + " (expected: " + a.idB() + "; retargeting is not accepted)");
      }
    } else if (!config.acceptsDeferredDelivery().test(a.idB(), responder)) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", responder + " (expected: " + a.idB()
          + ", or a deferred delivery server for " + a.idB() + ")");
    }
    // Everything checked: build I_MESSAGE_2 and move on (nothing above changed state).
    Instant t2i = now;
    KeyPeriod p2 = KeyPeriod.containing(t2i);
    PeriodKeys mine = own(p2);
    SecretBytes kSession;
    try {
      kSession = EcdhP256.sessionPoint(a.x(), yP);
    } catch (EcdhException e) {
      throw new AssertionError("ECCPTr was validated when decrypted", e);
    }
    SessionKeys sk;
    try (kSession) {
      sk = SessionKeys.derive(kSession, a.rand());
    }
    TimestampPayload t2 = MikeyMessages.timestamp(t2i);
    Optional<SecretBytes> secret = Optional.empty();
    Optional<IbakeMessages.DeferredKey> esk = Optional.empty();
    IbakeContent content = new IbakeContent(config.uri(), deferred ? Optional.of(a.x().publicPoint()) : Optional.empty(),
        Optional.of(responder), Optional.of(yP));
    if (deferred) {
      SecretBytes key = SecretBytes.wrap(random.bytes(IbakeProfile.SK_BYTES));
      secret = Optional.of(key);
      esk = Optional.of(new IbakeMessages.DeferredKey(IbakeMessages.identity(p2, a.idB(), "ID-B"), key));
      trace.record("4", config.uri(), config.uri(), "no ECCPTi in R_MESSAGE_1: deferred delivery",
          responder + " answered for " + a.idB() + " without our xP (RFC 6267 §4.2.2.4)\nK_SESSION = [x]yP; draws SK (the seed's aP) for B");
    } else {
      trace.record("4", config.uri(), config.uri(), "R_MESSAGE_1: B returned xP", "B authenticated (it decrypted E_B); K_SESSION = [x]yP");
    }
    MikeyMessage m = IbakeMessages.iMessage2(community, config.mode(), mine.ssk(), a.csb(), a.map(), t2, a.rand(),
        IbakeMessages.identity(p2, responder, "IDRr"), content, esk, secure);
    Optional<Bytes> msgId = deferred ? m.first(EskPayload.class).map(IbakeMessages::messageId) : Optional.empty();
    exchanges.put(a.csb(), new AwaitR2(a, responder, deferred, t2, sk, secret, msgId, t2i.plus(config.pendingTimeout())));
    trace.record("5", config.uri(), "IMS core", "I_MESSAGE_2 (PRACK)",
        MikeyMessages.summary(m) + (deferred ? "\nIBAKE = E_Bm(ID-A, ID-Bm, xP, yP), ESK = E_B(ID-A, SK)" : "\nIBAKE = E_B(ID-A, ID-B, yP)")
            + signedNote());
    return m.encoded();
  }

  private IbakeCall onR2(AwaitR2 a, Bytes bytes) throws MikeyException {
    Received r = IbakeMessages.parse(bytes, DataType.R_MESSAGE_2, config.mode());
    AwaitR1 f = a.first();
    if (!r.message().header().csIdMap().equals(f.map())) {
      throw new MikeyException(Reason.MALFORMED, "CS ID map", "(expected: as in our I_MESSAGE_2, RFC 6267 §4.2.2.7)");
    }
    if (!r.t().equals(a.t())) {
      throw new MikeyException(Reason.INVALID_TIMESTAMP, "T", "(expected: our I_MESSAGE_2's, RFC 6267 §4.2.2.7)");
    }
    if (!r.idI().equals(config.uri()) || !r.idR().equals(a.responder())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRi/IDRr", r.idI() + ", " + r.idR() + " (expected: " + config.uri() + ", "
          + a.responder() + ")");
    }
    try (SecretBytes auth = a.keys().authKey(f.csb(), f.rand())) {
      VerificationPayloads.verify(r.message(), auth, Bytes.utf8(r.idI()).toByteArray(), Bytes.utf8(r.idR()).toByteArray());
    }
    if (a.deferred()) {
      IbakePayload ib = r.ibake().orElseThrow(() -> new MikeyException(Reason.AUTH_FAILURE, "IBAKE",
          "missing (expected: E_A(IDRi || ECCPTi) — the mailbox's proof it decrypted I_MESSAGE_2)"));
      IbakeContent c = IbakeMessages.decryptIbake(own(r.period()).rsk(), DataType.R_MESSAGE_2, f.csb(), ib);
      if (!c.idI().equals(config.uri()) || c.idR().isPresent() || c.eccptR().isPresent()
          || !c.eccptI().equals(Optional.of(f.x().publicPoint()))) {
        throw new MikeyException(Reason.AUTH_FAILURE, "IBAKE data", "(expected: IDRi = us, ECCPTi = our [x]P, RFC 6267 §4.2.2.7)");
      }
    } else if (r.ibake().isPresent()) {
      throw new MikeyException(Reason.MALFORMED, "IBAKE", "present (expected: none, we sent no ECCPTi in I_MESSAGE_2)");
    }
    exchanges.remove(f.csb());
    f.x().close();
    SecretBytes media = a.deferred() ? a.sk().orElseThrow() : a.keys().tgk().slice(0, a.keys().tgk().length());
    TrafficKeys srtp = IbakeMessages.srtpKeys(media, f.csb(), f.rand());
    a.keys().close();
    trace.record("8", config.uri(), config.uri(), "has the keys",
        "V under auth_key(MPK) ok" + (a.deferred() ? ", IBAKE returned xP: " + a.responder() + " authenticated\n"
            + "SRTP master key + salt from SK (RFC 3830 §4.1.3); the voice message goes as SRTP to " + a.responder()
            : ": " + a.responder() + " holds K_SESSION\nSRTP master key + salt from the TGK (RFC 6267 §5.1, RFC 3830 §4.1.3)"));
    return new IbakeCall(f.idB(), a.responder(), a.deferred(), f.csb(), IbakeMessages.crypto(r.message()).ssrc(), a.msgId(), media, srtp);
  }

  private PeriodKeys own(KeyPeriod period) throws MikeyException {
    return keys.get(period).orElseThrow(() -> new MikeyException(Reason.REFUSED, "key period",
        period + " (expected: a month we hold keys for: " + keys.periods() + ")"));
  }

  private String signedNote() {
    return config.mode() == IbakeMode.DDSEC_SIGNED ? ", SIGN = ECCSI of ID-A over all of it" : " (strict RFC 6267: no MAC, no signature)";
  }

  private void end(long csb) {
    State s = exchanges.remove(csb);
    if (s instanceof AwaitR1 a) {
      a.x().close();
    } else if (s instanceof AwaitR2 a) {
      a.first().x().close();
      a.keys().close();
      a.sk().ifPresent(SecretBytes::close);
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
