package org.ddsec.protocol.gba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.GbaKeys;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.GbaDigestVerifier.Failure;
import org.ddsec.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** GBA-based HTTP Digest (TS 33.222 §5.3, TS 24.109 §5.2/5.3.2): UE and NAF sides together. */
class GbaDigestTest {

  static final String NAF = "vm.ims.example.org";
  static final String SUITE = "TLS_AES_128_GCM_SHA256";
  static final String BTID = "cmFuZA==@bsf.ims.example.org";
  static final byte[] RAND = new byte[16];

  final MutableClock clock = new MutableClock();
  final SecretBytes ks = SecretBytes.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
  int lookups;

  /** The UE's Ks_NAF for the connection's NAF_Id, as the BSF would derive it. */
  SecretBytes ueKey(String suite) {
    return GbaKeys.ksNaf(ks, RAND, "bob@ims.example.org", GbaDigest.nafId(NAF, suite));
  }

  GbaDigestVerifier verifier() {
    return new GbaDigestVerifier(NAF, Duration.ofMinutes(5), 100, (btid, nafId) -> {
      lookups++;
      if (!btid.equals(BTID)) {
        throw new NafKeyLookupException(NafKeyLookupException.Reason.UNKNOWN_BTID, "unknown");
      }
      return new NafKey(btid, "bob@ims.example.org", Set.of("sip:bob@ims.example.org"),
          GbaKeys.ksNaf(ks, RAND, "bob@ims.example.org", nafId), clock.instant().plus(Duration.ofHours(1)));
    }, clock, RandomSource.insecureSeeded(1));
  }

