package org.ddsec.server.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.playback.MessagePlayer;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpSuite;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.recipient.Recipient;
import org.ddsec.protocol.kmsdd.recipient.RetrievedKeys;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.kms.KmsServer;
import org.ddsec.server.mailbox.DepositHandler.EndReason;
import org.ddsec.server.mailbox.store.StoredDeposit;
import org.ddsec.server.system.LoopbackServices;
import org.ddsec.server.system.LoopbackCaller;
import org.ddsec.server.system.TestUe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The mailbox service driven through {@link DepositHandler} as the SIP front drives it, with real
 * SRTP over UDP from the test: a deposit is stored on BYE and its media decrypts with the keys a
 * {@link Recipient} obtains from the KMS over HTTPS; CANCEL, TIMEOUT and an empty BYE store
 * nothing; refusals map to SIP statuses; a restart loses nothing stored; no log line carries key
 * material.
 */
class MailboxServiceTest {

  static final String DOMAIN = "ims.example.org";
  @TempDir static Path dir;
  static LoopbackServices s;
  static TestUe alice;
  static TestUe bob;
  static TestUe carol;
  static ListAppender<ILoggingEvent> logs;
  static final List<SecretBytes> secrets = new ArrayList<>();
  static int calls;

  @BeforeAll
  static void start() throws Exception {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs = new ListAppender<>();
    logs.setContext(ctx);
    logs.start();
    Logger ddsec = ctx.getLogger("org.ddsec");
    ddsec.setLevel(Level.DEBUG);
    ddsec.addAppender(logs);
    ddsec.setAdditive(false);
    s = LoopbackServices.start(LoopbackServices.Options.of(dir, DOMAIN, List.of("sip:alice@" + DOMAIN, "sip:bob@" + DOMAIN)));
    alice = TestUe.bootstrap(s, "alice", DOMAIN);
    bob = TestUe.bootstrap(s, "bob", DOMAIN);
    carol = TestUe.bootstrap(s, "carol", DOMAIN);
    secrets.add(alice.kmsKey(s));
    secrets.add(bob.kmsKey(s));
    secrets.add(alice.gba.ks());
    secrets.add(bob.gba.ks());
    secrets.add(s.kmsConfig().mailboxes().get(0).km());
    secrets.add(s.kmsConfig().keyRing().get(0).secret());
  }

  @AfterAll
  static void stop() throws Exception {
    s.close();
    Logger ddsec = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.ddsec");
    ddsec.detachAppender(logs);
    ddsec.setLevel(null);
    ddsec.setAdditive(true);
  }

  static String callId() {
    return "call-" + (++calls) + "@test";
  }

  static MailboxService mailbox() {
    return s.mailbox();
  }

  /** A full deposit of {@code packets} packets ended by {@code end}. */
  static LoopbackCaller deposit(int packets, EndReason end) throws Exception {
    LoopbackCaller c = alice.call(s, mailbox(), bob, callId());
    assertThat(c.answer).as("%s", c.answer).isInstanceOf(DepositAnswer.Accept.class);
    secrets.add(c.keys.k());
    secrets.add(c.keys.srtp().tek());
    secrets.add(c.keys.srtp().salt());
    c.send(packets);
    LoopbackCaller.awaitPackets(mailbox(), c.callId, packets);
    assertThat(mailbox().packetsOf(c.callId)).isEqualTo(packets);
    mailbox().onCallEnded(c.callId, end);
    return c;
  }

