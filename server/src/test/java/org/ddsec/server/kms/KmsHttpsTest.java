package org.ddsec.server.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.InboxMessages;
import org.ddsec.protocol.kmsdd.caller.CallKeys;
import org.ddsec.protocol.kmsdd.caller.Caller;
import org.ddsec.protocol.kmsdd.mailbox.InMemoryMailboxStore;
import org.ddsec.protocol.kmsdd.mailbox.InsecureAuditTap;
import org.ddsec.protocol.kmsdd.mailbox.Mailbox;
import org.ddsec.protocol.kmsdd.recipient.Recipient;
import org.ddsec.protocol.kmsdd.recipient.RetrievedKeys;
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
 * The KMS service over real HTTPS on loopback, users' keys from a real BSF over Zn: deposits from
 * a mailbox over mutual TLS, retrievals from a UE, refusals of every kind of bad input with the
 * service still serving, replicas sharing the replay cache, restart.
 */
class KmsHttpsTest {

  static final String DOMAIN = "ims.example.org";
  @TempDir static Path dir;
  static LoopbackServices s;
  static TestUe alice;
  static TestUe bob;
  static HttpClient mailboxTls;
  static HttpClient plainTls;
  static HttpClient otherCert;

  @BeforeAll
  static void start() throws Exception {
    s = LoopbackServices.start(LoopbackServices.Options.of(dir, DOMAIN, List.of("sip:alice@" + DOMAIN, "sip:bob@" + DOMAIN)));
    alice = TestUe.bootstrap(s, "alice", DOMAIN);
    bob = TestUe.bootstrap(s, "bob", DOMAIN);
    mailboxTls = client(TlsContexts.client(s.ca().issueClient(s.mailboxFqdn(), Duration.ofDays(1)), s.ca().certificate()));
    plainTls = client(s.ueTls());
    otherCert = client(TlsContexts.client(s.ca().issueClient("intruder." + DOMAIN, Duration.ofDays(1)), s.ca().certificate()));
  }

  @AfterAll
  static void stop() throws Exception {
    s.close();
  }