  @Test
  void uaProtocolId_isTs33220AnnexH3FormWithCipherSuite() {
    assertThat(Bytes.of(GbaDigest.uaProtocolId(0x1301))).isEqualTo(Bytes.fromHex("0100011301"));
    assertThat(GbaDigest.nafId(NAF, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).isEqualTo(new NafId(NAF, Bytes.fromHex("010001c02b").toByteArray()));
    assertThrows(IllegalArgumentException.class, () -> GbaDigest.cipherSuiteCode("SSL_RSA_WITH_RC4_128_MD5"));
    assertThat(GbaDigest.realm(NAF)).isEqualTo("3GPP-bootstrapping@vm.ims.example.org");
  }

  @Test
  void verify_rightKey_authenticatedAsBtidWithImpus() throws Exception {
    GbaDigestVerifier v = verifier();
    String auth = GbaDigest.authorization(v.challenge(false), BTID, ueKey(SUITE), "GET", "/mailbox/v1/messages", Bytes.EMPTY, "c1", 1);
    assertThat(auth).contains("username=\"" + BTID + "\"").contains("qop=auth-int").contains("nc=00000001");
    GbaDigestVerifier.Authenticated a = v.verify("GET", "/mailbox/v1/messages", auth, Bytes.EMPTY, SUITE);
    assertThat(a.bTid()).isEqualTo(BTID);
    assertThat(a.key().impus()).containsExactly("sip:bob@ims.example.org");
  }

  @Test
  void verify_nonceCounts_increasingAcceptedReplayRefused() throws Exception {
    GbaDigestVerifier v = verifier();
    String c = v.challenge(false);
    String first = GbaDigest.authorization(c, BTID, ueKey(SUITE), "GET", "/a", Bytes.EMPTY, "c1", 1);
    v.verify("GET", "/a", first, Bytes.EMPTY, SUITE);
    Failure replay = assertThrows(Failure.class, () -> v.verify("GET", "/a", first, Bytes.EMPTY, SUITE));
    assertThat(replay.kind()).isEqualTo(Failure.Kind.UNAUTHORIZED);
    assertThat(replay.getMessage()).contains("nc");
    v.verify("GET", "/b", GbaDigest.authorization(c, BTID, ueKey(SUITE), "GET", "/b", Bytes.EMPTY, "c1", 2), Bytes.EMPTY, SUITE);
  }

  @Test
  void verify_wrongKeyOrOtherCipherSuitesKey_unauthorized() throws Exception {
    GbaDigestVerifier v = verifier();
    SecretBytes wrong = SecretBytes.wrap(new byte[32]);
    assertThat(assertThrows(Failure.class, () -> v.verify("GET", "/a",
        GbaDigest.authorization(v.challenge(false), BTID, wrong, "GET", "/a", Bytes.EMPTY, "c", 1), Bytes.EMPTY, SUITE)).kind())
        .isEqualTo(Failure.Kind.UNAUTHORIZED);
    // Key separation: the Ks_NAF of another cipher suite's NAF_Id does not open this connection.
    assertThat(assertThrows(Failure.class, () -> v.verify("GET", "/a", GbaDigest.authorization(v.challenge(false), BTID,
        ueKey("TLS_AES_256_GCM_SHA384"), "GET", "/a", Bytes.EMPTY, "c", 1), Bytes.EMPTY, SUITE)).kind()).isEqualTo(Failure.Kind.UNAUTHORIZED);
  }

  @Test
  void verify_authIntBodyAltered_unauthorized() throws Exception {
    GbaDigestVerifier v = verifier();
    String auth = GbaDigest.authorization(v.challenge(false), BTID, ueKey(SUITE), "POST", "/a", Bytes.utf8("hello"), "c", 1);
    assertThat(assertThrows(Failure.class, () -> v.verify("POST", "/a", auth, Bytes.utf8("hellO"), SUITE)).kind())
        .isEqualTo(Failure.Kind.UNAUTHORIZED);
  }

  @Test
  void verify_expiredOrForeignNonce_staleWhenCredentialsRight() throws Exception {
    GbaDigestVerifier v = verifier();
    String c = v.challenge(false);
    clock.advance(Duration.ofMinutes(6));
    Failure f = assertThrows(Failure.class, () -> v.verify("GET", "/a",
        GbaDigest.authorization(c, BTID, ueKey(SUITE), "GET", "/a", Bytes.EMPTY, "c", 1), Bytes.EMPTY, SUITE));
    assertThat(f.kind()).isEqualTo(Failure.Kind.STALE);
    String forged = "Digest realm=\"3GPP-bootstrapping@vm.ims.example.org\", nonce=\"bm90LWlzc3VlZA==\", qop=auth";
    assertThat(assertThrows(Failure.class, () -> v.verify("GET", "/a",
        GbaDigest.authorization(forged, BTID, ueKey(SUITE), "GET", "/a", Bytes.EMPTY, "c", 1), Bytes.EMPTY, SUITE)).kind())
        .isEqualTo(Failure.Kind.STALE);
    assertThat(v.challenge(true)).contains("stale=true");
  }

  @Test
  void verify_malformedHeaders_malformedWithoutLookup() {
    GbaDigestVerifier v = verifier();
    String[] bad = {
      "Basic Ym9iOnNlY3JldA==",
      "Digest",
      "Digest username=\"x\"",
      "Digest username=\"x\", realm=\"3GPP-bootstrapping@vm.ims.example.org\", nonce=\"n\", uri=\"/a\", response=\"r\", qop=auth, nc=1, cnonce=\"c\"",
      "Digest username=\"x\", realm=\"3GPP-bootstrapping@vm.ims.example.org\", nonce=\"n\", uri=\"/other\", response=\"r\", qop=auth, nc=00000001, cnonce=\"c\"",
      "Digest username=\"x\", realm=\"3GPP-bootstrapping@vm.ims.example.org\", nonce=\"n\", uri=\"/a\", response=\"r\", qop=auth-conf, nc=00000001, cnonce=\"c\"",
      "Digest username=\"x\", realm=\"3GPP-bootstrapping@vm.ims.example.org\", nonce=\"n\", uri=\"/a\", response=\"r\", qop=auth, nc=00000001, cnonce=\"c\", algorithm=SHA-256",
      "Digest username=\"unterminated",
      "Digest username=\"x\", username=\"y\"",
      "Digest " + "a=b, ".repeat(2000) + "c=d",
    };
    for (String h : bad) {
      Failure f = assertThrows(Failure.class, () -> v.verify("GET", "/a", h, Bytes.EMPTY, SUITE), h);
      assertThat(f.kind()).as(h).isEqualTo(Failure.Kind.MALFORMED);
    }
    assertThat(lookups).isZero();
    Failure realm = assertThrows(Failure.class, () -> v.verify("GET", "/a", "Digest username=\"x\", realm=\"other\", nonce=\"n\", uri=\"/a\", "
        + "response=\"r\", qop=auth, nc=00000001, cnonce=\"c\"", Bytes.EMPTY, SUITE));
    assertThat(realm.kind()).isEqualTo(Failure.Kind.UNAUTHORIZED);
  }

  @Test
  void verify_unknownBtid_unauthorizedSoTheUeBootstrapsAgain() throws Exception {
    GbaDigestVerifier v = verifier();
    Failure f = assertThrows(Failure.class, () -> v.verify("GET", "/a",
        GbaDigest.authorization(v.challenge(false), "other@bsf", ueKey(SUITE), "GET", "/a", Bytes.EMPTY, "c", 1), Bytes.EMPTY, SUITE));
    assertThat(f.kind()).isEqualTo(Failure.Kind.UNAUTHORIZED);
    assertThat(f.getMessage()).contains("UNKNOWN_BTID").doesNotContain(ueKey(SUITE).unsafeHex());
  }

  @Test
  void challenge_manyRequests_boundedNonceTable() {
    GbaDigestVerifier v = verifier();
    for (int i = 0; i < 500; i++) {
      v.challenge(false);
    }
    assertThat(v.nonceCount()).isEqualTo(100);
  }
}
