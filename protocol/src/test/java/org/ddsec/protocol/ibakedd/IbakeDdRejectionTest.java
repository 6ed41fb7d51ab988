package org.ddsec.protocol.ibakedd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ecdh.EcdhP256;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.EskPayload;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.RandPayload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.protocol.flow.Channel;
import org.ddsec.protocol.flow.Envelope;
import org.ddsec.protocol.flow.Refusal;
import org.ddsec.protocol.ibakedd.IbakeMessages.IbakeContent;
import org.ddsec.protocol.ibakedd.UserKeys.PeriodKeys;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.ddsec.protocol.ibakedd.initiator.Initiator;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each check of the profile's table "seed step → message → check" with the reason (and MIKEY ERR
 * code) it produces, in both profiles where they differ; the wrong-period cases; and the checks
 * of the recipient at step 12.
 */
class IbakeDdRejectionTest {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";
  static final String CAROL = "sip:carol@ims.example";

  /** One provisioned world; each test runs in a fork of it (same keys, fresh state). */
  static final IbakeDdWorld BASE = new IbakeDdWorld(List.of(ALICE, BOB, CAROL), IbakeMode.DDSEC_SIGNED, 11);

  static IbakeDdWorld world(IbakeMode mode) {
    return BASE.fork(mode, 11);
  }

  /** The first refusal of the run, which must come from {@code party} with {@code reason}. */
  static MikeyException refusedBy(IbakeDdWorld w, String party, Reason reason) {
    List<Refusal> r = w.refusals();
    assertThat(r).as("refusals").isNotEmpty();
    Refusal first = r.get(0);
    assertThat(first.party()).as("refused by; all: %s", r).isEqualTo(party);
    assertThat(first.error().reason()).as("reason of %s", first.error().getMessage()).isEqualTo(reason);
    return first.error();
  }

  /** Replaces every body matching {@code which} on its way to {@code to} by {@code f} of it. */
  static void alter(IbakeDdWorld w, String to, DataType which, java.util.function.UnaryOperator<Bytes> f) {
    w.setInterceptor(e -> List.of(e.to().equals(to) && e.body().length() > 1 && e.body().get(1) == which.code() ? e.withBody(f.apply(e.body())) : e));
  }

  static PeriodKeys keys(IbakeDdWorld w, String who) {
    return w.user(who).keys().get(KeyPeriod.containing(w.clock().instant())).orElseThrow();
  }

