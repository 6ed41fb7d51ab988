package org.ddsec.protocol.gba;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;

/**
 * The NAF's side of GBA-based HTTP Digest ({@link GbaDigest}): issues challenges and verifies
 * credentials, obtaining Ks_NAF for the B-TID over Zn for the NAF_Id of the connection's cipher
 * suite. Sans-I/O: the HTTP adapter passes method, URI, header, body and cipher suite.
 *
 * <p>Nonces are random (128 bits), live {@code nonceLifetime}, and each nonce count may be used
 * once, in increasing order (RFC 7616 §3.3/§5.4): a replayed Authorization header is refused.
 * State changes only after a request authenticated. At most {@code maxNonces} nonces are held
 * (the oldest go first). Thread-safe.
 */
public final class GbaDigestVerifier {

  /** Ks_NAF by B-TID for a given NAF_Id (a Zn look-up). */
  @FunctionalInterface
  public interface KeySource {
    NafKey lookup(String bTid, NafId nafId) throws NafKeyLookupException;
  }

  /** A request that authenticated: the B-TID and what the BSF said of it (IMPI, IMPUs, expiry). */
  public record Authenticated(String bTid, NafKey key) {}

  /** Why a request did not authenticate, and how the HTTP adapter answers. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** The answer. */
    public enum Kind {
      /** 400: the header is not well-formed Digest, or names another URI. */
      MALFORMED,
      /** 401 with a fresh challenge: wrong or unknown credentials, replayed nonce count. */
      UNAUTHORIZED,
      /** 401 with a fresh challenge and {@code stale=true}: right credentials, nonce expired or unknown. */
      STALE,
      /** 503: the BSF could not be asked. */
      UNAVAILABLE
    }

    private final Kind kind;

    public Failure(Kind kind, String message) {
      super(message);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }

  private static final class NonceState {
    final Instant expires;
    long lastNc;

    NonceState(Instant expires) {
      this.expires = expires;
    }
  }

  private final String nafFqdn;
  private final String realm;
  private final Duration nonceLifetime;
  private final int maxNonces;
  private final KeySource keys;
  private final Clock clock;
  private final RandomSource random;
  private final Map<String, NonceState> nonces = new LinkedHashMap<>();

