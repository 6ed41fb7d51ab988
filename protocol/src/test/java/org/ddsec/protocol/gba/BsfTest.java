package org.ddsec.protocol.gba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.GbaKeys;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BSF's Ub and Zn logic without any transport: the UE side is {@link UbClient} on a {@link Usim}. */
class BsfTest {

  private static final String KMS = "kms.ims.example.org";

  private MutableClock clock;
  private InMemoryBootstrappingStore sessions;
  private InMemorySubscriberStore subscribers;
  private Bsf bsf;

  @BeforeEach
  void setUp() {
    clock = new MutableClock();
    sessions = new InMemoryBootstrappingStore();
    subscribers = new InMemorySubscriberStore(sessions);
    subscribers.add(GbaFixtures.alice());
    bsf = new Bsf(Bsf.Settings.defaults("bsf.ims.example.org").withRealm("ims.example.org").withAuthorisedNafs(Set.of(KMS)),
        subscribers, sessions, clock, GbaFixtures.seeded(1));
  }

  private Bsf.UbResponse get(String authorization) {
    return bsf.handleUb(new Bsf.UbRequest("GET", "/", authorization, Bytes.EMPTY));
  }

  private UbClient client(Usim usim) {
    return new UbClient(GbaFixtures.IMPI, "ims.example.org", "/", usim, GbaFixtures.seeded(2));
  }

  private Bootstrapped bootstrap(UbClient ue) throws GbaClientException {
    Bsf.UbResponse r = get(ue.firstAuthorization());
    while (r.status() == 401) {
      r = get(ue.answer(r.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY));
    }
    assertThat(r.status()).as(r.reason()).isEqualTo(200);
    return ue.complete(r.headers().get("Authentication-Info"), r.body());
  }

  @Test
  void ub_milenageRun_ueAndZnAgreeOnKsNaf() throws Exception {
    try (Usim usim = GbaFixtures.usim(); Bootstrapped b = bootstrap(client(usim))) {
      assertThat(b.bTid()).endsWith("@bsf.ims.example.org");
      assertThat(b.lifetime()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
      NafKey z = bsf.znLookup(b.bTid(), NafId.kms(KMS));
      try (SecretBytes ue = b.ksNaf(NafId.kms(KMS))) {
        assertThat(z.ksNaf().constantTimeEquals(ue)).isTrue();
      }
      assertThat(z.impi()).isEqualTo(GbaFixtures.IMPI);
      assertThat(z.impus()).containsExactly(GbaFixtures.IMPU);
      assertThat(z.expiresAt()).isEqualTo(b.lifetime());
      assertThat(subscribers.find(GbaFixtures.IMPI).orElseThrow().sqn()).isEqualTo(Sqn.of(1, 1));
    }
  }

  @Test
  void ub_challenge_nonceIsRandAutnAndAkaMd5AuthInt() throws Exception {
    Bsf.UbResponse r = get(client(GbaFixtures.usim()).firstAuthorization());
    assertThat(r.status()).isEqualTo(401);
    DigestParams p = DigestParams.parse(r.headers().get("WWW-Authenticate"));
    assertThat(java.util.Base64.getDecoder().decode(p.require("nonce"))).hasSize(32);
    assertThat(p.require("algorithm")).isEqualTo("AKAv1-MD5");
    assertThat(p.require("qop")).isEqualTo("auth-int");
    assertThat(p.require("realm")).isEqualTo("ims.example.org");
  }

  @Test
  void ub_usimAheadOfHss_autsResyncsThenSucceeds() throws Exception {
    Sqn usimState = Sqn.of(5000, 4);
    try (Usim usim = new Usim(SecretBytes.fromHex(GbaFixtures.K), SecretBytes.fromHex(GbaFixtures.OPC), UsimSqnArray.startingAt(usimState))) {
      UbClient ue = client(usim);
      Bsf.UbResponse first = get(ue.firstAuthorization());
      String withAuts = ue.answer(first.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY);
      assertThat(DigestParams.parse(withAuts).get("auts")).isPresent();
      Bsf.UbResponse resync = get(withAuts);
      assertThat(resync.outcome()).isEqualTo(Bsf.Outcome.RESYNCHRONISED);
      assertThat(resync.status()).isEqualTo(401);
      // SQN_HE := SQN_MS, then the fresh challenge took SEQ_MS + 1
      assertThat(subscribers.find(GbaFixtures.IMPI).orElseThrow().sqn().seq()).isEqualTo(5001);
      Bsf.UbResponse ok = get(ue.answer(resync.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY));
      assertThat(ok.status()).isEqualTo(200);
      try (Bootstrapped b = ue.complete(ok.headers().get("Authentication-Info"), ok.body())) {
        assertThat(sessions.find(b.bTid())).isPresent();
      }
    }
  }

  @Test
  void ub_replayedResponse_refusedWithoutStateChange() throws Exception {
    UbClient ue = client(GbaFixtures.usim());
    Bsf.UbResponse challenge = get(ue.firstAuthorization());
    String answer = ue.answer(challenge.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY);
    assertThat(get(answer).status()).isEqualTo(200);
    Sqn sqn = subscribers.find(GbaFixtures.IMPI).orElseThrow().sqn();
    Bsf.UbResponse replay = get(answer);
    assertThat(replay.status()).isEqualTo(403);
    assertThat(replay.outcome()).isEqualTo(Bsf.Outcome.UNKNOWN_NONCE);
    assertThat(sessions.count()).isEqualTo(1);
    assertThat(subscribers.find(GbaFixtures.IMPI).orElseThrow().sqn()).isEqualTo(sqn);
    assertThat(bsf.pendingChallenges()).isZero();
  }

  @Test
  void ub_wrongRes_refusedAndCounted() throws Exception {
    UbClient ue = client(GbaFixtures.usim());
    Bsf.UbResponse challenge = get(ue.firstAuthorization());
    String answer = ue.answer(challenge.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY);
    String wrong = answer.replaceAll("response=\"[0-9a-f]{32}\"", "response=\"" + "0".repeat(32) + "\"");
    Bsf.UbResponse r = get(wrong);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.outcome()).isEqualTo(Bsf.Outcome.WRONG_RESPONSE);
    assertThat(sessions.count()).isZero();
    assertThat(bsf.failures(GbaFixtures.IMPI)).isEqualTo(1);
    // the challenge was used up: the right answer now comes too late
    assertThat(get(answer).outcome()).isEqualTo(Bsf.Outcome.UNKNOWN_NONCE);
  }

