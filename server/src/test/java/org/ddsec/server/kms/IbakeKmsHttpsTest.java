package org.ddsec.server.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.CommunityDocument;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.provisioning.KeyRequester;
import org.ddsec.protocol.kmsdd.caller.Caller;
import org.ddsec.protocol.kmsdd.mailbox.InMemoryMailboxStore;
import org.ddsec.protocol.kmsdd.mailbox.InsecureAuditTap;
import org.ddsec.protocol.kmsdd.mailbox.Mailbox;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.store.InMemoryReplayCache;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.system.LoopbackServices;
import org.ddsec.server.system.TestUe;
import org.ddsec.server.tls.TlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IBAKE KMS (RFC 6267 §4.2.1) inside the KMS service, over real HTTPS on loopback: the
 * community parameters at their GET resource, REQUEST_KEY_PSK from a UE authenticated by its GBA
 * key Ks_NAF (obtained by the KMS from a real BSF over Zn) and from the mailbox with its Km, the
 * keys validated by the requester; every refusal with its ERR code and status; the KMS-DD path on
 * the same listener unaffected; a KMS without IBAKE keys publishing nothing.
 */
class IbakeKmsHttpsTest {

  static final String DOMAIN = "ims.example.org";
  @TempDir static Path dir;
  static LoopbackServices s;
  static TestUe alice;
  static TestUe bob;
  static HttpClient ue;
  static HttpClient mailboxTls;

  @BeforeAll
  static void start() throws Exception {
    s = LoopbackServices.start(LoopbackServices.Options.of(dir, DOMAIN, List.of("sip:alice@" + DOMAIN, "sip:bob@" + DOMAIN)));
    alice = TestUe.bootstrap(s, "alice", DOMAIN);
    bob = TestUe.bootstrap(s, "bob", DOMAIN);
    ue = KmsHttpsTest.client(s.ueTls());
    mailboxTls = KmsHttpsTest.client(TlsContexts.client(s.ca().issueClient(s.mailboxFqdn(), Duration.ofDays(1)), s.ca().certificate()));
  }

  @AfterAll
  static void stop() throws Exception {
    s.close();
  }