  static RetrievedKeys retrieve(DepositParameters d) throws Exception {
    Recipient b = new Recipient(Recipient.Config.of(bob.impu, bob.bTid(), s.kmsId(), s.mailboxId()), bob.kmsKey(s), Clock.systemUTC(),
        RandomSource.secure(), Trace.NONE);
    HttpClient http = HttpClient.newBuilder().sslContext(s.ueTls()).version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(s.kms().uri().resolve(KmsServer.PATH)).header("Content-Type", KmsServer.MIKEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(b.retrieve(d).toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return b.onResolveResp(Bytes.of(r.body()));
  }

  static StoredDeposit stored(LoopbackCaller c) {
    return mailbox().store().find(c.keys.msgId()).orElseThrow(() -> new AssertionError("not stored: " + c.callId));
  }

  @Test
  void bye_storesMessage_mediaDecryptsWithTheKeysTheRecipientGetsFromTheKms() throws Exception {
    LoopbackCaller c = deposit(150, EndReason.BYE);
    StoredDeposit d = stored(c);
    assertThat(d.record().parameters().idA()).isEqualTo(alice.impu);
    assertThat(d.record().parameters().idB()).isEqualTo(bob.impu);
    assertThat(d.media().orElseThrow().packets()).isEqualTo(150);

    RetrievedKeys keys = retrieve(d.record().parameters());
    assertThat(keys.k().constantTimeEquals(c.keys.k())).isTrue();
    assertThat(keys.ssrc()).isEqualTo(c.ssrc);
    StoredMessage m = mailbox().media().read(d.media().orElseThrow().mediaId()).orElseThrow();
    assertThat(m.metadata().ssrc()).isEqualTo(c.ssrc);
    try (SrtpMasterKey k = SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, keys.srtp().tek(), keys.srtp().salt())) {
      MessagePlayer.Playback p = MessagePlayer.play(m, k);
      assertThat(p.report().decrypted()).isEqualTo(150);
      assertThat(p.report().concealed()).isZero();
      assertThat(p.audio().samples()).isEqualTo(c.expectedPcm());
    }
    c.close();
  }

  @Test
  void cancelOrTimeoutOrErrorAfterMedia_storesNothing() throws Exception {
    int before = mailbox().store().count();
    for (EndReason r : new EndReason[] {EndReason.CANCEL, EndReason.TIMEOUT, EndReason.ERROR}) {
      LoopbackCaller c = deposit(20, r);
      assertThat(mailbox().store().find(c.keys.msgId())).isEmpty();
      assertThat(mailbox().media().list()).doesNotContain(c.keys.msgId().hex());
      c.close();
    }
    assertThat(mailbox().store().count()).isEqualTo(before);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void byeWithoutAnyPacket_storesNothing() throws Exception {
    LoopbackCaller c = deposit(0, EndReason.BYE);
    assertThat(mailbox().store().find(c.keys.msgId())).isEmpty();
    assertThat(tempFiles()).isEmpty();
    c.close();
  }

  @Test
  void foreignDatagrams_areDroppedAndTheRealStreamStored() throws Exception {
    LoopbackCaller c = alice.call(s, mailbox(), bob, callId());
    c.sendRaw(new byte[] {1, 2, 3});
    byte[] otherSsrc = new byte[172];
    otherSsrc[0] = (byte) 0x80;
    otherSsrc[8] = (byte) (~c.ssrc >> 24);
    c.sendRaw(otherSsrc);
    c.send(30);
    LoopbackCaller.awaitPackets(mailbox(), c.callId, 30);
    mailbox().onCallEnded(c.callId, EndReason.BYE);
    assertThat(stored(c).media().orElseThrow().packets()).isEqualTo(30);
    String metrics = mailbox().metrics().scrape();
    assertThat(metrics).contains("ddsec_mailbox_packets_dropped_total{reason=\"not_rtp\"}").contains("reason=\"foreign_ssrc\"");
    c.close();
  }

  @Test
  void refusals_mapToSipStatuses() throws Exception {
    // A callee this mailbox does not serve.
    LoopbackCaller toCarol = alice.call(s, mailbox(), carol, callId());
    assertThat(((DepositAnswer.Reject) toCarol.answer).sipStatus()).isEqualTo(404);
    // Garbage key management: 488 with a MIKEY Error message for the caller.
    DepositAnswer garbage = mailbox().onInvite(new DepositOffer(callId(), bob.impu, alice.impu, Bytes.utf8("garbage"),
        toCarol.offer.remoteRtp(), 0));
    assertThat(((DepositAnswer.Reject) garbage).sipStatus()).isEqualTo(488);
    assertThat(MikeyCodec.decode(((DepositAnswer.Reject) garbage).mikeyError()).dataType()).isEqualTo(DataType.ERROR);
    // An unsupported codec.
    LoopbackCaller ok = alice.call(s, mailbox(), bob, callId());
    DepositAnswer pt = mailbox().onInvite(new DepositOffer(callId(), bob.impu, alice.impu, ok.offer.mikey(), ok.offer.remoteRtp(), 18));
    assertThat(((DepositAnswer.Reject) pt).sipStatus()).isEqualTo(488);
    // The same TRANSFER_INIT again on a new dialog: a replay.
    DepositAnswer replay = mailbox().onInvite(new DepositOffer(callId(), bob.impu, alice.impu, ok.offer.mikey(), ok.offer.remoteRtp(), 0));
    assertThat(((DepositAnswer.Reject) replay).sipStatus()).isEqualTo(403);
    // SIP says carol called, MIKEY says alice.
    LoopbackCaller fresh = alice.call(s, mailbox(), bob, callId());
    mailbox().onCallEnded(fresh.callId, EndReason.CANCEL);
    LoopbackCaller spoof = alice.call(s, new DepositHandler() {
      @Override
      public DepositAnswer onInvite(DepositOffer o) {
        return mailbox().onInvite(new DepositOffer(o.callId(), o.callee(), carol.impu, o.mikey(), o.remoteRtp(), 0));
      }

      @Override
      public void onCallEnded(String callId, EndReason reason) {}
    }, bob, callId());
    assertThat(((DepositAnswer.Reject) spoof.answer).sipStatus()).isEqualTo(403);
    mailbox().onCallEnded(ok.callId, EndReason.CANCEL);
    mailbox().onCallEnded("no-such-call", EndReason.BYE); // ignored
    for (LoopbackCaller c : List.of(toCarol, ok, fresh, spoof)) {
      c.close();
    }
  }

  /**
   * The BYE right behind the last RTP packet, while the receiver thread is held up (here: its
   * first clock read stalls 300 ms): the packets are already in the socket buffer and must all be
   * stored. Before the drain on BYE the call was committed with what the thread had read so far.
   */
  @Test
  void byeOvertakingUnreadPackets_everyPacketInTheSocketBufferIsStored() throws Exception {
    Path other = Files.createTempDirectory(dir, "overtake");
    MailboxConfig c = s.mailboxConfig().withDb(org.ddsec.server.store.Database.Settings.h2File(other, "mailbox"))
        .withMedia(MailboxConfig.Media.defaults(other.resolve("media")));
    java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();
    Clock stallingReceiver = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        if (Thread.currentThread().getName().equals("mailbox-rtp") && stalled.compareAndSet(false, true)) {
          try {
            Thread.sleep(300);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return java.time.Instant.now();
      }
    };
    try (MailboxService m = MailboxService.start(c, s.mailboxTls(), stallingReceiver, RandomSource.secure())) {
      LoopbackCaller call = alice.call(s, m, bob, callId());
      assertThat(call.answer).as("%s", call.answer).isInstanceOf(DepositAnswer.Accept.class);
      call.send(120);
      m.onCallEnded(call.callId, EndReason.BYE);
      assertThat(stalled).isTrue();
      StoredDeposit d = m.store().find(call.keys.msgId()).orElseThrow(() -> new AssertionError("not stored"));
      assertThat(d.media().orElseThrow().packets()).isEqualTo(120);
      assertThat(m.media().read(call.keys.msgId().hex()).orElseThrow().packets()).hasSize(120);
      call.close();
    }
  }

  @Test
  void kmsUnreachable_503AndNothingStored() throws Exception {
    Path other = Files.createTempDirectory(dir, "nokms");
    MailboxConfig c = s.mailboxConfig().withKmsUri(URI.create("https://127.0.0.1:1/")).withDb(
        org.ddsec.server.store.Database.Settings.h2File(other, "mailbox")).withMedia(MailboxConfig.Media.defaults(other.resolve("media")));
    try (MailboxService m = MailboxService.start(c, s.mailboxTls(), Clock.systemUTC(), RandomSource.secure())) {
      LoopbackCaller call = alice.call(s, m, bob, callId());
      assertThat(((DepositAnswer.Reject) call.answer).sipStatus()).isEqualTo(503);
      assertThat(m.store().count()).isZero();
      call.close();
    }
  }

  @Test
  void restart_losesNothingStored_andDropsTheDepositInProgress() throws Exception {
    LoopbackCaller done = deposit(40, EndReason.BYE);
    LoopbackCaller open = alice.call(s, mailbox(), bob, callId());
    open.send(25);
    LoopbackCaller.awaitPackets(mailbox(), open.callId, 25);
    MailboxService after = s.restartMailbox();
    assertThat(after.store().find(done.keys.msgId())).isPresent();
    assertThat(after.media().read(done.keys.msgId().hex()).orElseThrow().packets()).hasSize(40);
    assertThat(after.store().find(open.keys.msgId())).isEmpty();
    assertThat(tempFiles()).isEmpty();
    // The restarted service takes deposits again.
    LoopbackCaller again = deposit(10, EndReason.BYE);
    assertThat(stored(again).media().orElseThrow().packets()).isEqualTo(10);
    for (LoopbackCaller c : List.of(done, open, again)) {
      c.close();
    }
  }

  @Test
  void logs_ofTheWholeRun_containNoKeyMaterial() throws Exception {
    deposit(5, EndReason.BYE).close();
    List<byte[]> raw = new ArrayList<>();
    for (SecretBytes k : secrets) {
      raw.add(k.unsafeBytes());
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent e : List.copyOf(logs.list)) {
      lines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()));
    }
    assertThat(lines).as("log lines captured").hasSizeGreaterThan(10);
    assertThat(String.join("\n", lines)).contains("outcome=stored");
    assertThat(org.ddsec.testkit.SecretScan.firstHit(lines, raw)).as("a log line holding key material").isEmpty();
    raw.forEach(SecretBytes::wipe);
  }

  static List<String> tempFiles() throws Exception {
    try (Stream<Path> st = Files.list(mailbox().media().directory())) {
      return st.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

}