  static HttpClient client(SSLContext tls) {
    return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  static HttpResponse<byte[]> post(HttpClient c, URI base, String path, String type, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return c.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> mikey(HttpClient c, Bytes body) throws Exception {
    return post(c, s.kms().uri(), KmsServer.PATH, KmsServer.MIKEY, body.toByteArray());
  }

  /** A mailbox role (in the test) with the mailbox's Km. */
  static Mailbox mailboxRole(InMemoryMailboxStore store) {
    KmsConfig.Mailbox m = s.kmsConfig().mailboxes().get(0);
    return new Mailbox(Mailbox.Config.of(m.mailboxId(), m.keyId(), s.kmsId()), m.km(), m.users()::contains, store, new InMemoryReplayCache(),
        Clock.systemUTC(), RandomSource.secure(), Trace.NONE, InsecureAuditTap.NONE);
  }

  static Caller caller(TestUe u) {
    return new Caller(Caller.Config.of(u.impu, u.bTid(), s.kmsId(), false), u.kmsKey(s), Clock.systemUTC(), RandomSource.secure(), Trace.NONE);
  }

  static Recipient recipient(TestUe u) {
    return new Recipient(Recipient.Config.of(u.impu, u.bTid(), s.kmsId(), s.mailboxId()), u.kmsKey(s), Clock.systemUTC(), RandomSource.secure(),
        Trace.NONE);
  }

  /** The mailbox's RESOLVE_INIT for a fresh call from alice to bob. */
  static Bytes resolveInit(Mailbox role) {
    Mailbox.Outcome o = role.onTransferInit(caller(alice).call(bob.impu, 0x1234));
    assertThat(o.to()).as("%s", o.refusal()).isEqualTo(Mailbox.Destination.KMS);
    return o.message();
  }

  @Test
  void depositOverMutualTls_thenRetrievalByTheRecipient_sameK() throws Exception {
    InMemoryMailboxStore store = new InMemoryMailboxStore();
    Mailbox role = mailboxRole(store);
    Caller a = caller(alice);
    Mailbox.Outcome o = role.onTransferInit(a.call(bob.impu, 0xBEEF));
    HttpResponse<byte[]> r = mikey(mailboxTls, o.message());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains(KmsServer.MIKEY);
    Mailbox.Outcome tr = role.onResolveResp(Bytes.of(r.body()));
    assertThat(tr.refusal()).isEmpty();
    CallKeys ka = a.onResponse(tr.message());

    Recipient b = recipient(bob);
    b.inboxRequest();
    List<DepositParameters> inbox = b.onInboxResponse(role.onInboxRequest(InboxMessages.encodeRequest(bob.impu)).message());
    assertThat(inbox).hasSize(1);
    HttpResponse<byte[]> rr = mikey(plainTls, b.retrieve(inbox.get(0)));
    assertThat(rr.statusCode()).isEqualTo(200);
    RetrievedKeys kb = b.onResolveResp(Bytes.of(rr.body()));
    assertThat(kb.k().constantTimeEquals(ka.k())).isTrue();
    assertThat(kb.originator()).isEqualTo(alice.impu);
  }

  @Test
  void depositWithoutClientCertificate_refusedAuthFailure() throws Exception {
    HttpResponse<byte[]> r = mikey(plainTls, resolveInit(mailboxRole(new InMemoryMailboxStore())));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(MikeyMessages.errorCodeOf(Bytes.of(r.body()))).isEqualTo(ErrorCode.AUTH_FAILURE);
  }

  @Test
  void depositWithAnotherNamesCertificate_refused() throws Exception {
    HttpResponse<byte[]> r = mikey(otherCert, resolveInit(mailboxRole(new InMemoryMailboxStore())));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(MikeyMessages.errorCodeOf(Bytes.of(r.body()))).isEqualTo(ErrorCode.AUTH_FAILURE);
  }

  @Test
  void badInput_refusedCleanly_serviceStillServes() throws Exception {
    URI kms = s.kms().uri();
    HttpResponse<byte[]> garbage = mikey(mailboxTls, Bytes.utf8("this is not MIKEY"));
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(MikeyCodec.decode(garbage.body()).dataType()).isEqualTo(DataType.ERROR);
    HttpResponse<byte[]> truncated = mikey(mailboxTls, resolveInit(mailboxRole(new InMemoryMailboxStore())).slice(0, 40));
    assertThat(truncated.statusCode()).isEqualTo(400);
    assertThat(post(mailboxTls, kms, KmsServer.PATH, KmsServer.MIKEY, new byte[70 * 1024]).statusCode()).isEqualTo(413);
    assertThat(post(mailboxTls, kms, KmsServer.PATH, "text/plain", new byte[10]).statusCode()).isEqualTo(415);
    assertThat(post(mailboxTls, kms, KmsServer.PATH, null, new byte[10]).statusCode()).isEqualTo(415);
    assertThat(post(mailboxTls, kms, "/kms/v2/other", KmsServer.MIKEY, new byte[10]).statusCode()).isEqualTo(404);
    HttpResponse<byte[]> get = mailboxTls.send(HttpRequest.newBuilder(kms.resolve(KmsServer.PATH)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
    HttpResponse<byte[]> noop = post(mailboxTls, kms, KmsServer.NOOP, KmsServer.MIKEY, new byte[100]);
    assertThat(noop.statusCode()).as(new String(noop.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(noop.body()).isEmpty();
    // ... and a real deposit still goes through.
    assertThat(mikey(mailboxTls, resolveInit(mailboxRole(new InMemoryMailboxStore()))).statusCode()).isEqualTo(200);
    String metrics = new String(plainTls.send(HttpRequest.newBuilder(kms.resolve("/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8);
    assertThat(metrics).contains("ddsec_kms_requests_total").contains("outcome=\"refused\"").contains("ddsec_kms_http_refused_total")
        .contains("status=\"413\"").contains("ddsec_kms_request_duration_seconds");
  }

  @Test
  void replicas_requestAcceptedByOne_isAReplayAtTheOther() throws Exception {
    try (KmsService replica2 = KmsService.start(s.kmsConfig(), s.kmsTls(), Clock.systemUTC(), RandomSource.secure())) {
      Bytes ri = resolveInit(mailboxRole(new InMemoryMailboxStore()));
      assertThat(mikey(mailboxTls, ri).statusCode()).isEqualTo(200);
      HttpResponse<byte[]> again = post(mailboxTls, replica2.uri(), KmsServer.PATH, KmsServer.MIKEY, ri.toByteArray());
      assertThat(again.statusCode()).isEqualTo(400);
      assertThat(MikeyMessages.errorCodeOf(Bytes.of(again.body()))).isEqualTo(ErrorCode.INVALID_TS);
      // Both replicas serve fresh requests for the same users.
      assertThat(post(mailboxTls, replica2.uri(), KmsServer.PATH, KmsServer.MIKEY, resolveInit(mailboxRole(new InMemoryMailboxStore()))
          .toByteArray()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void restart_depositBeforeIsRetrievableAfter_andItsRequestStaysAReplay() throws Exception {
    InMemoryMailboxStore store = new InMemoryMailboxStore();
    Mailbox role = mailboxRole(store);
    Caller a = caller(alice);
    Bytes ri = role.onTransferInit(a.call(bob.impu, 7)).message();
    CallKeys ka = a.onResponse(role.onResolveResp(Bytes.of(mikey(mailboxTls, ri).body())).message());
    s.restartKms();
    assertThat(MikeyMessages.errorCodeOf(Bytes.of(mikey(mailboxTls, ri).body()))).isEqualTo(ErrorCode.INVALID_TS);
    Recipient b = recipient(bob);
    RetrievedKeys kb = b.onResolveResp(Bytes.of(mikey(plainTls, b.retrieve(store.all().get(0).parameters())).body()));
    assertThat(kb.k().constantTimeEquals(ka.k())).isTrue();
  }

  @Test
  void retrievalByAnotherUser_refusedInvalidId() throws Exception {
    InMemoryMailboxStore store = new InMemoryMailboxStore();
    Mailbox role = mailboxRole(store);
    Caller a = caller(alice);
    a.onResponse(role.onResolveResp(Bytes.of(mikey(mailboxTls, role.onTransferInit(a.call(bob.impu, 9)).message()).body())).message());
    // Alice resolves Bob's message with her own key: the token names Bob.
    HttpResponse<byte[]> r = mikey(plainTls, recipient(alice).retrieve(store.all().get(0).parameters()));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(MikeyMessages.errorCodeOf(Bytes.of(r.body()))).isEqualTo(ErrorCode.INVALID_ID);
  }
}
