package org.ddsec.protocol.kmsdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.TicketPayload;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld.Channel;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld.Envelope;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld.Refusal;
import org.ddsec.protocol.kmsdd.kms.MailboxEntry;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each refusal of the profile's table "seed step → message → check", with the MIKEY ERR code it
 * must produce, and the attacks of the table "Attacks and which layer stops them" — including
 * the "ALU1" substitutions of seed 000 applied to this solution, with e2m off and on.
 */
class KmsDdRejectionTest {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";
  static final String CAROL = "sip:carol@ims.example";

  static KmsDdWorld world(boolean e2m) {
    return new KmsDdWorld(List.of(ALICE, BOB, CAROL), e2m, 11);
  }

  /** The one refusal of the run, which must come from {@code party} with {@code reason}. */
  static MikeyException refusedBy(KmsDdWorld w, String party, Reason reason) {
    List<Refusal> r = w.refusals();
    assertThat(r).as("refusals").isNotEmpty();
    Refusal first = r.get(0);
    assertThat(first.party()).as("refused by; all: %s", r).isEqualTo(party);
    assertThat(first.error().reason()).as("reason of %s", first.error().getMessage()).isEqualTo(reason);
    return first.error();
  }

  /** Replaces the body of the n-th delivery (0-based) by {@code f} of it. */
  static void alter(KmsDdWorld w, int n, UnaryOperator<Bytes> f) {
    AtomicInteger i = new AtomicInteger();
    w.setInterceptor(e -> List.of(i.getAndIncrement() == n ? new Envelope(e.from(), e.to(), e.channel(), f.apply(e.body())) : e));
  }

  /** A TRANSFER_INIT made with Alice's real Ka but other identities inside or outside the ticket. */
  static Bytes forgedTransferInit(KmsDdWorld w, String sender, String plainA, String plainB, String sealedA, String sealedB, boolean e2m) {
    KmsDdWorld.User u = w.user(sender);
    RandomSource r = RandomSource.insecureSeeded(99);
    MikeyMessage m = TransferInit.build(plainA, plainB, List.of(MikeyMessages.uri(IdRole.IDRI, sealedA), MikeyMessages.uri(IdRole.IDRR, sealedB)),
        u.bTid(), u.insecureKsNaf(), KmsDdWorld.KMS_ID, e2m, MikeyMessages.timestamp(w.clock().instant()), r.bytes(16), r.nextU32(), 4711);
    return m.encoded();
  }

  // ---- Fig. 17 step 5 --------------------------------------------------------------------------

