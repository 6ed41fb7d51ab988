package org.ddsec.client.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.ddsec.client.gba.UeGbaClient;
import org.ddsec.client.kms.KmsClient;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.playback.MessagePlayer;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpSuite;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.gba.GbaDigest;
import org.ddsec.protocol.gba.Usim;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.recipient.Recipient;
import org.ddsec.protocol.kmsdd.recipient.RetrievedKeys;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.mailbox.DepositHandler.EndReason;
import org.ddsec.server.system.LoopbackCaller;
import org.ddsec.server.system.LoopbackServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UE's clients against the real services on loopback: GBA bootstrap (UeGbaClient), a deposit
 * through the mailbox's DepositHandler with SRTP over UDP, then the recipient lists its inbox and
 * fetches parameters and media with TS 33.222 Digest ({@link MailboxClient}), gets K from the KMS
 * over HTTPS ({@link KmsClient}) and decrypts. The Digest login refuses wrong keys, other users'
 * messages, replayed nonce counts and malformed headers, and the mailbox keeps serving.
 */
class MailboxClientTest {

  static final String D = "ims.example.org";
  @TempDir static Path dir;
  static LoopbackServices s;
  static Bootstrapped alice;
  static Bootstrapped bob;
  static Bootstrapped carol;
  static Bytes msgId;
  static LoopbackCaller call;

  static Bootstrapped bootstrap(String name) throws Exception {
    byte[] k = RandomSource.secure().bytes(16);
    byte[] opc = RandomSource.secure().bytes(16);
    s.addSubscriber(name + "@" + D, Set.of("sip:" + name + "@" + D), SecretBytes.copyOf(k), SecretBytes.copyOf(opc));
    UeGbaClient ue = new UeGbaClient(s.bsf().server().ubUri(), s.ueTls(), Duration.ofSeconds(10), RandomSource.secure());
    try (Usim u = new Usim(SecretBytes.wrap(k), SecretBytes.wrap(opc))) {
      return ue.bootstrap(name + "@" + D, u);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    s = LoopbackServices.start(LoopbackServices.Options.of(dir, D, List.of("sip:alice@" + D, "sip:bob@" + D, "sip:carol@" + D)));
    alice = bootstrap("alice");
    bob = bootstrap("bob");
    carol = bootstrap("carol");
    call = LoopbackCaller.invite(s.kmsId(), s.mailbox(), "sip:alice@" + D, alice.bTid(), alice.ksNaf(NafId.kms(s.kmsFqdn())), "sip:bob@" + D,
        "c1@test");
    call.send(100);
    assertThat(LoopbackCaller.awaitPackets(s.mailbox(), "c1@test", 100)).isTrue();
    s.mailbox().onCallEnded("c1@test", EndReason.BYE);
    msgId = call.keys.msgId();
  }

  @AfterAll
  static void stop() throws Exception {
    call.close();
    s.close();
  }

  static MailboxClient client(Bootstrapped b) {
    return new MailboxClient(s.mailbox().uri(), s.ueTls(), s.mailboxFqdn(), b.bTid(), b::ksNaf, Duration.ofSeconds(10), RandomSource.secure());
  }

  @Test
  void recipient_listsFetchesRetrievesAndDecrypts() throws Exception {
    MailboxClient mc = client(bob);
    List<MessageSummary> l = mc.list();
    assertThat(l).extracting(MessageSummary::msgId).contains(msgId);
    MessageSummary m = l.stream().filter(x -> x.msgId().equals(msgId)).findFirst().orElseThrow();
    assertThat(m.from()).isEqualTo("sip:alice@" + D);
    assertThat(m.packets()).isEqualTo(100);
    assertThat(m.durationMillis()).isBetween(20L, 10_000L);

    Recipient r = new Recipient(Recipient.Config.of("sip:bob@" + D, bob.bTid(), s.kmsId(), s.mailboxId()), bob.ksNaf(NafId.kms(s.kmsFqdn())),
        Clock.systemUTC(), RandomSource.secure(), Trace.NONE);
    r.inboxRequest();
    List<DepositParameters> inbox = r.onInboxResponse(mc.inbox("sip:bob@" + D));
    DepositParameters p = inbox.stream().filter(x -> x.msgId().equals(msgId)).findFirst().orElseThrow();
    assertThat(mc.parameters(msgId)).isEqualTo(p);
    KmsClient kms = new KmsClient(s.kms().uri(), s.ueTls(), Duration.ofSeconds(10));
    RetrievedKeys keys = r.onResolveResp(kms.exchange(r.retrieve(p)));
    assertThat(keys.k().constantTimeEquals(call.keys.k())).isTrue();

    StoredMessage media = mc.media(msgId);
    try (SrtpMasterKey k = SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, keys.srtp().tek(), keys.srtp().salt())) {
      MessagePlayer.Playback play = MessagePlayer.play(media, k);
      assertThat(play.report().decrypted()).isEqualTo(100);
      assertThat(play.audio().samples()).isEqualTo(call.expectedPcm());
    }
    assertThat(mc.mediaPcap(msgId)).hasSize((int) media.metadata().pcapBytes());
  }

