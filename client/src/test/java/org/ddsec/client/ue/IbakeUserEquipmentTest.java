package org.ddsec.client.ue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ddsec.client.mailbox.MailboxClient;
import org.ddsec.client.mailbox.MailboxClientException;
import org.ddsec.client.mailbox.MessageSummary;
import org.ddsec.client.system.LoopbackSystem;
import org.ddsec.core.RandomSource;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.sip.SipTraceEvent;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.sakke.SakkeKms;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.protocol.gba.Bootstrapped;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The UE's IBAKE-DD paths against the whole system on loopback ({@link LoopbackSystem} with the
 * mailbox taking IBAKE-DD deposits): key provisioning under Ks_NAF, Alice's call landing at Bob's
 * mailbox with I_MESSAGE_1 in the INVITE, R_MESSAGE_1 in a reliable 183, I_MESSAGE_2 in the PRACK
 * and R_MESSAGE_2 in its 200 (seen on the wire), SRTP, BYE; Bob's inbox, ESK, SK and playback
 * exactly; each user sees only their own messages; KMS-DD beside it on the same system.
 */
class IbakeUserEquipmentTest {

  static final String DOMAIN = "ims.example";
  @TempDir static Path dir;
  static LoopbackSystem system;
  static final List<SipTraceEvent> sip = new CopyOnWriteArrayList<>();
  static UserEquipment alice;
  static UserEquipment bob;
  static UserEquipment.Config bobConfig;
  static UserEquipment.Deposit deposit;
  static PcmAudio sent;
  static ListAppender<ILoggingEvent> logs;
  static Bootstrapped aliceGba;

