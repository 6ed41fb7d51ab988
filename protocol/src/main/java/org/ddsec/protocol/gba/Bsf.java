package org.ddsec.protocol.gba;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.GbaKeys;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.crypto.milenage.MacFailureException;

/**
 * The BSF of 3GPP TS 33.220 §4.5.2 as a sans-I/O component: the Ub exchange of TS 24.109 §4.4
 * with HTTP Digest AKA (RFC 3310, AKAv1-MD5, qop=auth-int), and the key look-up a NAF makes over
 * Zn (§4.5.3). The HTTPS adapter in {@code server} turns requests into {@link UbRequest}s and
 * writes {@link UbResponse}s back; it also authenticates the NAF before calling {@link #znLookup}.
 *
 * <h2>Ub</h2>
 * <ol>
 *   <li>GET with {@code Authorization: Digest username="IMPI", nonce="", …} → 401 with
 *       {@code WWW-Authenticate: Digest realm, nonce = base64(RAND || AUTN), algorithm=AKAv1-MD5,
 *       qop="auth-int"} from a fresh Milenage vector (SQN_HE advanced).
 *   <li>GET with the digest computed from RES → 200 with {@code Authentication-Info} (rspauth
 *       over the body, XRES as password) and the {@link BootstrappingInfo} body; Ks = CK || IK is
 *       stored under B-TID = base64(RAND)@host with expiry now + Ks lifetime.
 *   <li>GET with {@code auts} (response computed with the empty password) → AUTS verified,
 *       SQN_HE re-synchronised, 401 with a fresh challenge.
 * </ol>
 *
 * <p>Refusals never change a subscriber or a session: malformed credentials → 400 before any
 * state is read; unknown IMPI → 403; a nonce that is unknown, already answered (a replay) or
 * expired → 403 (each nonce is answered at most once); a wrong response or a bad AUTS → 403 and
 * one failure counted against the IMPI; an IMPI with too many recent failures → 429 with
 * Retry-After (see {@link FailureLimiter}). Thread-safe.
 */
public final class Bsf {

  /** The BSF's configuration. */
  public record Settings(String bsfHost, String realm, Duration ksLifetime, Duration challengeLifetime,
      int maxPendingChallenges, int maxFailures, Duration failureWindow, Set<String> authorisedNafs) {

    public Settings {
      Objects.requireNonNull(bsfHost, "bsfHost");
      Objects.requireNonNull(realm, "realm");
      if (bsfHost.isBlank() || realm.isBlank()) {
        throw new IllegalArgumentException("BSF host and realm: blank (expected: names)");
      }
      if (ksLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("Ks lifetime: " + ksLifetime + " (expected: ≥ 1 s)");
      }
      if (challengeLifetime.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("challenge lifetime: " + challengeLifetime + " (expected: ≥ 1 s)");
      }
      authorisedNafs = Set.copyOf(authorisedNafs);
    }

    /**
     * Defaults for {@code host}: realm = host, Ks lifetime 1 h, challenges valid 60 s, at most
     * 10,000 outstanding, 5 failures per IMPI within 5 minutes, no NAF authorised.
     */
    public static Settings defaults(String host) {
      return new Settings(host, host, Duration.ofHours(1), Duration.ofSeconds(60), 10_000, 5, Duration.ofMinutes(5), Set.of());
    }

    public Settings withAuthorisedNafs(Set<String> nafs) {
      return new Settings(bsfHost, realm, ksLifetime, challengeLifetime, maxPendingChallenges, maxFailures, failureWindow, nafs);
    }

    public Settings withKsLifetime(Duration d) {
      return new Settings(bsfHost, realm, d, challengeLifetime, maxPendingChallenges, maxFailures, failureWindow, authorisedNafs);
    }

    public Settings withRateLimit(int failures, Duration window) {
      return new Settings(bsfHost, realm, ksLifetime, challengeLifetime, maxPendingChallenges, failures, window, authorisedNafs);
    }

    public Settings withRealm(String r) {
      return new Settings(bsfHost, r, ksLifetime, challengeLifetime, maxPendingChallenges, maxFailures, failureWindow, authorisedNafs);
    }

    public Settings withChallengeLifetime(Duration d) {
      return new Settings(bsfHost, realm, ksLifetime, d, maxPendingChallenges, maxFailures, failureWindow, authorisedNafs);
    }
  }

  /** A Ub request as the adapter received it; {@code authorization} may be null. */
  public record UbRequest(String method, String requestUri, String authorization, Bytes body) {
    public UbRequest {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(requestUri, "requestUri");
      Objects.requireNonNull(body, "body");
    }
  }