  @Test
  void anotherUser_seesNothingOfBobs_andGets404() throws Exception {
    MailboxClient mc = client(carol);
    assertThat(mc.list()).isEmpty();
    assertThat(assertThrows(MailboxClientException.class, () -> mc.parameters(msgId)).reason()).isEqualTo(MailboxClientException.Reason.NOT_FOUND);
    assertThat(assertThrows(MailboxClientException.class, () -> mc.media(msgId)).status()).isEqualTo(404);
    assertThat(assertThrows(MailboxClientException.class, () -> mc.inbox("sip:bob@" + D)).status()).isEqualTo(404);
    assertThat(assertThrows(MailboxClientException.class, () -> mc.parameters(Bytes.of(new byte[16]))).status()).isEqualTo(404);
  }

  @Test
  void wrongKey_unauthorized() {
    MailboxClient wrong = new MailboxClient(s.mailbox().uri(), s.ueTls(), s.mailboxFqdn(), bob.bTid(), id -> SecretBytes.wrap(new byte[32]),
        Duration.ofSeconds(10), RandomSource.secure());
    assertThat(assertThrows(MailboxClientException.class, wrong::list).reason()).isEqualTo(MailboxClientException.Reason.UNAUTHORIZED);
    // The KMS's key (another NAF_Id) does not open the mailbox either: key separation.
    MailboxClient kmsKey = new MailboxClient(s.mailbox().uri(), s.ueTls(), s.mailboxFqdn(), bob.bTid(), id -> bob.ksNaf(NafId.kms(s.kmsFqdn())),
        Duration.ofSeconds(10), RandomSource.secure());
    assertThat(assertThrows(MailboxClientException.class, kmsKey::list).status()).isEqualTo(401);
  }

  @Test
  void replayedAuthorization_refused_malformedAndOversized_refused_thenStillServes() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(s.ueTls()).version(HttpClient.Version.HTTP_1_1).build();
    URI list = s.mailbox().uri().resolve("/mailbox/v1/messages");
    HttpResponse<String> challenge = http.send(HttpRequest.newBuilder(list).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(challenge.statusCode()).isEqualTo(401);
    String www = challenge.headers().firstValue("WWW-Authenticate").orElseThrow();
    assertThat(www).contains("realm=\"3GPP-bootstrapping@" + s.mailboxFqdn() + "\"");
    String suite = challenge.sslSession().orElseThrow().getCipherSuite();
    String auth;
    try (SecretBytes k = bob.ksNaf(GbaDigest.nafId(s.mailboxFqdn(), suite))) {
      auth = GbaDigest.authorization(www, bob.bTid(), k, "GET", "/mailbox/v1/messages", Bytes.EMPTY, "abcdef", 1);
    }
    HttpRequest withAuth = HttpRequest.newBuilder(list).header("Authorization", auth).GET().build();
    assertThat(http.send(withAuth, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = http.send(withAuth, HttpResponse.BodyHandlers.ofString());
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.headers().firstValue("WWW-Authenticate")).isPresent();

    for (String bad : List.of("Digest", "Digest username=\"unterminated", "Basic Ym9iOnB3", "Digest " + "x=y, ".repeat(1500) + "z=w")) {
      int st = http.send(HttpRequest.newBuilder(list).header("Authorization", bad).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();
      assertThat(st).as(bad.substring(0, Math.min(30, bad.length()))).isIn(400, 401, 431);
    }
    assertThat(http.send(HttpRequest.newBuilder(list).header("Authorization", "Digest username=\"x\"").GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    assertThat(http.send(HttpRequest.newBuilder(list).method("GET", HttpRequest.BodyPublishers.ofByteArray(new byte[70 * 1024])).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(413);
    assertThat(http.send(HttpRequest.newBuilder(list).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    assertThat(http.send(HttpRequest.newBuilder(s.mailbox().uri().resolve("/nothing")).GET().build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(404);
    assertThat(client(bob).list()).isNotEmpty();
    String metrics = http.send(HttpRequest.newBuilder(s.mailbox().uri().resolve("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("ddsec_mailbox_http_requests_total").contains("ddsec_mailbox_deposits_active").contains("ddsec_mailbox_packets_received_total");
  }

  @Test
  void restartOfMailbox_messageStillListedAndFetchable() throws Exception {
    s.restartMailbox();
    MailboxClient mc = client(bob);
    assertThat(mc.list()).extracting(MessageSummary::msgId).contains(msgId);
    assertThat(mc.media(msgId).packets()).hasSize(100);
  }
}