  @BeforeAll
  static void start() throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs = new ListAppender<>();
    logs.setContext(ctx);
    logs.start();
    Logger ddsec = ctx.getLogger("org.ddsec");
    ddsec.setLevel(Level.DEBUG);
    ddsec.addAppender(logs);
    SipObserver o = new SipObserver() {
      @Override
      public void onMessage(SipTraceEvent e) {
        sip.add(e);
      }

      @Override
      public void onRefused(String stack, Transport transport, String remote, String reason, int answered) {}
    };
    system = LoopbackSystem.start(dir, DOMAIN, List.of("sip:alice@" + DOMAIN, "sip:bob@" + DOMAIN), Clock.systemUTC(), Trace.NONE, o,
        Optional.of(IbakeMode.DDSEC_SIGNED));
    alice = new UserEquipment(system.provision("alice", false, RandomSource.secure()), Clock.systemUTC(), RandomSource.secure(), Trace.NONE, o);
    bobConfig = system.provision("bob", false, RandomSource.secure());
    bob = new UserEquipment(bobConfig, Clock.systemUTC(), RandomSource.secure(), Trace.NONE, o);
    short[] pcm = new short[8000];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (6000 * Math.sin(i * 2 * Math.PI * 330 / 8000));
    }
    sent = PcmAudio.mono(PcmAudio.NARROWBAND_RATE, pcm);
    aliceGba = alice.bootstrap("27.0a");
    alice.register();
    deposit = alice.leaveIbakeMessage(bob.impu(), sent, G711.PCMU, Duration.ofMillis(1), n -> {});
  }

  @AfterAll
  static void stop() {
    Logger ddsec = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.ddsec");
    ddsec.detachAppender(logs);
    ddsec.setLevel(null);
    alice.close();
    bob.close();
    system.close();
  }

  static short[] quantised(PcmAudio a) {
    short[] out = new short[UserEquipment.packetsOf(a) * G711.FRAME_SAMPLES];
    short[] in = a.samples();
    for (int f = 0; f * G711.FRAME_SAMPLES < out.length; f++) {
      short[] frame = new short[G711.FRAME_SAMPLES];
      System.arraycopy(in, f * G711.FRAME_SAMPLES, frame, 0, Math.max(0, Math.min(G711.FRAME_SAMPLES, in.length - f * G711.FRAME_SAMPLES)));
      System.arraycopy(G711.PCMU.decode(G711.PCMU.encode(frame)), 0, out, f * G711.FRAME_SAMPLES, G711.FRAME_SAMPLES);
    }
    return out;
  }

  static List<String> sent(String stack) {
    return sip.stream().filter(e -> e.stack().equals(stack) && e.direction() == SipTraceEvent.Direction.SENT && e.callId().equals(deposit.callId()))
        .map(e -> e.label() + "/" + e.cseqMethod()).toList();
  }

  @Test
  void deposit_answeredByTheMailboxWithSkKeys() {
    assertThat(deposit.answeredBy()).isEqualTo(system.services().mailboxId());
    assertThat(deposit.packets()).isEqualTo(50);
    assertThat(deposit.insecureIbakeKeys().deferred()).isTrue();
    assertThat(deposit.insecureKeys()).isNull();
  }

  @Test
  void sip_fourMikeyMessagesInInvite183PrackAnd200_thenInvite200AckBye() {
    List<String> a = sent("alice");
    assertThat(a).containsSubsequence("INVITE/INVITE", "PRACK/PRACK", "ACK/ACK", "BYE/BYE");
    assertThat(a.stream().filter(x -> x.startsWith("PRACK")).count()).as("one PRACK (retransmissions of the 183 are not PRACKed again)")
        .isBetween(1L, 3L);
    List<String> m = sent("mailbox");
    assertThat(m).containsSubsequence("183 Session Progress/INVITE", "200 OK/PRACK", "200 OK/INVITE", "200 OK/BYE");
    SipTraceEvent invite = sip.stream().filter(e -> e.stack().equals("alice") && e.method().orElse("").equals("INVITE")).findFirst().orElseThrow();
    assertThat(invite.message().hasOptionTag("Require", "100rel")).isTrue();
    SipTraceEvent p183 = sip.stream().filter(e -> e.stack().equals("mailbox") && e.status().orElse(0) == 183).findFirst().orElseThrow();
    assertThat(p183.message().rseq()).isPresent();
    assertThat(p183.bodySummary()).contains("a=key-mgmt:mikey");
    SipTraceEvent prack = sip.stream().filter(e -> e.stack().equals("alice") && e.method().orElse("").equals("PRACK")).findFirst().orElseThrow();
    assertThat(prack.bodySummary()).contains("a=key-mgmt:mikey");
    assertThat(prack.message().rack()).isPresent();
    // the final 200 OK to the INVITE carries no SDP: both offer/answer rounds are done
    SipTraceEvent ok = sip.stream().filter(e -> e.stack().equals("mailbox") && e.status().orElse(0) == 200 && e.cseqMethod().equals("INVITE"))
        .findFirst().orElseThrow();
    assertThat(ok.message().body().isEmpty()).isTrue();
  }

  @Test
  void bob_listsOpensAndPlaysTheMessageExactly_aliceSeesNothingOfHis() throws Exception {
    bob.bootstrap("27.10b");
    List<MessageSummary> inbox = awaitInbox(bob, 1);
    assertThat(inbox).singleElement().satisfies(x -> {
      assertThat(x.from()).isEqualTo(alice.impu());
      assertThat(x.msgId()).isEqualTo(deposit.msgId());
      assertThat(x.packets()).isEqualTo(50);
    });
    List<UserEquipment.Playback> heard = bob.retrieveAllIbake();
    assertThat(heard).hasSize(1);
    UserEquipment.Playback p = heard.get(0);
    assertThat(p.originator()).isEqualTo(alice.impu());
    assertThat(p.insecureIbakeKeys().originatorVerified()).isTrue();
    assertThat(p.insecureIbakeKeys().sk().constantTimeEquals(deposit.insecureIbakeKeys().mediaKey())).isTrue();
    assertThat(p.audio().samples()).isEqualTo(quantised(sent));

    assertThat(alice.ibakeInbox()).isEmpty();
    assertThat(alice.retrieveAllIbake()).isEmpty();
  }

  @Test
  void otherUsersMessage_notFoundForAlice() throws Exception {
    UserEquipment.Config c = system.provision("mallory", false, RandomSource.secure());
    try (UserEquipment mallory = new UserEquipment(c, Clock.systemUTC(), RandomSource.secure(), Trace.NONE, SipObserver.NONE)) {
      var b = mallory.bootstrap("x");
      MailboxClient mc = new MailboxClient(c.mailbox(), c.tls(), c.mailboxFqdn(), b.bTid(), b::ksNaf, c.timeout(), RandomSource.secure());
      MailboxClientException e = assertThrows(MailboxClientException.class, () -> mc.ibakeStoredFiles(deposit.msgId()));
      assertThat(e.reason()).isEqualTo(MailboxClientException.Reason.NOT_FOUND);
      assertThat(mc.ibakeList()).isEmpty();
      // and the KMS gives mallory no key of Bob's: only its own identity's
      assertThat(mallory.provisionIbakeKeys(List.of(KeyPeriod.containing(Instant.now())))).hasSize(1);
      assertThat(b.ksNaf(NafId.kms(c.kmsFqdn()))).isNotNull();
    }
  }

  /**
   * The mailbox's IBAKE-DD resources sit behind the same GBA Digest as KMS-DD's, and the two
   * solutions' messages stay apart: an IBAKE-DD message is not a KMS-DD message (404 there), a
   * malformed or unknown msg-id is 404, an unauthenticated request is challenged.
   */
  @Test
  void ibakeResources_behindGbaDigest_solutionsKeptApart() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(bobConfig.tls()).version(java.net.http.HttpClient.Version.HTTP_1_1)
        .build();
    for (String path : List.of("/mailbox/v1/ibake/messages", "/mailbox/v1/ibake/inbox", "/mailbox/v1/ibake/messages/" + deposit.msgId().hex() + "/media")) {
      java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(bobConfig.mailbox().resolve(path)).GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Digest ").contains("3GPP-bootstrapping@");
    }
    var b = bob.bootstrap("x");
    MailboxClient mc = new MailboxClient(bobConfig.mailbox(), bobConfig.tls(), bobConfig.mailboxFqdn(), b.bTid(), b::ksNaf, bobConfig.timeout(),
        RandomSource.secure());
    assertThat(mc.ibakeList()).extracting(MessageSummary::msgId).contains(deposit.msgId());
    assertThat(mc.list()).extracting(MessageSummary::msgId).doesNotContain(deposit.msgId());
    assertThat(assertThrows(MailboxClientException.class, () -> mc.storedFiles(deposit.msgId())).status()).isEqualTo(404);
    assertThat(assertThrows(MailboxClientException.class, () -> mc.parameters(deposit.msgId())).status()).isEqualTo(404);
    assertThat(assertThrows(MailboxClientException.class, () -> mc.ibakeStoredFiles(org.ddsec.core.Bytes.of(new byte[16]))).status()).isEqualTo(404);
    assertThat(mc.ibakeStoredFiles(deposit.msgId()).message().packets()).hasSize(50);
  }

  @Test
  void kmsDd_stillWorksOnTheSameSystem() throws Exception {
    UserEquipment.Deposit d = alice.leaveMessage(bob.impu(), sent, G711.PCMA, Duration.ofMillis(1), n -> {});
    assertThat(d.insecureKeys()).isNotNull();
    assertThat(d.packets()).isEqualTo(50);
  }

  /**
   * Every log line of a whole IBAKE-DD run at DEBUG — key provisioning at the KMS for Alice, Bob
   * and the mailbox, the deposit, Bob's retrieval — holds none of the secrets in hex (either case),
   * base64 or an 8-octet hex prefix: the KMS's z_T and KSAK, each party's RSK for this month (as
   * the KMS issues it), SK, the SRTP master key and salt, Km, Alice's Ks_NAF for the KMS.
   */
  @Test
  void logs_ofTheWholeIbakeRun_containNoKeyMaterial() throws Exception {
    bob.bootstrap("27.10b");
    awaitInbox(bob, 1);
    assertThat(bob.retrieveAllIbake()).isNotEmpty();
    var ibake = system.services().kmsConfig().ibake().orElseThrow();
    List<SecretBytes> secrets = new ArrayList<>();
    secrets.add(ibake.sakkeMasterSecret());
    secrets.add(ibake.eccsiKsak());
    try (SakkeKms kms = SakkeKms.fromMasterSecret(SakkeParameters.parameterSet1(), ibake.sakkeMasterSecret())) {
      KeyPeriod now = KeyPeriod.containing(Instant.now());
      for (String uri : List.of(alice.impu(), bob.impu(), system.services().mailboxId())) {
        secrets.add(kms.issueReceiverSecretKey(Identity.of(now, uri)));
      }
    }
    secrets.add(deposit.insecureIbakeKeys().mediaKey());
    secrets.add(deposit.insecureSrtp().tek());
    secrets.add(deposit.insecureSrtp().salt());
    secrets.add(system.services().kmsConfig().mailboxes().get(0).km());
    secrets.add(aliceGba.ksNaf(NafId.kms(system.services().kmsFqdn())));
    List<byte[]> raw = new ArrayList<>();
    for (SecretBytes k : secrets) {
      raw.add(k.unsafeBytes());
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      lines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
    }
    String all = String.join("\n", lines);
    assertThat(all).as("the run was logged").contains("mailbox ibake keys periods=", "solution=ibake-dd outcome=progress", "resource=ibake-inbox");
    assertThat(org.ddsec.testkit.SecretScan.firstHit(lines, raw)).as("a log line holding key material").isEmpty();
    raw.forEach(SecretBytes::wipe);
  }

  static List<MessageSummary> awaitInbox(UserEquipment ue, int n) throws Exception {
    List<MessageSummary> l = ue.ibakeInbox();
    for (int i = 0; i < 100 && l.size() < n; i++) {
      Thread.sleep(20); // the mailbox commits just after answering the BYE
      l = ue.ibakeInbox();
    }
    return l;
  }
}
