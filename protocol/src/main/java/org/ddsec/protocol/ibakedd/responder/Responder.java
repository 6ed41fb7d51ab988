package org.ddsec.protocol.ibakedd.responder;

import java.security.SecureRandom;
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
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.IbakeMessages;
import org.ddsec.protocol.ibakedd.IbakeMessages.IbakeContent;
import org.ddsec.protocol.ibakedd.IbakeMessages.Received;
import org.ddsec.protocol.ibakedd.IbakeMessages.SessionKeys;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.IbakeProfile;
import org.ddsec.protocol.ibakedd.IbakeSession;
import org.ddsec.protocol.ibakedd.ResponderOutcome;
import org.ddsec.protocol.ibakedd.SecureRandoms;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.UserKeys.PeriodKeys;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.store.ReplayCache;
import org.ddsec.protocol.trace.Trace;

/**
 * UE-B online, the responder of MIKEY-IBAKE (RFC 6267 §4.2.2, Figure 3): decrypts A's [x]P from
 * I_MESSAGE_1 with its own key and answers R_MESSAGE_1 = E_A(IDRi || ECCPTi || IDRr || ECCPTr);
 * takes back its [y]P in I_MESSAGE_2 (A authenticated: only A's key opens R_MESSAGE_1) and
 * confirms with R_MESSAGE_2's V under the MPK.
 *
 * <p>States per exchange (CSB ID): awaiting I_MESSAGE_2 → session. A refused input changes
 * nothing and is answered with an Error message — except a replay, a message for no exchange and
 * one clashing with a live exchange, which are dropped; an Error message from A ends the exchange.
 * The live hop's I_MESSAGE_1 passes the clock-skew check and a replay cache.
 */
public final class Responder {

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

  private record AwaitI2(String idA, long csb, CsIdMap map, Bytes rand, Bytes xP, EphemeralKey y, Instant deadline) {}

  private final Config config;
  private final Community community;
  private final UserKeys keys;
  private final ReplayCache replay;
  private final Clock clock;
  private final SecureRandom secure;
  private final Trace trace;
  private final Map<Long, AwaitI2> exchanges = new HashMap<>();

  public Responder(Config config, Community community, UserKeys keys, ReplayCache replay, Clock clock, RandomSource random, Trace trace) {
    this.config = Objects.requireNonNull(config, "config");
    this.community = Objects.requireNonNull(community, "community");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.replay = Objects.requireNonNull(replay, "replay");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.secure = SecureRandoms.of(Objects.requireNonNull(random, "random"));
    this.trace = Objects.requireNonNull(trace, "trace");
  }

  public String uri() {
    return config.uri();
  }

  public synchronized int pendingCount() {
    return exchanges.size();
  }