  @Test
  void ub_responseOverDifferentBody_refused() throws Exception {
    UbClient ue = client(GbaFixtures.usim());
    Bsf.UbResponse challenge = get(ue.firstAuthorization());
    String answer = ue.answer(challenge.headers().get("WWW-Authenticate"), "GET", Bytes.utf8("tampered"));
    assertThat(get(answer).outcome()).isEqualTo(Bsf.Outcome.WRONG_RESPONSE);
  }

  @Test
  void ub_unknownImpi_refusedWithoutChallenge() {
    Bsf.UbResponse r = get("Digest username=\"mallory@ims.example.org\", realm=\"ims.example.org\", nonce=\"\", uri=\"/\", response=\"\"");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.outcome()).isEqualTo(Bsf.Outcome.UNKNOWN_IMPI);
    assertThat(bsf.pendingChallenges()).isZero();
  }

  @Test
  void ub_missingAuthorization_badRequest() {
    Bsf.UbResponse r = get(null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.outcome()).isEqualTo(Bsf.Outcome.MALFORMED);
  }

  @Test
  void ub_post_methodNotAllowed() {
    Bsf.UbResponse r = bsf.handleUb(new Bsf.UbRequest("POST", "/", "Digest username=\"a\"", Bytes.EMPTY));
    assertThat(r.status()).isEqualTo(405);
  }

  @Test
  void ub_malformedAnswer_refusedBeforeChallengeIsUsed() throws Exception {
    UbClient ue = client(GbaFixtures.usim());
    Bsf.UbResponse challenge = get(ue.firstAuthorization());
    String answer = ue.answer(challenge.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY);
    for (String bad : new String[] {answer.replace("qop=auth-int", "qop=auth"), answer.replace("nc=00000001", "nc=00000002"),
        answer.replace("uri=\"/\"", "uri=\"/x\""), answer.replace("realm=\"ims.example.org\"", "realm=\"evil\""),
        answer.replace("algorithm=AKAv1-MD5", "algorithm=MD5")}) {
      Bsf.UbResponse r = get(bad);
      assertThat(r.status()).as(bad).isEqualTo(400);
    }
    assertThat(bsf.failures(GbaFixtures.IMPI)).isZero();
    assertThat(get(answer).status()).as("the genuine answer still works").isEqualTo(200);
  }

  @Test
  void ub_expiredChallenge_refused() throws Exception {
    UbClient ue = client(GbaFixtures.usim());
    Bsf.UbResponse challenge = get(ue.firstAuthorization());
    String answer = ue.answer(challenge.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY);
    clock.advance(Duration.ofSeconds(61));
    assertThat(get(answer).outcome()).isEqualTo(Bsf.Outcome.EXPIRED_NONCE);
    assertThat(sessions.count()).isZero();
  }

  @Test
  void ub_repeatedFailures_rateLimitedUntilWindowPasses() throws Exception {
    for (int i = 0; i < 5; i++) {
      UbClient ue = client(GbaFixtures.usim());
      Bsf.UbResponse c = get(ue.firstAuthorization());
      String answer = ue.answer(c.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY);
      assertThat(get(answer.replaceAll("response=\"[0-9a-f]{32}\"", "response=\"" + "1".repeat(32) + "\"")).status()).isEqualTo(403);
      clock.advance(Duration.ofSeconds(10));
    }
    Sqn before = subscribers.find(GbaFixtures.IMPI).orElseThrow().sqn();
    Bsf.UbResponse limited = get(client(GbaFixtures.usim()).firstAuthorization());
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers()).containsKey("Retry-After");
    assertThat(Long.parseLong(limited.headers().get("Retry-After"))).isBetween(1L, 300L);
    assertThat(subscribers.find(GbaFixtures.IMPI).orElseThrow().sqn()).as("no vector while limited").isEqualTo(before);
    clock.advance(Duration.ofMinutes(5));
    try (Bootstrapped b = bootstrap(client(usimAt(before)))) {
      assertThat(b.bTid()).isNotEmpty();
    }
  }

  @Test
  void ub_rateLimitIsPerImpi_otherSubscriberUnaffected() throws Exception {
    subscribers.add(GbaFixtures.subscriber("bob@ims.example.org", "sip:bob@ims.example.org"));
    for (int i = 0; i < 5; i++) {
      UbClient ue = client(GbaFixtures.usim());
      Bsf.UbResponse c = get(ue.firstAuthorization());
      get(ue.answer(c.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY).replaceAll("response=\"[0-9a-f]{32}\"", "response=\"" + "2".repeat(32) + "\""));
    }
    assertThat(get(client(GbaFixtures.usim()).firstAuthorization()).status()).isEqualTo(429);
    UbClient bob = new UbClient("bob@ims.example.org", "ims.example.org", "/", GbaFixtures.usim(), GbaFixtures.seeded(3));
    assertThat(get(bob.firstAuthorization()).status()).isEqualTo(401);
  }

  @Test
  void ub_autsWithBadMac_refused() throws Exception {
    try (Usim usim = new Usim(SecretBytes.fromHex(GbaFixtures.K), SecretBytes.fromHex(GbaFixtures.OPC), UsimSqnArray.startingAt(Sqn.of(99, 0)))) {
      UbClient ue = client(usim);
      Bsf.UbResponse c = get(ue.firstAuthorization());
      String withAuts = ue.answer(c.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY);
      // Flip one bit of MAC-S inside the base64 AUTS and recompute nothing: response still covers
      // the empty password, so only the AUTS check can refuse it.
      String auts = DigestParams.parse(withAuts).require("auts");
      byte[] a = java.util.Base64.getDecoder().decode(auts);
      a[13] ^= 1;
      Sqn before = subscribers.find(GbaFixtures.IMPI).orElseThrow().sqn();
      Bsf.UbResponse r = get(withAuts.replace(auts, java.util.Base64.getEncoder().encodeToString(a)));
      assertThat(r.outcome()).isEqualTo(Bsf.Outcome.BAD_AUTS);
      assertThat(subscribers.find(GbaFixtures.IMPI).orElseThrow().sqn()).isEqualTo(before);
    }
  }

  @Test
  void zn_expiredBtid_refusedAsExpired() throws Exception {
    try (Bootstrapped b = bootstrap(client(GbaFixtures.usim()))) {
      clock.advance(Duration.ofHours(1));
      NafKeyLookupException e = assertThrows(NafKeyLookupException.class, () -> bsf.znLookup(b.bTid(), NafId.kms(KMS)));
      assertThat(e.reason()).isEqualTo(NafKeyLookupException.Reason.EXPIRED);
    }
  }

  @Test
  void zn_unknownBtid_refused() {
    NafKeyLookupException e = assertThrows(NafKeyLookupException.class,
        () -> bsf.znLookup(GbaKeys.btid(new byte[16], "bsf.ims.example.org"), NafId.kms(KMS)));
    assertThat(e.reason()).isEqualTo(NafKeyLookupException.Reason.UNKNOWN_BTID);
  }

  @Test
  void zn_nafNotAuthorised_refused() throws Exception {
    try (Bootstrapped b = bootstrap(client(GbaFixtures.usim()))) {
      NafKeyLookupException e = assertThrows(NafKeyLookupException.class, () -> bsf.znLookup(b.bTid(), NafId.kms("evil.example.org")));
      assertThat(e.reason()).isEqualTo(NafKeyLookupException.Reason.NAF_NOT_AUTHORISED);
    }
  }

  @Test
  void zn_subscriberRemoved_btidUnknown() throws Exception {
    try (Bootstrapped b = bootstrap(client(GbaFixtures.usim()))) {
      subscribers.remove(GbaFixtures.IMPI);
      NafKeyLookupException e = assertThrows(NafKeyLookupException.class, () -> bsf.znLookup(b.bTid(), NafId.kms(KMS)));
      assertThat(e.reason()).isEqualTo(NafKeyLookupException.Reason.UNKNOWN_BTID);
    }
  }

  @Test
  void housekeeping_expiredSessionsAndChallenges_purged() throws Exception {
    try (Bootstrapped b = bootstrap(client(GbaFixtures.usim()))) {
      get(client(GbaFixtures.usim()).firstAuthorization());
      assertThat(bsf.pendingChallenges()).isEqualTo(1);
      clock.advance(Duration.ofHours(2));
      assertThat(bsf.housekeeping()).isEqualTo(2);
      assertThat(sessions.count()).isZero();
    }
  }

  @Test
  void ueClient_forgedAutn_networkNotAuthentic() throws Exception {
    UbClient ue = client(GbaFixtures.usim());
    Bsf.UbResponse c = get(ue.firstAuthorization());
    DigestParams p = DigestParams.parse(c.headers().get("WWW-Authenticate"));
    byte[] n = java.util.Base64.getDecoder().decode(p.require("nonce"));
    n[31] ^= 1; // last byte of MAC-A
    String forged = DigestParams.format(Map.of("realm", "ims.example.org", "nonce", java.util.Base64.getEncoder().encodeToString(n),
        "algorithm", "AKAv1-MD5", "qop", "auth-int"), Set.of("algorithm"));
    GbaClientException e = assertThrows(GbaClientException.class, () -> ue.answer(forged, "GET", Bytes.EMPTY));
    assertThat(e.reason()).isEqualTo(GbaClientException.Reason.NETWORK_NOT_AUTHENTIC);
  }

  @Test
  void ueClient_tamperedBody_bsfNotAuthentic() throws Exception {
    UbClient ue = client(GbaFixtures.usim());
    Bsf.UbResponse c = get(ue.firstAuthorization());
    Bsf.UbResponse ok = get(ue.answer(c.headers().get("WWW-Authenticate"), "GET", Bytes.EMPTY));
    Bytes tampered = Bytes.utf8(ok.body().utf8().replace("<btid>", "<btid>x"));
    GbaClientException e = assertThrows(GbaClientException.class, () -> ue.complete(ok.headers().get("Authentication-Info"), tampered));
    assertThat(e.reason()).isEqualTo(GbaClientException.Reason.BSF_NOT_AUTHENTIC);
  }

  private static Usim usimAt(Sqn highest) {
    return new Usim(SecretBytes.fromHex(GbaFixtures.K), SecretBytes.fromHex(GbaFixtures.OPC), UsimSqnArray.startingAt(highest));
  }
}