  // ---- step 2: I_MESSAGE_1 at the mailbox ---------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void iMessage1_stale_mailboxRefusesInvalidTs_callerLearnsIt(IbakeMode mode) throws MikeyException {
    IbakeDdWorld w = world(mode);
    Bytes i1 = w.user(ALICE).initiator().call(BOB, 1);
    w.clock().advance(Duration.ofMinutes(10));
    w.send(new Envelope(ALICE, IbakeDdWorld.IMS, Channel.SIP, i1));
    w.run();
    assertThat(refusedBy(w, IbakeDdWorld.MAILBOX_ID, Reason.INVALID_TIMESTAMP).errorCode()).isEqualTo(ErrorCode.INVALID_TS);
    // The mailbox answered with an Error message carrying Invalid TS (A's own exchange had timed out by then).
    Envelope err = w.delivered().stream().filter(e -> e.from().equals(IbakeDdWorld.MAILBOX_ID) && e.channel() == Channel.SIP).findFirst().orElseThrow();
    assertThat(MikeyMessages.errorCodeOf(err.body())).isEqualTo(ErrorCode.INVALID_TS);
    assertThat(w.user(ALICE).initiator().pendingCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void iMessage1_forUserTheMailboxDoesNotServe_refusedInvalidId(IbakeMode mode) throws MikeyException {
    IbakeDdWorld w = world(mode);
    w.send(new Envelope(ALICE, IbakeDdWorld.IMS, Channel.SIP, w.user(ALICE).initiator().call("sip:dave@ims.example", 1)));
    w.run();
    assertThat(refusedBy(w, IbakeDdWorld.MAILBOX_ID, Reason.IDENTITY_REFUSED).errorCode()).isEqualTo(ErrorCode.INVALID_ID);
  }

  @Test
  void signed_iMessage1SignedByAnotherUser_mailboxRefusesAuthFailure() {
    IbakeDdWorld w = world(IbakeMode.DDSEC_SIGNED);
    PeriodKeys carol = keys(w, CAROL);
    // Carol relays Alice's I_MESSAGE_1 with her own signature (IDRi still says Alice).
    alter(w, IbakeDdWorld.MAILBOX_ID, DataType.I_MESSAGE_1, b -> Forge.resign(b, carol.ssk(), ALICE, BOB));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    assertThat(refusedBy(w, IbakeDdWorld.MAILBOX_ID, Reason.AUTH_FAILURE).field()).isEqualTo("Signature");
  }

  @Test
  void signed_iMessage1SignedWithNextMonthsKey_refusedAuthFailure() {
    IbakeDdWorld w = world(IbakeMode.DDSEC_SIGNED);
    KeyPeriod next = KeyPeriod.containing(w.clock().instant()).next();
    assertThat(w.provision(ALICE, List.of(next))).isTrue();
    PeriodKeys jan = w.user(ALICE).keys().get(next).orElseThrow();
    alter(w, IbakeDdWorld.MAILBOX_ID, DataType.I_MESSAGE_1, b -> Forge.resign(b, jan.ssk(), ALICE, BOB));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    assertThat(refusedBy(w, IbakeDdWorld.MAILBOX_ID, Reason.AUTH_FAILURE).getMessage()).contains(KeyPeriod.containing(w.clock().instant()).toString());
  }

  @Test
  void strict_iMessage1FromAnyoneClaimingAlice_isAnswered_stepTwoAuthenticatesNobody() throws MikeyException {
    IbakeDdWorld w = world(IbakeMode.STRICT_RFC_6267);
    // Carol builds an I_MESSAGE_1 "from Alice": no key of Alice's is needed in RFC 6267.
    IbakeDdWorld.User carol = w.user(CAROL);
    Initiator fake = new Initiator(Initiator.Config.of(CAROL, IbakeMode.STRICT_RFC_6267, (b, r) -> true), w.community(), carol.keys(),
        w.clock(), RandomSource.insecureSeeded(4), Trace.NONE);
    Bytes mine = fake.call(BOB, 9);
    Bytes asAlice = Forge.edit(mine, p -> p instanceof org.ddsec.mikey.payload.IdRolePayload id && id.idRole() == IdRole.IDRI.code()
        ? MikeyMessages.uri(IdRole.IDRI, ALICE) : p);
    ResponderOutcome<StoredMessage> o = w.mailbox().onMessage(asAlice);
    assertThat(o.refusal()).isEmpty();
    // The answer is encrypted to Alice: Carol cannot read the mailbox's yP, so she cannot go on (step 6).
    assertThat(MikeyMessages.summary(Forge.decode(o.reply().orElseThrow()))).contains("IDRi(" + ALICE + ")");
  }

  @Test
  void profileMismatch_eachSideRefusesTheOthersIMessage1() throws MikeyException {
    IbakeDdWorld signed = world(IbakeMode.DDSEC_SIGNED);
    Initiator strictAlice = new Initiator(Initiator.Config.of(ALICE, IbakeMode.STRICT_RFC_6267, (b, r) -> true), signed.community(),
        signed.user(ALICE).keys(), signed.clock(), RandomSource.insecureSeeded(5), Trace.NONE);
    MikeyException a = signed.mailbox().onMessage(strictAlice.call(BOB, 1)).refusal().orElseThrow();
    assertThat(a.reason()).isEqualTo(Reason.AUTH_FAILURE);
    assertThat(a.field()).isEqualTo("SIGN");
    IbakeDdWorld strict = world(IbakeMode.STRICT_RFC_6267);
    Initiator signedAlice = new Initiator(Initiator.Config.of(ALICE, IbakeMode.DDSEC_SIGNED, (b, r) -> true), strict.community(),
        strict.user(ALICE).keys(), strict.clock(), RandomSource.insecureSeeded(5), Trace.NONE);
    MikeyException s = strict.mailbox().onMessage(signedAlice.call(BOB, 1)).refusal().orElseThrow();
    assertThat(s.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(s.field()).isEqualTo("SIGN");
  }

  // ---- step 4: R_MESSAGE_1 at A ---------------------------------------------------------------------

  /** An R_MESSAGE_1 answering {@code genuine}'s exchange, made by {@code who} with its own key and [y]P. */
  static Bytes r1By(IbakeDdWorld w, Bytes genuine, String who, Optional<Bytes> eccptI, IbakeMode mode) {
    MikeyMessage g = Forge.decode(genuine);
    TimestampPayload t = g.first(TimestampPayload.class).orElseThrow();
    KeyPeriod p = KeyPeriod.containing(w.clock().instant());
    Bytes yP = EcdhP256.generate(Forge.RANDOM).publicPoint();
    try {
      return IbakeMessages.seal(IbakeMessages.header(DataType.R_MESSAGE_1, g.header().csbId(), g.header().csIdMap()),
          List.of(t, MikeyMessages.uri(IdRole.IDRI, ALICE), MikeyMessages.uri(IdRole.IDRR, who),
              IbakeMessages.encryptIbake(w.community(), IbakeMessages.identity(p, ALICE, "IDRi"), DataType.R_MESSAGE_1, g.header().csbId(),
                  new IbakeContent(ALICE, eccptI, Optional.of(who), Optional.of(yP)), Forge.RANDOM)),
          mode, keys(w, CAROL).ssk(), ALICE, who, Forge.RANDOM).encoded();
    } catch (MikeyException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void rMessage1_fromAResponderThatIsNoDeferredDeliveryServer_aRefusesInvalidId(IbakeMode mode) {
    IbakeDdWorld w = world(mode);
    // Carol answers in Bob's stead, with her own (valid) keys and signature: she is not Bob's mailbox.
    alter(w, ALICE, DataType.R_MESSAGE_1, b -> r1By(w, b, CAROL, Optional.empty(), mode));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    MikeyException e = refusedBy(w, ALICE, Reason.IDENTITY_REFUSED);
    assertThat(e.field()).isEqualTo("IDRr");
    assertThat(w.mailboxStore().all()).isEmpty();
  }

  @Test
  void strict_rMessage1FromSomeoneWhoCouldNotDecryptIMessage1_aRefusesAuthFailure() {
    IbakeDdWorld w = world(IbakeMode.STRICT_RFC_6267);
    w.setOnline(BOB, true);
    // An attacker answers as Bob (no signature in RFC 6267) but cannot know A's [x]P: it guesses a point.
    Bytes guess = EcdhP256.generate(Forge.RANDOM).publicPoint();
    alter(w, ALICE, DataType.R_MESSAGE_1, b -> r1By(w, b, BOB, Optional.of(guess), IbakeMode.STRICT_RFC_6267));
    assertThat(w.call(ALICE, BOB)).isEmpty();
    assertThat(refusedBy(w, ALICE, Reason.AUTH_FAILURE).field()).isEqualTo("ECCPTi");
  }

  @Test
  void signed_rMessage1AsBobSignedByAnother_aRefusesAuthFailure() {
    IbakeDdWorld w = world(IbakeMode.DDSEC_SIGNED);
    Bytes guess = EcdhP256.generate(Forge.RANDOM).publicPoint();
    alter(w, ALICE, DataType.R_MESSAGE_1, b -> r1By(w, b, BOB, Optional.of(guess), IbakeMode.DDSEC_SIGNED));
    assertThat(w.call(ALICE, BOB)).isEmpty();
    assertThat(refusedBy(w, ALICE, Reason.AUTH_FAILURE).field()).isEqualTo("Signature");
  }

  // ---- step 6: I_MESSAGE_2 at the mailbox -----------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void iMessage2_withoutEsk_mailboxRefuses(IbakeMode mode) {
    IbakeDdWorld w = world(mode);
    alter(w, IbakeDdWorld.MAILBOX_ID, DataType.I_MESSAGE_2, b -> Forge.edit(b, p -> p instanceof EskPayload ? null : p));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    MikeyException e = refusedBy(w, IbakeDdWorld.MAILBOX_ID, mode == IbakeMode.DDSEC_SIGNED ? Reason.AUTH_FAILURE : Reason.MALFORMED);
    assertThat(e.field()).isEqualTo(mode == IbakeMode.DDSEC_SIGNED ? "Signature" : "ESK");
    assertThat(w.mailboxStore().all()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void iMessage2_otherRand_mailboxRefuses(IbakeMode mode) {
    IbakeDdWorld w = world(mode);
    alter(w, IbakeDdWorld.MAILBOX_ID, DataType.I_MESSAGE_2, b -> Forge.edit(b, p -> p instanceof RandPayload ? new RandPayload(Bytes.of(new byte[16])) : p));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    refusedBy(w, IbakeDdWorld.MAILBOX_ID, mode == IbakeMode.DDSEC_SIGNED ? Reason.AUTH_FAILURE : Reason.MALFORMED);
  }

  // ---- step 8: R_MESSAGE_2 at A ---------------------------------------------------------------------

  /** A world whose mailbox reports its R_MESSAGE_2 auth_key (through the audit tap) to {@code key}. */
  static IbakeDdWorld tapped(IbakeMode mode, AtomicReference<SecretBytes> key) {
    return BASE.fork(mode, 12, Trace.NONE, (what, bytes) -> {
      if (what.equals("derived auth_key")) {
        key.set(SecretBytes.copyOf(bytes));
      }
    });
  }

  /** R_MESSAGE_2 like {@code genuine} but with {@code ibake} instead (or none), V under {@code auth}. */
  static Bytes r2(Bytes genuine, Optional<org.ddsec.mikey.payload.IbakePayload> ibake, SecretBytes auth) {
    MikeyMessage g = Forge.decode(genuine);
    List<org.ddsec.mikey.payload.Payload> body = new ArrayList<>(g.payloads().subList(0, 3));
    ibake.ifPresent(body::add);
    return VerificationPayloads.seal(g.header(), body, IbakeProfile.MAC, auth, Bytes.utf8(ALICE).toByteArray(),
        Bytes.utf8(IbakeDdWorld.MAILBOX_ID).toByteArray()).encoded();
  }

  @Test
  void rMessage2_underAnotherKey_aRefusesAuthFailure() {
    IbakeDdWorld w = world(IbakeMode.STRICT_RFC_6267);
    alter(w, ALICE, DataType.R_MESSAGE_2, b -> r2(b, Optional.of((org.ddsec.mikey.payload.IbakePayload) Forge.decode(b).payloads().get(3)),
        SecretBytes.wrap(new byte[32])));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    assertThat(refusedBy(w, ALICE, Reason.AUTH_FAILURE).field()).isEqualTo("Ver data");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void deferredRMessage2_withoutIbake_aRefusesAuthFailure_evenUnderTheRightKey(IbakeMode mode) {
    AtomicReference<SecretBytes> auth = new AtomicReference<>();
    IbakeDdWorld w = tapped(mode, auth);
    alter(w, ALICE, DataType.R_MESSAGE_2, b -> r2(b, Optional.empty(), auth.get()));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    assertThat(refusedBy(w, ALICE, Reason.AUTH_FAILURE).field()).isEqualTo("IBAKE");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void deferredRMessage2_ibakeWithoutOurPoint_aRefusesAuthFailure(IbakeMode mode) {
    AtomicReference<SecretBytes> auth = new AtomicReference<>();
    IbakeDdWorld w = tapped(mode, auth);
    alter(w, ALICE, DataType.R_MESSAGE_2, b -> {
      MikeyMessage g = Forge.decode(b);
      var ib = IbakeMessages.encryptIbake(w.community(), org.ddsec.crypto.ibe.Identity.of(KeyPeriod.containing(w.clock().instant()), ALICE),
          DataType.R_MESSAGE_2, g.header().csbId(), new IbakeContent(ALICE, Optional.of(EcdhP256.generate(Forge.RANDOM).publicPoint()),
              Optional.empty(), Optional.empty()), Forge.RANDOM);
      return r2(b, Optional.of(ib), auth.get());
    });
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    assertThat(refusedBy(w, ALICE, Reason.AUTH_FAILURE).field()).isEqualTo("IBAKE data");
  }

  // ---- step 12: B opens a stored message ------------------------------------------------------------

  static StoredMessage stored(IbakeDdWorld w) {
    w.deposit(ALICE, BOB).orElseThrow();
    return w.mailboxStore().forRecipient(BOB).get(0).message();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void open_someoneElsesMessage_refused(IbakeMode mode) {
    IbakeDdWorld w = world(mode);
    StoredMessage m = stored(w);
    // Carol is handed Bob's entry: not hers.
    assertThat(assertThrows(MikeyException.class, () -> w.user(CAROL).recipient().open(m)).reason()).isEqualTo(Reason.IDENTITY_REFUSED);
    // Relabelled for Carol: the ESK is encrypted to Bob, Carol's key cannot open it.
    StoredMessage relabelled = new StoredMessage(m.msgId(), m.idA(), CAROL, m.iMessage2());
    MikeyException e = assertThrows(MikeyException.class, () -> w.user(CAROL).recipient().open(relabelled));
    assertThat(e.reason()).isEqualTo(Reason.AUTH_FAILURE);
    assertThat(e.field()).isEqualTo("ESK Encr data");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void open_originatorNotTheOneInTheMessage_refusedInvalidId(IbakeMode mode) {
    IbakeDdWorld w = world(mode);
    StoredMessage m = stored(w);
    StoredMessage claim = new StoredMessage(m.msgId(), CAROL, BOB, m.iMessage2());
    assertThat(assertThrows(MikeyException.class, () -> w.user(BOB).recipient().open(claim)).field()).isEqualTo("inbox ID-A");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void open_beyondRetention_refusedInvalidTs(IbakeMode mode) {
    IbakeDdWorld w = world(mode);
    StoredMessage m = stored(w);
    w.clock().advance(IbakeProfile.DEFAULT_RETENTION.plusMinutes(1));
    assertThat(assertThrows(MikeyException.class, () -> w.user(BOB).recipient().open(m)).reason()).isEqualTo(Reason.INVALID_TIMESTAMP);
  }

  // ---- wrong key periods --------------------------------------------------------------------------

  @Test
  void ibakeForOneMonth_decryptedWithTheKeyOfAnother_refusedAuthFailure() throws MikeyException {
    IbakeDdWorld w = world(IbakeMode.DDSEC_SIGNED);
    KeyPeriod dec = KeyPeriod.containing(w.clock().instant());
    assertThat(w.provision(BOB, List.of(dec.next()))).isTrue();
    Bytes i1 = w.user(ALICE).initiator().call(BOB, 1);
    IbakeMessages.Received r = IbakeMessages.parse(i1, DataType.I_MESSAGE_1, IbakeMode.DDSEC_SIGNED);
    var jan = w.user(BOB).keys().get(dec.next()).orElseThrow().rsk();
    MikeyException e = assertThrows(MikeyException.class, () -> IbakeMessages.decryptIbake(jan, DataType.I_MESSAGE_1, r.csbId(), r.ibake().orElseThrow()));
    assertThat(e.reason()).isEqualTo(Reason.AUTH_FAILURE);
    // The December key opens it.
    assertThat(IbakeMessages.decryptIbake(w.user(BOB).keys().get(dec).orElseThrow().rsk(), DataType.I_MESSAGE_1, r.csbId(), r.ibake().orElseThrow())
        .idI()).isEqualTo(ALICE);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(IbakeMode.class)
  void monthTurns_partiesWithoutTheNewMonthsKeysRefuse_oldMessagesNeedTheOldKey(IbakeMode mode) throws MikeyException {
    IbakeDdWorld w = world(mode);
    w.clock().set(Instant.parse("2026-12-31T23:59:00Z"));
    IbakeCall december = w.deposit(ALICE, BOB).orElseThrow();
    w.clock().set(Instant.parse("2027-01-01T00:00:30Z"));
    KeyPeriod jan = KeyPeriod.containing(w.clock().instant());
    // Only Alice fetched January's keys: the mailbox holds none for January and refuses.
    assertThat(w.provision(ALICE, List.of(jan))).isTrue();
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    assertThat(refusedBy(w, IbakeDdWorld.MAILBOX_ID, Reason.REFUSED).field()).isEqualTo("key period");
    // Once the mailbox and Bob have them, January works, and December's message still opens with December's key.
    assertThat(w.provision(IbakeDdWorld.MAILBOX_ID, List.of(jan))).isTrue();
    assertThat(w.provision(BOB, List.of(jan))).isTrue();
    IbakeCall january = w.deposit(ALICE, BOB).orElseThrow();
    List<StoredMessage> inbox = w.mailboxStore().forRecipient(BOB).stream().map(d -> d.message()).toList();
    assertThat(inbox).hasSize(2);
    assertThat(w.user(BOB).recipient().open(inbox.get(0)).sk().constantTimeEquals(december.mediaKey())).isTrue();
    assertThat(w.user(BOB).recipient().open(inbox.get(1)).sk().constantTimeEquals(january.mediaKey())).isTrue();
    // A device of Bob's without December's key cannot open December's message.
    w.user(BOB).keys().remove(jan.previous());
    MikeyException e = assertThrows(MikeyException.class, () -> w.user(BOB).recipient().open(inbox.get(0)));
    assertThat(e.reason()).isEqualTo(Reason.REFUSED);
    assertThat(e.getMessage()).contains("2026-12");
  }

  @Test
  void kmsWindow_keysForAPeriodAfterTheWindow_notIssued() {
    IbakeDdWorld w = world(IbakeMode.DDSEC_SIGNED);
    Predicate<KeyPeriod> issued = p -> w.provision(ALICE, List.of(p));
    KeyPeriod now = KeyPeriod.containing(w.clock().instant());
    assertThat(issued.test(now.next())).isTrue();
    assertThat(issued.test(now.next().next())).isFalse();
    assertThat(w.refusals().get(0).error().reason()).isEqualTo(Reason.IDENTITY_REFUSED);
  }
}
