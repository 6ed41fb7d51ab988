package org.ddsec.protocol.gba;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.GbaKeys;
import org.ddsec.crypto.milenage.Aka;
import org.ddsec.crypto.milenage.MacFailureException;
import org.ddsec.crypto.milenage.SynchronisationFailureException;

/**
 * The UE side of one Ub run (TS 24.109 §4.4, RFC 3310) as a sans-I/O state machine: it makes
 * the Authorization headers and checks what the BSF answers; the caller moves the bytes.
 *
 * <pre>
 * START ──firstAuthorization()──► SENT_IDENTITY ──answer(401)──► ANSWERED ──complete(200)──► DONE
 *                                      ▲                            │ (AUTS sent; at most once)
 *                                      └────────── answer(401) ◄────┘
 * </pre>
 *
 * <p>{@link #answer} runs the USIM on the challenge: a challenge whose AUTN does not verify ends
 * the run ({@link GbaClientException.Reason#NETWORK_NOT_AUTHENTIC}); an SQN out of range yields
 * credentials carrying {@code auts} (response over the empty password) and the run waits for the
 * BSF's fresh challenge. {@link #complete} verifies {@code rspauth} (XRES as password, over the
 * response body, RFC 3310 §3.5) before it trusts the B-TID. Any call out of order throws
 * {@link IllegalStateException}.
 */
public final class UbClient {

  private enum State { START, SENT_IDENTITY, ANSWERED, DONE }

  private final String impi;
  private final String realm;
  private final String uri;
  private final Usim usim;
  private final RandomSource random;

  private State state = State.START;
  private boolean resyncSent;
  private String nonce;
  private String cnonce;
  private String challengeRealm;
  private Bytes rand;
  private Bytes res;
  private SecretBytes ck;
  private SecretBytes ik;