  static HttpResponse<byte[]> get(HttpClient c, String path) throws Exception {
    return c.send(HttpRequest.newBuilder(s.kms().uri().resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> mikey(HttpClient c, Bytes body) throws Exception {
    return KmsHttpsTest.post(c, s.kms().uri(), KmsServer.PATH, KmsServer.MIKEY, body.toByteArray());
  }

  static Community community() throws Exception {
    return CommunityDocument.decode(Bytes.of(get(ue, KmsServer.COMMUNITY).body()));
  }

  static KeyRequester requester(String uri, String pskId, org.ddsec.core.SecretBytes psk, UserKeys keys) throws Exception {
    return new KeyRequester(new KeyRequester.Config(uri, pskId, s.kmsId()), psk, community(), keys, Clock.systemUTC(), RandomSource.secure(),
        Trace.NONE);
  }

  static KeyPeriod now() {
    return KeyPeriod.containing(Instant.now());
  }

  @Test
  void community_published_decodesToTheKmsKeys() throws Exception {
    HttpResponse<byte[]> r = get(ue, KmsServer.COMMUNITY);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(CommunityDocument.MEDIA_TYPE);
    Community c = CommunityDocument.decode(Bytes.of(r.body()));
    assertThat(c).isEqualTo(s.kms().ibake().orElseThrow().community());
    assertThat(c.kmsId()).isEqualTo(s.kmsId());
    assertThat(new String(r.body(), StandardCharsets.US_ASCII)).startsWith("ddsec-ibake-community 1\nkms-id " + s.kmsId() + "\n");
    HttpResponse<byte[]> post = KmsHttpsTest.post(ue, s.kms().uri(), KmsServer.COMMUNITY, "text/plain", new byte[3]);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET");
  }

  @Test
  void requestKey_ueWithKsNafFromBsf_getsValidatedRskAndSsk() throws Exception {
    UserKeys keys = new UserKeys(alice.impu);
    KeyRequester k = requester(alice.impu, alice.bTid(), alice.kmsKey(s), keys);
    HttpResponse<byte[]> r = mikey(ue, k.request(List.of(now(), now().previous())));
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.ISO_8859_1)).isEqualTo(200);
    assertThat(MikeyCodec.decode(r.body()).dataType()).isEqualTo(DataType.REQUEST_KEY_RESP);
    // RSK validation (RFC 6508 §6.1.2) and SSK/PVT validation (RFC 6507 §5.1.2) against the published community
    assertThat(k.onResponse(Bytes.of(r.body()))).containsExactly(now(), now().previous());
    assertThat(keys.periods()).containsExactly(now().previous(), now());
  }

  @Test
  void requestKey_mailboxWithKm_getsItsOwnKeys() throws Exception {
    KmsConfig.Mailbox m = s.kmsConfig().mailboxes().get(0);
    UserKeys keys = new UserKeys(m.mailboxId());
    KeyRequester k = requester(m.mailboxId(), m.keyId(), m.km(), keys);
    HttpResponse<byte[]> r = mikey(mailboxTls, k.request(List.of(now())));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(k.onResponse(Bytes.of(r.body()))).containsExactly(now());
  }

  @Test
  void requestKey_forAnotherUsersIdentity_refused403InvalidId() throws Exception {
    // Alice's Ks_NAF, asking for Bob's keys: the IMPUs come from the BSF, not from the request
    KeyRequester k = requester(bob.impu, alice.bTid(), alice.kmsKey(s), new UserKeys(bob.impu));
    HttpResponse<byte[]> r = mikey(ue, k.request(List.of(now())));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(MikeyMessages.errorCodeOf(Bytes.of(r.body()))).isEqualTo(ErrorCode.INVALID_ID);
    MikeyException e = assertThrows(MikeyException.class, () -> k.onResponse(Bytes.of(r.body())));
    assertThat(e.reason()).isEqualTo(MikeyException.Reason.PEER_ERROR);
  }

  @Test
  void requestKey_wrongKeyOrUnknownBtid_refused403AuthFailure() throws Exception {
    KeyRequester wrongKey = requester(alice.impu, alice.bTid(), bob.kmsKey(s), new UserKeys(alice.impu));
    HttpResponse<byte[]> r = mikey(ue, wrongKey.request(List.of(now())));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(MikeyMessages.errorCodeOf(Bytes.of(r.body()))).isEqualTo(ErrorCode.AUTH_FAILURE);
    KeyRequester unknown = requester(alice.impu, "bm9uZQ==@bsf." + DOMAIN, alice.kmsKey(s), new UserKeys(alice.impu));
    HttpResponse<byte[]> u = mikey(ue, unknown.request(List.of(now())));
    assertThat(u.statusCode()).isEqualTo(403);
    assertThat(MikeyMessages.errorCodeOf(Bytes.of(u.body()))).isEqualTo(ErrorCode.AUTH_FAILURE);
  }

  @Test
  void requestKey_outsideTheKeyWindow_refused403() throws Exception {
    KeyPeriod tooOld = now().previous().previous().previous();
    KeyPeriod tooNew = now().next().next();
    for (KeyPeriod p : List.of(tooOld, tooNew)) {
      KeyRequester k = requester(alice.impu, alice.bTid(), alice.kmsKey(s), new UserKeys(alice.impu));
      HttpResponse<byte[]> r = mikey(ue, k.request(List.of(p)));
      assertThat(r.statusCode()).as("%s", p).isEqualTo(403);
      assertThat(MikeyMessages.errorCodeOf(Bytes.of(r.body()))).isEqualTo(ErrorCode.INVALID_ID);
    }
  }

  @Test
  void requestKey_replayed_refused400InvalidTs() throws Exception {
    KeyRequester k = requester(alice.impu, alice.bTid(), alice.kmsKey(s), new UserKeys(alice.impu));
    Bytes req = k.request(List.of(now()));
    assertThat(mikey(ue, req).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> again = mikey(ue, req);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(MikeyMessages.errorCodeOf(Bytes.of(again.body()))).isEqualTo(ErrorCode.INVALID_TS);
  }

  @Test
  void requestKey_badInput_refusedAndServiceStillServesBothSolutions() throws Exception {
    KeyRequester k = requester(alice.impu, alice.bTid(), alice.kmsKey(s), new UserKeys(alice.impu));
    Bytes req = k.request(List.of(now()));
    for (int cut : new int[] {2, 20, req.length() - 1}) {
      HttpResponse<byte[]> r = mikey(ue, req.slice(0, cut));
      assertThat(r.statusCode()).as("cut %d", cut).isEqualTo(400);
      assertThat(MikeyCodec.decode(r.body()).dataType()).isEqualTo(DataType.ERROR);
    }
    byte[] flipped = req.toByteArray();
    flipped[flipped.length - 3] ^= 1; // inside the V payload's MAC
    HttpResponse<byte[]> bad = mikey(ue, Bytes.of(flipped));
    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(MikeyMessages.errorCodeOf(Bytes.of(bad.body()))).isEqualTo(ErrorCode.AUTH_FAILURE);
    // still serving: the genuine request, and a KMS-DD deposit on the same listener
    HttpResponse<byte[]> ok = mikey(ue, req);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(k.onResponse(Bytes.of(ok.body()))).containsExactly(now());
    KmsConfig.Mailbox m = s.kmsConfig().mailboxes().get(0);
    Mailbox role = new Mailbox(Mailbox.Config.of(m.mailboxId(), m.keyId(), s.kmsId()), m.km(), m.users()::contains, new InMemoryMailboxStore(),
        new InMemoryReplayCache(), Clock.systemUTC(), RandomSource.secure(), Trace.NONE, InsecureAuditTap.NONE);
    Caller a = new Caller(Caller.Config.of(alice.impu, alice.bTid(), s.kmsId(), false), alice.kmsKey(s), Clock.systemUTC(), RandomSource.secure(),
        Trace.NONE);
    Mailbox.Outcome o = role.onTransferInit(a.call(bob.impu, 0x4321));
    assertThat(mikey(mailboxTls, o.message()).statusCode()).isEqualTo(200);
    String metrics = new String(get(ue, "/metrics").body(), StandardCharsets.UTF_8);
    assertThat(metrics).contains("kind=\"key-request\"");
  }

  @Test
  void kmsWithoutIbakeKeys_publishesNoCommunityAndRefusesKeyRequests() throws Exception {
    try (KmsService plain = KmsService.start(s.kmsConfig().withIbake(Optional.empty()), s.kmsTls(), Clock.systemUTC(), RandomSource.secure())) {
      HttpResponse<byte[]> c = ue.send(HttpRequest.newBuilder(plain.uri().resolve(KmsServer.COMMUNITY)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(c.statusCode()).isEqualTo(404);
      KeyRequester k = requester(alice.impu, alice.bTid(), alice.kmsKey(s), new UserKeys(alice.impu));
      HttpResponse<byte[]> r = KmsHttpsTest.post(ue, plain.uri(), KmsServer.PATH, KmsServer.MIKEY, k.request(List.of(now())).toByteArray());
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(MikeyMessages.errorCodeOf(Bytes.of(r.body()))).isEqualTo(ErrorCode.INVALID_DT);
      assertThat(plain.ibake()).isEmpty();
    }
  }
}