  @ParameterizedTest(name = "e2m={0}")
  @ValueSource(booleans = {false, true})
  void deposit_plainAndEncryptedIdADiffer_kmsRefusesInvalidId(boolean e2m) {
    KmsDdWorld w = world(e2m);
    // Alice (holding her own Ka) claims in clear to be Alice but sealed Carol inside the ticket.
    w.send(new Envelope(ALICE, KmsDdWorld.IMS, Channel.SIP, forgedTransferInit(w, ALICE, ALICE, BOB, CAROL, BOB, e2m)));
    w.run();
    MikeyException e = refusedBy(w, KmsDdWorld.KMS_ID, Reason.IDENTITY_REFUSED);
    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ID);
    assertThat(e.field()).isEqualTo("request ID-A");
    assertThat(w.mailboxStore().all()).isEmpty();
  }

  @Test
  void deposit_plainIdANotAnImpuOfKa_kmsRefusesInvalidId() {
    KmsDdWorld w = world(false);
    // Carol uses her own Ka to deposit "from Alice".
    w.send(new Envelope(CAROL, KmsDdWorld.IMS, Channel.SIP, forgedTransferInit(w, CAROL, ALICE, BOB, ALICE, BOB, false)));
    w.run();
    assertThat(refusedBy(w, KmsDdWorld.KMS_ID, Reason.IDENTITY_REFUSED).field()).isEqualTo("request IDRi");
    assertThat(w.mailboxStore().all()).isEmpty();
  }

  @Test
  void deposit_mailboxIsNotBobsMailbox_kmsRefusesInvalidId() {
    KmsDdWorld w = world(false);
    w.registry().assign(BOB, "sip:vm2.ims.example");
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    MikeyException e = refusedBy(w, KmsDdWorld.KMS_ID, Reason.IDENTITY_REFUSED);
    assertThat(e.getMessage()).contains("the mailbox of " + BOB);
    // The caller learns it from the mailbox's Error message.
    assertThat(w.refusals()).extracting(Refusal::party).contains(ALICE);
    assertThat(w.refusals().get(w.refusals().size() - 1).error().errorCode()).isEqualTo(ErrorCode.INVALID_ID);
  }

  @Test
  void deposit_mailboxUsesAnotherMailboxesKm_kmsRefusesInvalidId() {
    KmsDdWorld w = world(false);
    // A second mailbox the KMS knows: its Km is valid, but IDRr says it is the first one.
    w.registry().addMailbox(new MailboxEntry("sip:vm2.ims.example", KmsDdWorld.MAILBOX_KEY_ID + "-other",
        w.registry().byKeyId(KmsDdWorld.MAILBOX_KEY_ID).orElseThrow().km()));
    alter(w, 2, b -> replaceUtf8(b, KmsDdWorld.MAILBOX_KEY_ID, KmsDdWorld.MAILBOX_KEY_ID + "-other"));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    // Editing IDRpsk breaks the MAC first: the mailbox cannot re-MAC without being that mailbox.
    refusedBy(w, KmsDdWorld.KMS_ID, Reason.AUTH_FAILURE);
  }

  @Test
  void deposit_kaExpired_kmsRefusesInvalidTicket() {
    KmsDdWorld w = world(false);
    w.bootstrap(ALICE, Duration.ofMinutes(1));
    w.clock().advance(Duration.ofMinutes(2));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    MikeyException e = refusedBy(w, KmsDdWorld.KMS_ID, Reason.TICKET_REFUSED);
    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TICKET);
    assertThat(e.getMessage()).contains("expired");
  }

  @Test
  void deposit_unknownBTid_kmsRefusesInvalidTicket() {
    KmsDdWorld w = world(false);
    KmsDdWorld.User a = w.user(ALICE);
    KmsDdWorld fresh = new KmsDdWorld(List.of(ALICE, BOB), false, 12);
    // A world whose BSF never saw this B-TID: deposit Alice's message made in the other world.
    fresh.send(new Envelope(ALICE, KmsDdWorld.IMS, Channel.SIP, a.caller().call(BOB, 1)));
    fresh.run();
    refusedBy(fresh, KmsDdWorld.KMS_ID, Reason.TICKET_REFUSED);
  }

  @Test
  void deposit_forUserTheMailboxDoesNotServe_mailboxRefusesInvalidId() {
    KmsDdWorld w = world(false);
    w.send(new Envelope(ALICE, KmsDdWorld.IMS, Channel.SIP, forgedTransferInit(w, ALICE, ALICE, "sip:dave@ims.example", ALICE,
        "sip:dave@ims.example", false)));
    w.run();
    refusedBy(w, KmsDdWorld.MAILBOX_ID, Reason.IDENTITY_REFUSED);
  }

  @Test
  void deposit_staleTransferInit_mailboxRefusesInvalidTs() {
    KmsDdWorld w = world(false);
    Bytes ti = w.user(ALICE).caller().call(BOB, 1);
    w.clock().advance(Duration.ofMinutes(10));
    w.send(new Envelope(ALICE, KmsDdWorld.IMS, Channel.SIP, ti));
    w.run();
    assertThat(refusedBy(w, KmsDdWorld.MAILBOX_ID, Reason.INVALID_TIMESTAMP).errorCode()).isEqualTo(ErrorCode.INVALID_TS);
  }

  // ---- Fig. 18 step 5 --------------------------------------------------------------------------

  @ParameterizedTest(name = "e2m={0}")
  @ValueSource(booleans = {false, true})
  void retrieval_thirdUserWithStolenEntry_kmsRefusesInvalidId(boolean e2m) throws MikeyException {
    KmsDdWorld w = world(e2m);
    w.deposit(ALICE, BOB).orElseThrow();
    DepositParameters bobs = w.mailboxStore().forRecipient(BOB).get(0).parameters();
    // Carol resolves Bob's message with her own Kc, naming herself.
    KmsDdWorld.User c = w.user(CAROL);
    w.send(new Envelope(CAROL, KmsDdWorld.KMS_ID, Channel.KMS, c.recipient().retrieve(bobs)));
    w.run();
    MikeyException e = refusedBy(w, KmsDdWorld.KMS_ID, Reason.IDENTITY_REFUSED);
    assertThat(e.getMessage()).contains("the recipient of this message");
  }

  @Test
  void retrieval_thirdUserClaimingToBeBob_kmsRefusesInvalidId() throws MikeyException {
    KmsDdWorld w = world(false);
    w.deposit(ALICE, BOB).orElseThrow();
    DepositParameters bobs = w.mailboxStore().forRecipient(BOB).get(0).parameters();
    // Carol's recipient role, configured with IDRr = Bob but Carol's B-TID and Kc.
    KmsDdWorld.User c = w.user(CAROL);
    var fake = new org.ddsec.protocol.kmsdd.recipient.Recipient(
        org.ddsec.protocol.kmsdd.recipient.Recipient.Config.of(BOB, c.bTid(), KmsDdWorld.KMS_ID, KmsDdWorld.MAILBOX_ID),
        c.insecureKsNaf(), w.clock(), RandomSource.insecureSeeded(3), org.ddsec.protocol.trace.Trace.NONE);
    Bytes ri = fake.retrieve(bobs);
    assertThat(MikeyMessages.errorCodeOf(w.kms().handle(ri).response())).isEqualTo(ErrorCode.INVALID_ID);
  }

  @ParameterizedTest(name = "e2m={0}")
  @ValueSource(booleans = {false, true})
  void retrieval_anotherMessagesToken_kmsRefusesInvalidTicket(boolean e2m) throws MikeyException {
    KmsDdWorld w = world(e2m);
    w.deposit(ALICE, BOB).orElseThrow();
    w.deposit(CAROL, BOB).orElseThrow();
    List<DepositParameters> bobs = new ArrayList<>();
    w.mailboxStore().forRecipient(BOB).forEach(r -> bobs.add(r.parameters()));
    DepositParameters first = bobs.get(0);
    DepositParameters swapped = new DepositParameters(first.msgId(), first.idA(), first.idB(), first.transferInit(), bobs.get(1).token());
    Bytes ri = w.user(BOB).recipient().retrieve(swapped);
    Bytes resp = w.kms().handle(ri).response();
    assertThat(MikeyMessages.errorCodeOf(resp)).isIn(ErrorCode.INVALID_TICKET, ErrorCode.INVALID_ID);
  }

  @Test
  void retrieval_tokenSwappedBetweenTwoOfAlicesMessages_kmsRefusesInvalidTicket() throws MikeyException {
    KmsDdWorld w = world(false);
    w.deposit(ALICE, BOB).orElseThrow();
    w.deposit(ALICE, BOB).orElseThrow();
    List<DepositParameters> bobs = new ArrayList<>();
    w.mailboxStore().forRecipient(BOB).forEach(r -> bobs.add(r.parameters()));
    DepositParameters first = bobs.get(0);
    DepositParameters swapped = new DepositParameters(first.msgId(), first.idA(), first.idB(), first.transferInit(), bobs.get(1).token());
    KmsRefusal r = kmsResult(w, w.user(BOB).recipient().retrieve(swapped));
    assertThat(r.reason()).isEqualTo(Reason.TICKET_REFUSED);
    assertThat(r.message()).contains("msg-id");
  }

  @Test
  void retrieval_keyVersionRetiredWithinRetention_stillResolves_thenBeyondRetention_refused() {
    KmsDdWorld w = world(false);
    w.deposit(ALICE, BOB).orElseThrow();
    w.clock().advance(Duration.ofDays(1));
    w.keyRing().rotate(w.clock().instant());
    w.bootstrap(BOB, Duration.ofDays(60));
    assertThat(w.retrieveAll(BOB)).hasSize(1);
    assertThat(w.refusals()).isEmpty();

    KmsDdWorld w2 = world(false);
    w2.deposit(ALICE, BOB).orElseThrow();
    w2.clock().advance(Duration.ofDays(1));
    w2.keyRing().rotate(w2.clock().instant());
    w2.clock().advance(Duration.ofDays(31));
    w2.bootstrap(BOB, Duration.ofDays(60));
    assertThat(w2.retrieveAll(BOB)).isEmpty();
    MikeyException e = refusedBy(w2, KmsDdWorld.KMS_ID, Reason.TICKET_REFUSED);
    assertThat(e.getMessage()).contains("key version 1");
  }

  @Test
  void retrieval_tokenNamesUnknownKeyVersion_kmsRefusesInvalidTicket() {
    KmsDdWorld w = world(false);
    w.deposit(ALICE, BOB).orElseThrow();
    // The token's THDR names version 2, which never existed (THDR: 01 | version | e2m | msg-id).
    KmsDdWorld.User bob = w.user(BOB);
    DepositParameters d = w.mailboxStore().forRecipient(BOB).get(0).parameters();
    byte[] tok = d.token().toByteArray();
    int at = indexOf(tok, new byte[] {0x01, 0x00, 0x00, 0x00, 0x01});
    tok[at + 4] = 0x02;
    DepositParameters bad = new DepositParameters(d.msgId(), d.idA(), d.idB(), d.transferInit(), Bytes.of(tok));
    KmsRefusal r = kmsResult(w, retrieveQuietly(bob, bad));
    assertThat(r.reason()).isEqualTo(Reason.TICKET_REFUSED);
    assertThat(r.message()).contains("key version 2");
  }

  @Test
  void retrieval_kbExpired_kmsRefusesAuthFailure() {
    KmsDdWorld w = world(false);
    w.bootstrap(BOB, Duration.ofMinutes(5));
    w.deposit(ALICE, BOB).orElseThrow();
    w.clock().advance(Duration.ofMinutes(6));
    assertThat(w.retrieveAll(BOB)).isEmpty();
    MikeyException e = refusedBy(w, KmsDdWorld.KMS_ID, Reason.AUTH_FAILURE);
    assertThat(e.getMessage()).contains("Kb of").contains("expired");
  }

  @Test
  void retrieval_kaExpiredSinceDeposit_isFine_storedHopChecksTheOriginalT() {
    KmsDdWorld w = world(false);
    w.bootstrap(ALICE, Duration.ofMinutes(5));
    w.deposit(ALICE, BOB).orElseThrow();
    w.clock().advance(Duration.ofDays(3));
    w.bootstrap(BOB, Duration.ofDays(1));
    assertThat(w.retrieveAll(BOB)).hasSize(1);
    assertThat(w.refusals()).isEmpty();
  }

  @Test
  void retrieval_afterRetention_kmsRefusesInvalidTicket() {
    KmsDdWorld w = world(false);
    w.deposit(ALICE, BOB).orElseThrow();
    w.clock().advance(Duration.ofDays(30).plusMinutes(1));
    w.bootstrap(BOB, Duration.ofDays(1));
    assertThat(w.retrieveAll(BOB)).isEmpty();
    assertThat(refusedBy(w, KmsDdWorld.KMS_ID, Reason.TICKET_REFUSED).getMessage()).contains("retention");
  }

  @Test
  void retrieval_mailboxPosingAsRecipient_kmsRefusesAuthFailure() throws MikeyException {
    KmsDdWorld w = world(false);
    w.deposit(ALICE, BOB).orElseThrow();
    DepositParameters d = w.mailboxStore().forRecipient(BOB).get(0).parameters();
    // The mailbox has Km only; it names its Km id as the PSK and Bob as itself.
    var fake = new org.ddsec.protocol.kmsdd.recipient.Recipient(
        org.ddsec.protocol.kmsdd.recipient.Recipient.Config.of(BOB, KmsDdWorld.MAILBOX_KEY_ID, KmsDdWorld.KMS_ID, KmsDdWorld.MAILBOX_ID),
        w.registry().byKeyId(KmsDdWorld.MAILBOX_KEY_ID).orElseThrow().km(), w.clock(), RandomSource.insecureSeeded(5),
        org.ddsec.protocol.trace.Trace.NONE);
    KmsRefusal r = kmsResult(w, fake.retrieve(d));
    assertThat(r.reason()).isEqualTo(Reason.AUTH_FAILURE);
  }

  // ---- ALU1 substitutions (seed 000) applied to KMS-DD -------------------------------------------

  @ParameterizedTest(name = "e2m={0}")
  @ValueSource(booleans = {false, true})
  void alu1_attackerSwapsRequestTicketForItsOwn_kmsRefuses(boolean e2m) throws MikeyException {
    KmsDdWorld w = world(e2m);
    // Carol (the attacker, on path) builds a request ticket with her own Ka, claiming Alice.
    Bytes carols = forgedTransferInit(w, CAROL, ALICE, BOB, ALICE, BOB, e2m);
    TicketPayload carolsTicket = MikeyCodec.decode(carols).first(TicketPayload.class).orElseThrow();
    alter(w, 1, b -> swapTicket(b, carolsTicket));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    // Without e2m the mailbox cannot see the swap; the KMS refuses: Alice is no IMPU of Carol's key.
    MikeyException e = refusedBy(w, KmsDdWorld.KMS_ID, Reason.IDENTITY_REFUSED);
    assertThat(e.field()).isEqualTo("request IDRi");
    assertThat(w.mailboxStore().all()).isEmpty();
  }

  @ParameterizedTest(name = "e2m={0}")
  @ValueSource(booleans = {false, true})
  void alu1_attackerSwapsKeysTicketInTransferResp_callerRefusesAuthFailure(boolean e2m) {
    KmsDdWorld w = world(e2m);
    // The attacker (Carol) deposits to Bob herself and keeps the keys ticket she gets.
    w.deposit(CAROL, BOB).orElseThrow();
    TicketPayload carolsKeys = lastKeysTicket(w);
    alter(w, 5, b -> swapTicket(b, carolsKeys)); // delivery 5 of the next deposit: IMS core -> Alice
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    refusedBy(w, ALICE, Reason.AUTH_FAILURE);
  }

  @ParameterizedTest(name = "e2m={0}")
  @ValueSource(booleans = {false, true})
  void tamperedSsrcInTransferInit_refusedAtDepositWithE2m_atRetrievalWithout(boolean e2m) {
    KmsDdWorld w = world(e2m);
    // HDR: version, data type, next payload, V/PRF, CSB ID (4), #CS, map type, Policy_no, SSRC (4)...
    alter(w, 1, b -> {
      byte[] x = b.toByteArray();
      x[11] ^= 0x01;
      return Bytes.of(x);
    });
    if (e2m) {
      assertThat(w.deposit(ALICE, BOB)).isEmpty();
      refusedBy(w, KmsDdWorld.MAILBOX_ID, Reason.AUTH_FAILURE);
      assertThat(w.mailboxStore().all()).isEmpty();
    } else {
      // The mailbox cannot tell; it stores the deposit and echoes the CS ID map, which Alice sees differ.
      assertThat(w.deposit(ALICE, BOB)).isEmpty();
      refusedBy(w, ALICE, Reason.MALFORMED);
      assertThat(w.mailboxStore().all()).hasSize(1);
      // Bob refuses the stored TRANSFER_INIT: its V does not verify under MPKi.
      assertThat(w.retrieveAll(BOB)).isEmpty();
      assertThat(w.refusals()).extracting(Refusal::party).contains(BOB);
      assertThat(w.refusals().get(w.refusals().size() - 1).error().reason()).isEqualTo(Reason.AUTH_FAILURE);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  record KmsRefusal(Reason reason, String message) {}

  static KmsRefusal kmsResult(KmsDdWorld w, Bytes request) {
    MikeyException e = w.kms().handle(request).refusal().orElseThrow(() -> new AssertionError("accepted"));
    return new KmsRefusal(e.reason(), e.getMessage());
  }

  static Bytes retrieveQuietly(KmsDdWorld.User u, DepositParameters d) {
    try {
      return u.recipient().retrieve(d);
    } catch (MikeyException e) {
      throw new AssertionError(e);
    }
  }

  static TicketPayload lastKeysTicket(KmsDdWorld w) {
    List<Envelope> all = w.delivered();
    for (int i = all.size() - 1; i >= 0; i--) {
      Envelope e = all.get(i);
      if (e.channel() == Channel.SIP && e.from().equals(KmsDdWorld.IMS)) {
        try {
          return MikeyCodec.decode(e.body()).first(TicketPayload.class).orElseThrow();
        } catch (MikeyException x) {
          throw new AssertionError(x);
        }
      }
    }
    throw new AssertionError("no TRANSFER_RESP");
  }

  /** The same message with its TICKET payload replaced (no MAC is recomputed: the attacker has no key). */
  static Bytes swapTicket(Bytes message, TicketPayload replacement) {
    try {
      MikeyMessage m = MikeyCodec.decode(message);
      List<org.ddsec.mikey.payload.Payload> ps = new ArrayList<>(m.payloads());
      for (int i = 0; i < ps.size(); i++) {
        if (ps.get(i) instanceof TicketPayload) {
          ps.set(i, replacement);
        }
      }
      return MikeyCodec.encode(m.header(), ps).encoded();
    } catch (MikeyException e) {
      throw new AssertionError(e);
    }
  }

  static Bytes replaceUtf8(Bytes b, String from, String to) {
    byte[] x = b.toByteArray();
    byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = indexOf(x, f);
    assertThat(at).isNotNegative();
    byte[] t = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[x.length - f.length + t.length];
    System.arraycopy(x, 0, out, 0, at);
    System.arraycopy(t, 0, out, at, t.length);
    System.arraycopy(x, at + f.length, out, at + t.length, x.length - at - f.length);
    // fix the IDR "ID len" field just before the identity
    int len = ((out[at - 2] & 0xFF) << 8 | (out[at - 1] & 0xFF)) + t.length - f.length;
    out[at - 2] = (byte) (len >>> 8);
    out[at - 1] = (byte) len;
    return Bytes.of(out);
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