  /** An I_MESSAGE_1, I_MESSAGE_2 or Error message from an initiator. */
  public synchronized ResponderOutcome<IbakeSession> onMessage(Bytes bytes) {
    Instant now = clock.instant();
    expire(now);
    long csb = MikeyMessages.csbIdOf(bytes.toByteArray());
    try {
      MikeyMessage m = MikeyCodec.decode(bytes);
      switch (m.dataType()) {
        case I_MESSAGE_1:
          return ResponderOutcome.reply(onI1(bytes, now));
        case I_MESSAGE_2:
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
    if (!r.idR().equals(config.uri())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", r.idR() + " (expected: " + config.uri() + ")");
    }
    KeyPeriod period = r.period();
    if (config.mode() == IbakeMode.DDSEC_SIGNED) {
      IbakeMessages.verifySignature(r, community, IbakeMessages.identity(period, r.idI(), "IDRi"));
    }
    PeriodKeys mine = own(period);
    IbakeContent c = IbakeMessages.decryptIbake(mine.rsk(), DataType.I_MESSAGE_1, r.csbId(), r.ibake().orElseThrow());
    if (!c.idI().equals(r.idI()) || !c.idR().equals(Optional.of(config.uri())) || c.eccptI().isEmpty() || c.eccptR().isPresent()) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IBAKE data", "(expected: IDRi = " + r.idI() + ", ECCPTi, IDRr = " + config.uri()
          + " — the plain identities, RFC 6267 §4.2.2.1)");
    }
    if (!replay.firstSeen(IbakeMessages.replayId(r), r.instant().plus(config.maxSkew()), now)) {
      throw new MikeyException(Reason.REPLAY, "T", "this I_MESSAGE_1 was received before (expected: a fresh message)");
    }
    if (exchanges.containsKey(r.csbId())) {
      throw new MikeyException(Reason.REFUSED, "CSB ID", String.format("%08x (expected: a new exchange)", r.csbId()));
    }
    trace.record("2", config.uri(), config.uri(), "decrypts E_B(ID-A, ID-B, xP)", "its own RSK for " + period + "; chooses y");
    EphemeralKey y = EcdhP256.generate(secure);
    Bytes xP = c.eccptI().get();
    TimestampPayload t = r.t();
    MikeyMessage out = IbakeMessages.seal(IbakeMessages.header(DataType.R_MESSAGE_1, r.csbId(), r.message().header().csIdMap()),
        List.of(t, MikeyMessages.uri(IdRole.IDRI, r.idI()), MikeyMessages.uri(IdRole.IDRR, config.uri()),
            IbakeMessages.encryptIbake(community, IbakeMessages.identity(period, r.idI(), "IDRi"), DataType.R_MESSAGE_1, r.csbId(),
                new IbakeContent(r.idI(), Optional.of(xP), Optional.of(config.uri()), Optional.of(y.publicPoint())), secure)),
        config.mode(), mine.ssk(), r.idI(), config.uri(), secure);
    exchanges.put(r.csbId(), new AwaitI2(r.idI(), r.csbId(), r.message().header().csIdMap(), r.rand().orElseThrow(), xP, y,
        now.plus(config.pendingTimeout())));
    trace.record("3", config.uri(), "IMS core", "R_MESSAGE_1 (183 Session Progress)",
        MikeyMessages.summary(out) + "\nIBAKE = E_A(ID-A, xP, ID-B, yP)");
    return out.encoded();
  }

  private ResponderOutcome<IbakeSession> onI2(Bytes bytes, Instant now) throws MikeyException {
    Received r = IbakeMessages.parse(bytes, DataType.I_MESSAGE_2, config.mode());
    AwaitI2 a = exchanges.get(r.csbId());
    if (a == null) {
      throw new MikeyException(Reason.REFUSED, "CSB ID", String.format("%08x (expected: an exchange awaiting I_MESSAGE_2)", r.csbId()));
    }
    KeyPeriod period = r.period();
    if (config.mode() == IbakeMode.DDSEC_SIGNED) {
      IbakeMessages.verifySignature(r, community, IbakeMessages.identity(period, a.idA(), "IDRi"));
    }
    if (!r.message().header().csIdMap().equals(a.map()) || !r.rand().equals(Optional.of(a.rand()))) {
      throw new MikeyException(Reason.MALFORMED, "CS ID map / RAND", "(expected: as in I_MESSAGE_1)");
    }
    if (!r.idI().equals(a.idA()) || !r.idR().equals(config.uri())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRi/IDRr", r.idI() + ", " + r.idR() + " (expected: " + a.idA() + ", " + config.uri() + ")");
    }
    MikeyMessages.checkSkew(r.t(), now, config.maxSkew(), "T");
    if (r.esk().isPresent()) {
      throw new MikeyException(Reason.MALFORMED, "ESK", "present (expected: none in a live session)");
    }
    IbakeContent c = IbakeMessages.decryptIbake(own(period).rsk(), DataType.I_MESSAGE_2, r.csbId(), r.ibake().orElseThrow());
    if (!c.idI().equals(a.idA()) || !c.idR().equals(Optional.of(config.uri())) || c.eccptI().isPresent()
        || !c.eccptR().equals(Optional.of(a.y().publicPoint()))) {
      throw new MikeyException(Reason.AUTH_FAILURE, "IBAKE data", "(expected: IDRi, IDRr, ECCPTr = our [y]P — A did not decrypt R_MESSAGE_1)");
    }
    SessionKeys sk;
    try (SecretBytes kSession = EcdhP256.sessionPoint(a.y(), a.xP())) {
      sk = SessionKeys.derive(kSession, a.rand());
    } catch (EcdhException e) {
      throw new AssertionError("ECCPTi was validated when decrypted", e);
    }
    try (sk; SecretBytes auth = sk.authKey(a.csb(), a.rand())) {
      MikeyMessage out = VerificationPayloads.seal(IbakeMessages.header(DataType.R_MESSAGE_2, a.csb(), a.map()),
          List.of(r.t(), MikeyMessages.uri(IdRole.IDRI, a.idA()), MikeyMessages.uri(IdRole.IDRR, config.uri())), IbakeProfile.MAC, auth,
          Bytes.utf8(a.idA()).toByteArray(), Bytes.utf8(config.uri()).toByteArray());
      exchanges.remove(a.csb());
      a.y().close();
      trace.record("6", config.uri(), config.uri(), "I_MESSAGE_2 returned yP", "A authenticated (it decrypted E_A); K_SESSION = [y]xP -> MPK, TGK");
      trace.record("7", config.uri(), "IMS core", "R_MESSAGE_2 (200 OK to PRACK)", MikeyMessages.summary(out) + "\nV under auth_key(MPK)");
      SecretBytes tgk = sk.tgk().slice(0, sk.tgk().length());
      IbakeSession s = new IbakeSession(a.idA(), a.csb(), IbakeMessages.crypto(r.message()).ssrc(), tgk,
          IbakeMessages.srtpKeys(tgk, a.csb(), a.rand()));
      return ResponderOutcome.done(out.encoded(), s);
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