  /**
   * @param impi the private identity (Digest username)
   * @param realm the realm named in the first request (TS 24.109: the home network's domain)
   * @param uri the request target of the GETs (digest-uri), e.g. {@code /}
   */
  public UbClient(String impi, String realm, String uri, Usim usim, RandomSource random) {
    this.impi = Objects.requireNonNull(impi, "impi");
    this.realm = Objects.requireNonNull(realm, "realm");
    this.uri = Objects.requireNonNull(uri, "uri");
    this.usim = Objects.requireNonNull(usim, "usim");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The realm a UE names first: the domain part of the IMPI (after '@'), or the IMPI itself. */
  public static String defaultRealm(String impi) {
    int at = impi.lastIndexOf('@');
    return at >= 0 && at < impi.length() - 1 ? impi.substring(at + 1) : impi;
  }

  /** The first request's header (TS 24.109 §4.4.3): the IMPI with empty nonce and response. */
  public String firstAuthorization() {
    require(State.START);
    Map<String, String> d = new LinkedHashMap<>();
    d.put("username", impi);
    d.put("realm", realm);
    d.put("nonce", "");
    d.put("uri", uri);
    d.put("response", "");
    state = State.SENT_IDENTITY;
    return DigestParams.format(d, Set.of());
  }

  /**
   * The credentials answering a 401's {@code WWW-Authenticate} for a GET of {@code uri} with
   * {@code body} (empty for GET).
   *
   * @throws GbaClientException NETWORK_NOT_AUTHENTIC if AUTN does not verify, MALFORMED if the
   *     challenge cannot be parsed, RESYNC_FAILED if the SQN is out of range a second time
   */
  public String answer(String wwwAuthenticate, String method, Bytes body) throws GbaClientException {
    require(State.SENT_IDENTITY, State.ANSWERED);
    if (state == State.ANSWERED && !resyncSent) {
      throw new IllegalStateException("a second challenge is expected only after AUTS");
    }
    DigestParams p;
    byte[] n;
    String qop;
    try {
      p = DigestParams.parse(wwwAuthenticate);
      String alg = p.require("algorithm");
      if (!alg.equalsIgnoreCase(DigestAka.ALGORITHM)) {
        throw new DigestException("algorithm: " + DigestParams.printable(alg) + " (expected: " + DigestAka.ALGORITHM + ")");
      }
      qop = chooseQop(p.require("qop"));
      challengeRealm = p.require("realm");
      nonce = p.require("nonce");
      try {
        n = Base64.getDecoder().decode(nonce);
      } catch (IllegalArgumentException e) {
        throw new DigestException("nonce: not base64");
      }
      if (n.length < 32) {
        throw new DigestException("nonce: " + n.length + " bytes (expected: ≥ 32, RAND || AUTN || server data)");
      }
    } catch (DigestException e) {
      throw new GbaClientException(GbaClientException.Reason.MALFORMED, "challenge: " + e.getMessage());
    }
    wipeKeys();
    rand = Bytes.of(n, 0, 16);
    Bytes autn = Bytes.of(n, 16, 16);
    cnonce = Bytes.of(random.bytes(16)).hex();
    Map<String, String> d = new LinkedHashMap<>();
    d.put("username", impi);
    d.put("realm", challengeRealm);
    d.put("nonce", nonce);
    d.put("uri", uri);
    d.put("qop", qop);
    d.put("nc", "00000001");
    d.put("cnonce", cnonce);
    d.put("algorithm", DigestAka.ALGORITHM);
    byte[] password;
    try {
      Aka.UsimResult r = usim.authenticate(rand, autn);
      res = r.res();
      ck = r.ck();
      ik = r.ik();
      password = res.toByteArray();
    } catch (MacFailureException e) {
      throw new GbaClientException(GbaClientException.Reason.NETWORK_NOT_AUTHENTIC, "AUTN: MAC-A does not verify (the BSF is not the home network's)");
    } catch (SynchronisationFailureException e) {
      if (resyncSent) {
        throw new GbaClientException(GbaClientException.Reason.RESYNC_FAILED, "SQN out of range again after re-synchronisation");
      }
      resyncSent = true;
      d.put("auts", Base64.getEncoder().encodeToString(e.auts().toByteArray()));
      password = new byte[0];
    }
    d.put("response", DigestAka.requestDigest(password, impi, challengeRealm, method, uri, nonce, "00000001", cnonce, qop, body));
    state = State.ANSWERED;
    return DigestParams.format(d, Set.of("qop", "nc", "algorithm"));
  }

  /** Whether the last answer carried AUTS (so the BSF's next response is a fresh 401). */
  public boolean awaitingResyncChallenge() {
    return state == State.ANSWERED && resyncSent && res == null;
  }

  /**
   * Checks the 200's {@code Authentication-Info} against the body and returns the key material.
   *
   * @throws GbaClientException BSF_NOT_AUTHENTIC if rspauth does not verify, MALFORMED if the
   *     header or the BootstrappingInfo cannot be parsed
   */
  public Bootstrapped complete(String authenticationInfo, Bytes body) throws GbaClientException {
    require(State.ANSWERED);
    if (res == null) {
      throw new IllegalStateException("no RES: the last answer carried AUTS");
    }
    String rspauth;
    String qop;
    try {
      if (authenticationInfo == null) {
        throw new DigestException("Authentication-Info: missing");
      }
      DigestParams p = DigestParams.parse("Digest " + authenticationInfo);
      rspauth = p.require("rspauth");
      qop = p.get("qop").orElse(DigestAka.QOP_AUTH_INT);
      if (!p.get("cnonce").orElse(cnonce).equals(cnonce) || !p.get("nc").orElse("00000001").equals("00000001")) {
        throw new DigestException("Authentication-Info: cnonce or nc differ from the request's");
      }
      chooseQop(qop);
    } catch (DigestException e) {
      throw new GbaClientException(GbaClientException.Reason.MALFORMED, e.getMessage());
    }
    String expected = DigestAka.responseAuth(res.toByteArray(), impi, challengeRealm, uri, nonce, "00000001", cnonce, qop, body);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), rspauth.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
      throw new GbaClientException(GbaClientException.Reason.BSF_NOT_AUTHENTIC, "Authentication-Info: rspauth does not verify");
    }
    BootstrappingInfo info;
    try {
      info = BootstrappingInfo.decode(body);
    } catch (DigestException e) {
      throw new GbaClientException(GbaClientException.Reason.MALFORMED, e.getMessage());
    }
    String expectedBtid = GbaKeys.btid(rand.toByteArray(), "");
    if (!info.bTid().startsWith(expectedBtid)) {
      throw new GbaClientException(GbaClientException.Reason.BSF_NOT_AUTHENTIC, "B-TID: does not start with base64(RAND)@ (TS 33.220 §4.5.2)");
    }
    SecretBytes ks = GbaKeys.ks(ck, ik);
    wipeKeys();
    state = State.DONE;
    return new Bootstrapped(info.bTid(), impi, rand, ks, info.lifetime());
  }

  private static String chooseQop(String offered) throws DigestException {
    for (String q : offered.split(",")) {
      if (q.strip().equals(DigestAka.QOP_AUTH_INT)) {
        return DigestAka.QOP_AUTH_INT;
      }
    }
    throw new DigestException("qop: " + DigestParams.printable(offered) + " (expected: auth-int offered)");
  }

  private void wipeKeys() {
    if (ck != null) {
      ck.close();
      ik.close();
    }
    ck = null;
    ik = null;
    res = null;
  }

  private void require(State... allowed) {
    for (State s : allowed) {
      if (state == s) {
        return;
      }
    }
    throw new IllegalStateException("UbClient: call out of order in state " + state);
  }
}
