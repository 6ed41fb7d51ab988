package org.ddsec.server.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.playback.MessagePlayer;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpSuite;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.protocol.ibakedd.DeferredMessage;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.SecureRandoms;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.flow.InsecureOnPathAttacker;
import org.ddsec.protocol.ibakedd.initiator.Initiator;
import org.ddsec.protocol.ibakedd.recipient.IbakeRecipient;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.server.mailbox.DepositHandler.EndReason;
import org.ddsec.server.mailbox.store.StoredIbakeMessage;
import org.ddsec.server.system.IbakeTestKeys;
import org.ddsec.server.system.LoopbackCaller;
import org.ddsec.server.system.LoopbackServices;
import org.ddsec.server.system.TestUe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mailbox service's IBAKE-DD deposits (seed Fig. 27) driven through {@link DepositHandler} as
 * the SIP front drives them, keys from the KMS over HTTPS (the UEs' by REQUEST_KEY_PSK under
 * their GBA key, the mailbox's own under Km), real SRTP over UDP: a message is stored on BYE, Bob
 * opens its ESK and decrypts the stored media exactly; endings before or after the PRACK store
 * nothing; refusals (100rel missing, SIP/MIKEY identities differing, the seed's ALU1 substitution,
 * a replayed I_MESSAGE_1, a PRACK carrying something else) map to SIP statuses; a restart keeps
 * what was stored; KMS-DD deposits still work beside it.
 */
class IbakeMailboxServiceTest {

  static final String DOMAIN = "ims.example.org";
  @TempDir static Path dir;
  static LoopbackServices s;
  static TestUe alice;
  static TestUe bob;
  static UserKeys aliceKeys;
  static UserKeys bobKeys;
  static int calls;

  @BeforeAll
  static void start() throws Exception {
    s = LoopbackServices.start(LoopbackServices.Options.of(dir, DOMAIN, List.of("sip:alice@" + DOMAIN, "sip:bob@" + DOMAIN))
        .withIbake(IbakeMode.DDSEC_SIGNED));
    alice = TestUe.bootstrap(s, "alice", DOMAIN);
    bob = TestUe.bootstrap(s, "bob", DOMAIN);
    aliceKeys = IbakeTestKeys.provision(s, alice);
    bobKeys = IbakeTestKeys.provision(s, bob);
  }

  @AfterAll
  static void stop() throws Exception {
    s.close();
  }

  static String callId() {
    return "ibake-" + (++calls) + "@test";
  }

  static MailboxService mailbox() {
    return s.mailbox();
  }

  static LoopbackCaller call(UnaryOperator<Bytes> tamper) throws Exception {
    Initiator a = IbakeTestKeys.initiator(s, alice, aliceKeys, IbakeMode.DDSEC_SIGNED);
    return LoopbackCaller.ibakeInvite(mailbox(), a, alice.impu, bob.impu, callId(), tamper);
  }

  /** A deposit of {@code packets} packets ended by {@code end}. */
  static LoopbackCaller deposit(int packets, EndReason end) throws Exception {
    LoopbackCaller c = call(UnaryOperator.identity());
    assertThat(c.progress).as("%s", c.progress).isInstanceOf(DepositAnswer.Progress.class);
    assertThat(c.answer).as("%s", c.answer).isInstanceOf(DepositAnswer.Accept.class);
    assertThat(c.ibake.deferred()).isTrue();
    c.send(packets);
    LoopbackCaller.awaitPackets(mailbox(), c.callId, packets);
    assertThat(mailbox().packetsOf(c.callId)).isEqualTo(packets);
    mailbox().onCallEnded(c.callId, end);
    return c;
  }

  static Bytes msgId(LoopbackCaller c) {
    return c.ibake.msgId().orElseThrow();
  }

  @Test
  void mailboxKeys_provisionedAtStartForThisMonthAndTheNext() {
    KeyPeriod now = KeyPeriod.containing(Instant.now());
    assertThat(mailbox().ibakeKeyPeriods()).contains(now, now.next());
    assertThat(mailbox().ibakeMode()).contains(IbakeMode.DDSEC_SIGNED);
  }

  @Test
  void bye_storesMessage_bobOpensTheEskAndDecryptsTheStoredMediaExactly() throws Exception {
    LoopbackCaller c = deposit(150, EndReason.BYE);
    DepositAnswer.Progress p = (DepositAnswer.Progress) c.progress;
    assertThat(MikeyCodec.decode(p.mikeyResponse()).dataType()).isEqualTo(DataType.R_MESSAGE_1);
    assertThat(MikeyCodec.decode(((DepositAnswer.Accept) c.answer).mikeyResponse()).dataType()).isEqualTo(DataType.R_MESSAGE_2);
    assertThat(((DepositAnswer.Accept) c.answer).localRtp()).isEqualTo(p.localRtp()); // the port of the 183 stays
    StoredIbakeMessage stored = mailbox().ibakeStore().find(msgId(c)).orElseThrow();
    assertThat(stored.deposit().message().idA()).isEqualTo(alice.impu);
    assertThat(stored.deposit().message().idB()).isEqualTo(bob.impu);
    assertThat(stored.media().orElseThrow().packets()).isEqualTo(150);

    IbakeRecipient b = IbakeTestKeys.recipient(s, bob, bobKeys, IbakeMode.DDSEC_SIGNED);
    DeferredMessage m = b.open(stored.deposit().message());
    assertThat(m.originator()).isEqualTo(alice.impu);
    assertThat(m.originatorVerified()).isTrue();
    assertThat(m.ssrc()).isEqualTo(c.ssrc);
    assertThat(m.sk().constantTimeEquals(c.ibake.mediaKey())).isTrue();
    StoredMessage media = mailbox().media().read(stored.media().orElseThrow().mediaId()).orElseThrow();
    assertThat(media.metadata().ssrc()).isEqualTo(c.ssrc);
    try (SrtpMasterKey k = SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, m.srtp().tek(), m.srtp().salt())) {
      MessagePlayer.Playback play = MessagePlayer.play(media, k);
      assertThat(play.report().decrypted()).isEqualTo(150);
      assertThat(play.audio().samples()).isEqualTo(c.expectedPcm());
    }
    // nothing the mailbox stored holds SK or the SRTP keys
    List<byte[]> secrets = List.of(c.ibake.mediaKey().unsafeBytes(), c.ibake.srtp().tek().unsafeBytes(), c.ibake.srtp().salt().unsafeBytes());
    try (Stream<Path> all = Files.walk(dir.resolve("mailbox"))) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        for (byte[] x : secrets) {
          assertThat(Bytes.of(bytes).hex()).as("%s holds a key", f).doesNotContain(Bytes.of(x).hex());
        }
      }
    }
    secrets.forEach(SecretBytes::wipe);
    c.close();
  }

  @Test
  void endedBeforeOrAfterThePrack_orByeWithoutPackets_storesNothing() throws Exception {
    int before = mailbox().ibakeStore().count();
    // before the PRACK: the first round only
    Initiator a = IbakeTestKeys.initiator(s, alice, aliceKeys, IbakeMode.DDSEC_SIGNED);
    Bytes i1 = a.call(bob.impu, 77);
    String early = callId();
    DepositOffer o = new DepositOffer(early, bob.impu, alice.impu, i1, new java.net.InetSocketAddress("127.0.0.1", 40000), 0, true);
    assertThat(mailbox().onInvite(o)).isInstanceOf(DepositAnswer.Progress.class);
    mailbox().onCallEnded(early, EndReason.CANCEL);
    // a PRACK that comes after all: nothing awaits it
    assertThat(mailbox().onPrack(early, i1)).isInstanceOf(DepositAnswer.Reject.class);
    // after the PRACK, with media
    for (EndReason r : new EndReason[] {EndReason.CANCEL, EndReason.TIMEOUT, EndReason.ERROR}) {
      LoopbackCaller c = deposit(10, r);
      assertThat(mailbox().ibakeStore().find(msgId(c))).isEmpty();
      assertThat(mailbox().media().list()).doesNotContain(msgId(c).hex());
      c.close();
    }
    LoopbackCaller empty = deposit(0, EndReason.BYE);
    assertThat(mailbox().ibakeStore().find(msgId(empty))).isEmpty();
    empty.close();
    assertThat(mailbox().ibakeStore().count()).isEqualTo(before);
    try (Stream<Path> st = Files.list(mailbox().media().directory())) {
      assertThat(st.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
    }
  }

  @Test
  void alu1SubstitutedEsk_refused403WithMikeyAuthFailure_nothingStored() throws Exception {
    InsecureOnPathAttacker eve = new InsecureOnPathAttacker(IbakeTestKeys.community(s), SecretBytes.wrap(new byte[16]),
        SecureRandoms.of(RandomSource.secure()));
    int before = mailbox().ibakeStore().count();
    LoopbackCaller c = call(i2 -> eve.substituteEsk(i2, alice.impu, bob.impu));
    DepositAnswer.Reject r = (DepositAnswer.Reject) c.answer;
    assertThat(r.sipStatus()).isEqualTo(403);
    assertThat(MikeyMessages.errorCodeOf(r.mikeyError())).isEqualTo(ErrorCode.AUTH_FAILURE);
    mailbox().onCallEnded(c.callId, EndReason.ERROR); // as the front does after a rejected PRACK
    assertThat(mailbox().ibakeStore().count()).isEqualTo(before);
    assertThat(mailbox().activeDeposits()).isZero();
    c.close();
  }

  @Test
  void refusals_mapToSipStatuses() throws Exception {
    Initiator a = IbakeTestKeys.initiator(s, alice, aliceKeys, IbakeMode.DDSEC_SIGNED);
    java.net.InetSocketAddress rtp = new java.net.InetSocketAddress("127.0.0.1", 40000);
    Bytes i1 = a.call(bob.impu, 88);
    // no 100rel offered: the two rounds cannot run
    assertThat(((DepositAnswer.Reject) mailbox().onInvite(new DepositOffer(callId(), bob.impu, alice.impu, i1, rtp, 0, false))).sipStatus())
        .isEqualTo(421);
    // SIP says bob called, MIKEY says alice
    assertThat(((DepositAnswer.Reject) mailbox().onInvite(new DepositOffer(callId(), bob.impu, bob.impu, i1, rtp, 0, true))).sipStatus())
        .isEqualTo(403);
    // accepted once ...
    String first = callId();
    assertThat(mailbox().onInvite(new DepositOffer(first, bob.impu, alice.impu, i1, rtp, 0, true))).isInstanceOf(DepositAnswer.Progress.class);
    // ... the same I_MESSAGE_1 on another dialog is a replay
    assertThat(((DepositAnswer.Reject) mailbox().onInvite(new DepositOffer(callId(), bob.impu, alice.impu, i1, rtp, 0, true))).sipStatus())
        .isEqualTo(403);
    // the PRACK carries the I_MESSAGE_1 again instead of an I_MESSAGE_2
    assertThat(((DepositAnswer.Reject) mailbox().onPrack(first, i1)).sipStatus()).isEqualTo(488);
    mailbox().onCallEnded(first, EndReason.ERROR);
    // garbage in the INVITE: 488 with a MIKEY Error message
    byte[] g = i1.toByteArray();
    g[g.length / 2] ^= 0x55;
    DepositAnswer.Reject bad = (DepositAnswer.Reject) mailbox().onInvite(new DepositOffer(callId(), bob.impu, alice.impu,
        Bytes.of(java.util.Arrays.copyOf(g, 60)), rtp, 0, true));
    assertThat(bad.sipStatus()).isEqualTo(488);
    assertThat(MikeyCodec.decode(bad.mikeyError()).dataType()).isEqualTo(DataType.ERROR);
    assertThat(mailbox().activeDeposits()).isZero();
  }

  @Test
  void kmsDdDeposit_stillWorksBesideIbake() throws Exception {
    LoopbackCaller c = alice.call(s, mailbox(), bob, callId());
    assertThat(c.answer).isInstanceOf(DepositAnswer.Accept.class);
    c.send(5);
    LoopbackCaller.awaitPackets(mailbox(), c.callId, 5);
    mailbox().onCallEnded(c.callId, EndReason.BYE);
    assertThat(mailbox().store().find(c.keys.msgId())).isPresent();
    c.close();
  }

  @Test
  void restart_keepsStoredMessages_andTakesDepositsAgain() throws Exception {
    LoopbackCaller done = deposit(30, EndReason.BYE);
    LoopbackCaller open = call(UnaryOperator.identity());
    open.send(10);
    LoopbackCaller.awaitPackets(mailbox(), open.callId, 10);
    MailboxService after = s.restartMailbox();
    assertThat(after.ibakeStore().find(msgId(done)).orElseThrow().media().orElseThrow().packets()).isEqualTo(30);
    assertThat(after.media().read(msgId(done).hex()).orElseThrow().packets()).hasSize(30);
    assertThat(after.ibakeStore().find(msgId(open))).isEmpty();
    LoopbackCaller again = deposit(5, EndReason.BYE);
    assertThat(after.ibakeStore().find(msgId(again))).isPresent();
    for (LoopbackCaller c : List.of(done, open, again)) {
      c.close();
    }
  }

  @Test
  void mailboxWithoutIbake_refusesIMessage1With488() throws Exception {
    Path other = Files.createTempDirectory(dir, "noibake");
    MailboxConfig c = s.mailboxConfig().withIbake(java.util.Optional.empty()).withDb(org.ddsec.server.store.Database.Settings.h2File(other, "m"))
        .withMedia(MailboxConfig.Media.defaults(other.resolve("media")));
    try (MailboxService m = MailboxService.start(c, s.mailboxTls(), java.time.Clock.systemUTC(), RandomSource.secure())) {
      Initiator a = IbakeTestKeys.initiator(s, alice, aliceKeys, IbakeMode.DDSEC_SIGNED);
      DepositAnswer r = m.onInvite(new DepositOffer("x@y", bob.impu, alice.impu, a.call(bob.impu, 5),
          new java.net.InetSocketAddress("127.0.0.1", 40000), 0, true));
      assertThat(((DepositAnswer.Reject) r).sipStatus()).isEqualTo(488);
      assertThat(((DepositAnswer.Reject) r).reason()).contains("not enabled");
    }
  }
}