  /** What happened, for logs, metrics and tests. */
  public enum Outcome {
    CHALLENGED,
    RESYNCHRONISED,
    BOOTSTRAPPED,
    MALFORMED,
    METHOD_NOT_ALLOWED,
    UNKNOWN_IMPI,
    UNKNOWN_NONCE,
    EXPIRED_NONCE,
    WRONG_RESPONSE,
    BAD_AUTS,
    RATE_LIMITED,
    BUSY
  }

  /**
   * The answer to write: status, headers (names as sent), body and its content type; {@code
   * reason} is a one-line explanation (also the body of refusals) that names no secret.
   */
  public record UbResponse(int status, Outcome outcome, Map<String, String> headers, String contentType, Bytes body, String reason) {
    public UbResponse {
      headers = Map.copyOf(headers);
    }
  }

  private static final String NC_FIRST = "00000001";

  private final Settings settings;
  private final SubscriberStore subscribers;
  private final BootstrappingStore sessions;
  private final Hss hss;
  private final Clock clock;
  private final RandomSource random;
  private final PendingChallenges pending;
  private final FailureLimiter limiter;

  public Bsf(Settings settings, SubscriberStore subscribers, BootstrappingStore sessions, Clock clock, RandomSource random) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.hss = new Hss(subscribers, random);
    this.pending = new PendingChallenges(settings.maxPendingChallenges());
    this.limiter = new FailureLimiter(settings.maxFailures(), settings.failureWindow(), Math.max(1000, settings.maxPendingChallenges()));
  }

  public Settings settings() {
    return settings;
  }

  /** Handles one Ub request (TS 24.109 §4.4). */
  public UbResponse handleUb(UbRequest req) {
    if (!"GET".equals(req.method())) {
      return refusal(405, Outcome.METHOD_NOT_ALLOWED, "method: " + DigestParams.printable(req.method()) + " (expected: GET)", Map.of("Allow", "GET"));
    }
    DigestParams p;
    String username;
    try {
      p = DigestParams.parse(req.authorization());
      username = p.require("username");
      checkIdentity(username);
    } catch (DigestException e) {
      return refusal(400, Outcome.MALFORMED, e.getMessage());
    }
    String nonce = p.get("nonce").orElse("");
    Instant now = clock.instant();
    if (nonce.isEmpty()) {
      Optional<Duration> blocked = limiter.blockedFor(username, now);
      if (blocked.isPresent()) {
        return rateLimited(blocked.get());
      }
      return challenge(username, now, Outcome.CHALLENGED);
    }
    Answer a;
    try {
      a = Answer.parse(p, username, nonce, settings.realm(), req.requestUri());
    } catch (DigestException e) {
      return refusal(400, Outcome.MALFORMED, e.getMessage());
    }
    Optional<Duration> blocked = limiter.blockedFor(username, now);
    if (blocked.isPresent()) {
      return rateLimited(blocked.get());
    }
    Optional<PendingChallenges.Challenge> taken = pending.take(nonce);
    if (taken.isEmpty()) {
      return refusal(403, Outcome.UNKNOWN_NONCE, "nonce: unknown or already answered (expected: the nonce of an outstanding challenge; start again)");
    }
    PendingChallenges.Challenge c = taken.get();
    try {
      if (!now.isBefore(c.expiresAt())) {
        return refusal(403, Outcome.EXPIRED_NONCE, "nonce: expired at " + c.expiresAt() + " (expected: an answer within " + settings.challengeLifetime() + ")");
      }
      if (!c.impi().equals(username)) {
        limiter.recordFailure(c.impi(), now);
        return refusal(403, Outcome.WRONG_RESPONSE, "username: not the IMPI this nonce was issued to");
      }
      byte[] password = a.auts == null ? c.xres().toByteArray() : new byte[0];
      String expected = DigestAka.requestDigest(password, username, settings.realm(), req.method(), a.uri, nonce, a.nc, a.cnonce,
          DigestAka.QOP_AUTH_INT, req.body());
      if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), a.response.getBytes(StandardCharsets.US_ASCII))) {
        limiter.recordFailure(username, now);
        return refusal(403, Outcome.WRONG_RESPONSE, "response: does not verify (expected: the digest of RES"
            + (a.auts == null ? ")" : "; with auts, of the empty password)"));
      }
      if (a.auts != null) {
        try {
          if (hss.resynchronise(username, c.rand(), a.auts).isEmpty()) {
            return refusal(403, Outcome.UNKNOWN_IMPI, "username: unknown IMPI");
          }
        } catch (MacFailureException e) {
          limiter.recordFailure(username, now);
          return refusal(403, Outcome.BAD_AUTS, "auts: MAC-S does not verify");
        }
        return challenge(username, now, Outcome.RESYNCHRONISED);
      }
      return bootstrapped(c, a, now);
    } finally {
      c.wipe();
    }
  }

  /**
   * The Zn look-up (TS 33.220 §4.5.3): Ks_NAF for {@code bTid} and the NAF's {@code nafId},
   * with the IMPI, the IMPUs and the key's expiry. The caller has authenticated the NAF as
   * {@code nafId.fqdn()}; this checks that the NAF is authorised.
   */
  public NafKey znLookup(String bTid, NafId nafId) throws NafKeyLookupException {
    if (!settings.authorisedNafs().contains(nafId.fqdn())) {
      throw new NafKeyLookupException(NafKeyLookupException.Reason.NAF_NOT_AUTHORISED,
          "NAF " + DigestParams.printable(nafId.fqdn()) + ": not authorised at this BSF");
    }
    Optional<BootstrappingSession> found = sessions.find(bTid);
    if (found.isEmpty()) {
      throw unknown(bTid);
    }
    BootstrappingSession s = found.get();
    try {
      Instant now = clock.instant();
      if (!s.isValidAt(now)) {
        throw new NafKeyLookupException(NafKeyLookupException.Reason.EXPIRED,
            "B-TID " + DigestParams.printable(bTid) + ": expired at " + s.expiresAt());
      }
      Optional<Subscriber> sub = subscribers.find(s.impi());
      if (sub.isEmpty()) {
        throw unknown(bTid);
      }
      sub.get().k().close();
      sub.get().opc().close();
      SecretBytes ksNaf = GbaKeys.ksNaf(s.ks(), s.rand().toByteArray(), s.impi(), nafId);
      return new NafKey(bTid, s.impi(), sub.get().impus(), ksNaf, s.expiresAt());
    } finally {
      s.ks().close();
    }
  }

  /** Drops expired challenges and sessions; the adapter calls it now and then. */
  public int housekeeping() {
    Instant now = clock.instant();
    return pending.purge(now) + sessions.purgeExpired(now);
  }

  /** Number of outstanding challenges (metrics, tests). */
  public int pendingChallenges() {
    return pending.size();
  }

  /** Failures counted against {@code impi} now (metrics, tests). */
  public int failures(String impi) {
    return limiter.failures(impi, clock.instant());
  }

  private UbResponse challenge(String impi, Instant now, Outcome outcome) {
    Optional<Hss.Vector> v = hss.vector(impi);
    if (v.isEmpty()) {
      return refusal(403, Outcome.UNKNOWN_IMPI, "username: unknown IMPI");
    }
    var av = v.get().av();
    String nonce = Base64.getEncoder().encodeToString(av.rand().concat(av.autn()).toByteArray());
    PendingChallenges.Challenge c = new PendingChallenges.Challenge(nonce, impi, av.rand(), av.xres(), av.ck(), av.ik(),
        now.plus(settings.challengeLifetime()));
    if (!pending.add(c, now)) {
      c.wipe();
      return refusal(503, Outcome.BUSY, "too many outstanding challenges (expected: fewer than " + settings.maxPendingChallenges() + ")",
          Map.of("Retry-After", "1"));
    }
    Map<String, String> d = new LinkedHashMap<>();
    d.put("realm", settings.realm());
    d.put("nonce", nonce);
    d.put("algorithm", DigestAka.ALGORITHM);
    d.put("qop", DigestAka.QOP_AUTH_INT);
    String www = DigestParams.format(d, Set.of("algorithm"));
    return new UbResponse(401, outcome, Map.of("WWW-Authenticate", www), "text/plain; charset=utf-8",
        Bytes.utf8(outcome == Outcome.RESYNCHRONISED ? "SQN re-synchronised; answer the new challenge\n" : "answer the Digest AKA challenge\n"),
        outcome == Outcome.RESYNCHRONISED ? "SQN re-synchronised from AUTS, new challenge" : "challenge issued");
  }

  private UbResponse bootstrapped(PendingChallenges.Challenge c, Answer a, Instant now) {
    String bTid = GbaKeys.btid(c.rand().toByteArray(), settings.bsfHost());
    Instant expires = now.plus(settings.ksLifetime()).truncatedTo(ChronoUnit.SECONDS);
    try (SecretBytes ks = GbaKeys.ks(c.ck(), c.ik())) {
      sessions.put(new BootstrappingSession(bTid, c.impi(), c.rand(), ks, now, expires));
    }
    limiter.reset(c.impi());
    Bytes body = new BootstrappingInfo(bTid, expires).encode();
    String rspauth = DigestAka.responseAuth(c.xres().toByteArray(), c.impi(), settings.realm(), a.uri, c.nonce(), a.nc, a.cnonce,
        DigestAka.QOP_AUTH_INT, body);
    String info = "qop=" + DigestAka.QOP_AUTH_INT + ", rspauth=\"" + rspauth + "\", cnonce=\"" + quote(a.cnonce) + "\", nc=" + a.nc;
    return new UbResponse(200, Outcome.BOOTSTRAPPED, Map.of("Authentication-Info", info), BootstrappingInfo.MEDIA_TYPE, body,
        "bootstrapped " + bTid + " until " + expires);
  }

  private UbResponse rateLimited(Duration d) {
    long s = Math.max(1, (d.toMillis() + 999) / 1000);
    return refusal(429, Outcome.RATE_LIMITED, "too many failed authentications for this IMPI (expected: retry after " + s + " s)",
        Map.of("Retry-After", Long.toString(s)));
  }

  private static UbResponse refusal(int status, Outcome o, String reason) {
    return refusal(status, o, reason, Map.of());
  }

  private static UbResponse refusal(int status, Outcome o, String reason, Map<String, String> headers) {
    return new UbResponse(status, o, headers, "text/plain; charset=utf-8", Bytes.utf8(reason + "\n"), reason);
  }

  private static NafKeyLookupException unknown(String bTid) {
    return new NafKeyLookupException(NafKeyLookupException.Reason.UNKNOWN_BTID,
        "B-TID " + DigestParams.printable(bTid) + ": unknown (expected: a bootstrapped session)");
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  static void checkIdentity(String impi) throws DigestException {
    if (impi.isEmpty() || impi.length() > 255) {
      throw new DigestException("username: " + impi.length() + " characters (expected: an IMPI of 1..255)");
    }
    for (int i = 0; i < impi.length(); i++) {
      char c = impi.charAt(i);
      if (c <= 0x20 || c >= 0x7F || c == '"' || c == '\\') {
        throw new DigestException("username: character at position " + i + " (expected: printable ASCII without space, quote or backslash)");
      }
    }
  }

  /** The checked directives of a credentials header that answers a challenge. */
  private record Answer(String uri, String nc, String cnonce, String response, Bytes auts) {

    static Answer parse(DigestParams p, String username, String nonce, String realm, String requestUri) throws DigestException {
      String r = p.require("realm");
      if (!r.equals(realm)) {
        throw new DigestException("realm: " + DigestParams.printable(r) + " (expected: " + realm + ")");
      }
      String uri = p.require("uri");
      if (!uri.equals(requestUri)) {
        throw new DigestException("uri: " + DigestParams.printable(uri) + " (expected: the request target " + DigestParams.printable(requestUri) + ")");
      }
      String alg = p.get("algorithm").orElse("MD5");
      if (!alg.equalsIgnoreCase(DigestAka.ALGORITHM)) {
        throw new DigestException("algorithm: " + DigestParams.printable(alg) + " (expected: " + DigestAka.ALGORITHM + ")");
      }
      String qop = p.require("qop");
      if (!qop.equals(DigestAka.QOP_AUTH_INT)) {
        throw new DigestException("qop: " + DigestParams.printable(qop) + " (expected: auth-int)");
      }
      String nc = p.require("nc");
      if (!nc.equals(NC_FIRST)) {
        throw new DigestException("nc: " + DigestParams.printable(nc) + " (expected: 00000001, each nonce is used once)");
      }
      String cnonce = p.require("cnonce");
      if (cnonce.isEmpty() || cnonce.length() > 128) {
        throw new DigestException("cnonce: " + cnonce.length() + " characters (expected: 1..128)");
      }
      String response = p.require("response").toLowerCase(Locale.ROOT);
      if (response.length() != 32 || !response.chars().allMatch(ch -> ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f')) {
        throw new DigestException("response: " + response.length() + " characters (expected: 32 hex digits)");
      }
      byte[] n = decodeBase64("nonce", nonce);
      if (n.length != 32) {
        throw new DigestException("nonce: " + n.length + " bytes (expected: 32, RAND || AUTN)");
      }
      Bytes auts = null;
      Optional<String> a = p.get("auts");
      if (a.isPresent()) {
        byte[] ab = decodeBase64("auts", a.get());
        if (ab.length != 14) {
          throw new DigestException("auts: " + ab.length + " bytes (expected: 14)");
        }
        auts = Bytes.of(ab);
      }
      return new Answer(uri, nc, cnonce, response, auts);
    }

    private static byte[] decodeBase64(String name, String v) throws DigestException {
      try {
        return Base64.getDecoder().decode(v);
      } catch (IllegalArgumentException e) {
        throw new DigestException(name + ": not base64 (expected: RFC 4648 base64)");
      }
    }
  }
}