  public GbaDigestVerifier(String nafFqdn, Duration nonceLifetime, int maxNonces, KeySource keys, Clock clock, RandomSource random) {
    this.nafFqdn = Objects.requireNonNull(nafFqdn, "nafFqdn");
    this.realm = GbaDigest.realm(nafFqdn);
    this.nonceLifetime = Objects.requireNonNull(nonceLifetime, "nonceLifetime");
    this.maxNonces = maxNonces;
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  public String realm() {
    return realm;
  }

  /** A fresh WWW-Authenticate value (qop auth-int and auth offered). */
  public String challenge(boolean stale) {
    String nonce = Base64.getEncoder().encodeToString(random.bytes(16));
    Instant now = clock.instant();
    synchronized (nonces) {
      purge(now);
      while (nonces.size() >= maxNonces) {
        Iterator<String> it = nonces.keySet().iterator();
        it.next();
        it.remove();
      }
      nonces.put(nonce, new NonceState(now.plus(nonceLifetime)));
    }
    return "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=MD5, qop=\"auth-int,auth\"" + (stale ? ", stale=true" : "");
  }

  /**
   * Verifies one request's credentials.
   *
   * @param uri the request target as sent (path and query)
   * @param cipherSuite the standard name of the TLS cipher suite the request came over
   * @throws Failure what to answer instead
   */
  public Authenticated verify(String method, String uri, String authorization, Bytes body, String cipherSuite) throws Failure {
    if (authorization == null) {
      throw new Failure(Failure.Kind.UNAUTHORIZED, "Authorization: missing");
    }
    DigestParams p;
    String user;
    String nonce;
    String digestUri;
    String response;
    String qop;
    String nc;
    String cnonce;
    try {
      p = DigestParams.parse(authorization);
      user = p.require("username");
      nonce = p.require("nonce");
      digestUri = p.require("uri");
      response = p.require("response");
      qop = p.require("qop");
      nc = p.require("nc");
      cnonce = p.require("cnonce");
      String r = p.require("realm");
      if (!r.equals(realm)) {
        throw new Failure(Failure.Kind.UNAUTHORIZED, "realm: " + DigestParams.printable(r) + " (expected: " + realm + ")");
      }
    } catch (DigestException e) {
      throw new Failure(Failure.Kind.MALFORMED, e.getMessage());
    }
    if (!p.get("algorithm").orElse(GbaDigest.ALGORITHM).equalsIgnoreCase(GbaDigest.ALGORITHM)) {
      throw new Failure(Failure.Kind.MALFORMED, "algorithm: " + DigestParams.printable(p.get("algorithm").get()) + " (expected: MD5)");
    }
    if (!qop.equals(DigestAka.QOP_AUTH) && !qop.equals(DigestAka.QOP_AUTH_INT)) {
      throw new Failure(Failure.Kind.MALFORMED, "qop: " + DigestParams.printable(qop) + " (expected: auth-int or auth)");
    }
    if (!nc.matches("[0-9a-fA-F]{8}")) {
      throw new Failure(Failure.Kind.MALFORMED, "nc: " + DigestParams.printable(nc) + " (expected: 8 hex digits)");
    }
    if (!digestUri.equals(uri)) {
      throw new Failure(Failure.Kind.MALFORMED, "uri: " + DigestParams.printable(digestUri) + " (expected: the request target)");
    }
    if (user.isEmpty() || user.length() > 512) {
      throw new Failure(Failure.Kind.MALFORMED, "username: empty or longer than 512 characters (expected: a B-TID)");
    }
    long count = Long.parseLong(nc, 16);
    NafId nafId;
    try {
      nafId = GbaDigest.nafId(nafFqdn, cipherSuite);
    } catch (IllegalArgumentException e) {
      throw new Failure(Failure.Kind.UNAUTHORIZED, e.getMessage());
    }
    NafKey key;
    try {
      key = keys.lookup(user, nafId);
    } catch (NafKeyLookupException e) {
      if (e.reason() == NafKeyLookupException.Reason.UNAVAILABLE) {
        throw new Failure(Failure.Kind.UNAVAILABLE, "Zn: " + e.getMessage());
      }
      // TS 24.109 §5.2.4: a fresh challenge tells the UE to bootstrap again.
      throw new Failure(Failure.Kind.UNAUTHORIZED, "B-TID " + DigestParams.printable(user) + ": " + e.reason());
    }
    Instant now = clock.instant();
    if (!key.isValidAt(now)) {
      throw new Failure(Failure.Kind.UNAUTHORIZED, "B-TID " + DigestParams.printable(user) + ": key expired at " + key.expiresAt());
    }
    byte[] pw = GbaDigest.password(key.ksNaf());
    String expected;
    try {
      expected = DigestAka.requestDigest(pw, user, realm, method, uri, nonce, nc, cnonce, qop, body);
    } finally {
      SecretBytes.wipe(pw);
    }
    if (!MessageDigest.isEqual(GbaDigest.ascii(expected), GbaDigest.ascii(response.toLowerCase(java.util.Locale.ROOT)))) {
      throw new Failure(Failure.Kind.UNAUTHORIZED, "response: does not verify for B-TID " + DigestParams.printable(user));
    }
    synchronized (nonces) {
      NonceState s = nonces.get(nonce);
      if (s == null || !now.isBefore(s.expires)) {
        nonces.remove(nonce);
        throw new Failure(Failure.Kind.STALE, "nonce: unknown or expired (expected: a live nonce of this NAF)");
      }
      if (count <= s.lastNc) {
        throw new Failure(Failure.Kind.UNAUTHORIZED, "nc: " + nc + " (expected: > " + String.format("%08x", s.lastNc) + ", a replay otherwise)");
      }
      s.lastNc = count;
    }
    return new Authenticated(user, key);
  }

  /** Nonces held now. */
  public int nonceCount() {
    synchronized (nonces) {
      return nonces.size();
    }
  }

  private void purge(Instant now) {
    nonces.values().removeIf(s -> !now.isBefore(s.expires));
  }
}
