package org.ddsec.protocol.ibakedd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.eccsi.EccsiKms;
import org.ddsec.crypto.ibe.eccsi.EccsiParameters;
import org.ddsec.crypto.ibe.sakke.SakkeKms;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.ddsec.protocol.ibakedd.kms.IbakeKms;
import org.ddsec.protocol.ibakedd.provisioning.KeyRequester;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.store.InMemoryReplayCache;
import org.ddsec.protocol.trace.Trace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Key provisioning, RFC 6267 §4.2.1: what the KMS refuses (with the MIKEY ERR code of its Error
 * message) and what a UE refuses — in particular keys that fail their validation (RFC 6508
 * §6.1.2, RFC 6507 §5.1.2), which never enter the key store.
 */
class IbakeKmsTest {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";
  static final String CAROL = "sip:carol@ims.example";

  static IbakeDdWorld w;
  static KeyPeriod now;

  @BeforeAll
  static void world() {
    w = new IbakeDdWorld(List.of(ALICE, BOB, CAROL), IbakeMode.DDSEC_SIGNED, 31);
    now = KeyPeriod.containing(w.clock().instant());
  }

  static KeyRequester requester(String uri, String pskId, SecretBytes psk, String kmsId) {
    return new KeyRequester(new KeyRequester.Config(uri, pskId, kmsId), psk, w.community(), new UserKeys(uri), w.clock(),
        RandomSource.insecureSeeded(uri.hashCode()), Trace.NONE);
  }

  /** The KMS's answer to {@code request}: the refusal, checked against the ERR code it sent. */
  static MikeyException refused(Bytes request, Reason reason) throws MikeyException {
    IbakeKms.Result r = w.kms().handle(request);
    assertThat(r.refusal()).as("refusal").isPresent();
    assertThat(r.refusal().get().reason()).as(r.refusal().get().getMessage()).isEqualTo(reason);
    assertThat(MikeyMessages.errorCodeOf(r.response())).isEqualTo(reason.errorCode());
    return r.refusal().get();
  }

  @Test
  void request_forOwnIdentityCurrentAndNextMonth_issuesValidatedKeys() throws MikeyException {
    KeyRequester r = w.user(ALICE).requester();
    List<KeyPeriod> got = r.onResponse(w.kms().handle(r.request(List.of(now, now.next()))).response());
    assertThat(got).containsExactly(now, now.next());
    assertThat(w.user(ALICE).keys().periods()).contains(now, now.next());
    assertThat(w.user(ALICE).keys().get(now.next()).orElseThrow().rsk().identity()).isEqualTo(w.user(ALICE).keys().identity(now.next()));
  }

  @Test
  void request_unknownBTid_refusedAuthFailure() throws MikeyException {
    refused(requester(ALICE, "bm9uZQ==@bsf.ims.example", SecretBytes.wrap(new byte[32]), IbakeDdWorld.KMS_ID).request(List.of(now)),
        Reason.AUTH_FAILURE);
  }

  @Test
  void request_wrongPsk_refusedAuthFailure() throws MikeyException {
    MikeyException e = refused(requester(ALICE, w.user(ALICE).bTid(), SecretBytes.wrap(new byte[32]), IbakeDdWorld.KMS_ID)
        .request(List.of(now)), Reason.AUTH_FAILURE);
    assertThat(e.field()).isEqualTo("Ver data");
  }

  @Test
  void request_identityOfAnotherSubscriber_refusedInvalidId() throws MikeyException {
    // Carol authenticates with her own GBA key and asks for Alice's keys.
    IbakeDdWorld.User carol = w.user(CAROL);
    MikeyException e = refused(requester(ALICE, carol.bTid(), carol.insecureKsNaf(), IbakeDdWorld.KMS_ID).request(List.of(now)),
        Reason.IDENTITY_REFUSED);
    assertThat(e.getMessage()).contains("an identity of carol");
  }

  @Test
  void request_mailboxAsksForAUsersKeys_refusedInvalidId() throws MikeyException {
    SecretBytes psk = w.servers().byKeyId(IbakeDdWorld.MAILBOX_KEY_ID).orElseThrow().km();
    refused(requester(BOB, IbakeDdWorld.MAILBOX_KEY_ID, psk, IbakeDdWorld.KMS_ID).request(List.of(now)), Reason.IDENTITY_REFUSED);
  }

  @Test
  void request_periodOutsideWindow_refusedInvalidId() throws MikeyException {
    IbakeDdWorld.User a = w.user(ALICE);
    KeyPeriod far = now.next().next();
    KeyPeriod old = now.previous().previous().previous();
    assertThat(refused(a.requester().request(List.of(far)), Reason.IDENTITY_REFUSED).getMessage()).contains("key period " + far);
    assertThat(refused(a.requester().request(List.of(now, old)), Reason.IDENTITY_REFUSED).getMessage()).contains("key period " + old);
  }

  @Test
  void request_otherKms_refusedInvalidId() throws MikeyException {
    IbakeDdWorld.User a = w.user(ALICE);
    refused(requester(ALICE, a.bTid(), a.insecureKsNaf(), "sip:other-kms.example").request(List.of(now)), Reason.IDENTITY_REFUSED);
  }

  @Test
  void request_samePeriodTwice_refusedMalformed() throws MikeyException {
    refused(w.user(ALICE).requester().request(List.of(now, now)), Reason.MALFORMED);
  }

  @Test
  void request_stale_refusedInvalidTs() throws MikeyException {
    IbakeDdWorld v = new IbakeDdWorld(List.of(ALICE), IbakeMode.DDSEC_SIGNED, 32);
    Bytes req = v.user(ALICE).requester().request(List.of(now));
    v.clock().advance(Duration.ofMinutes(10));
    IbakeKms.Result r = v.kms().handle(req);
    assertThat(r.refusal().orElseThrow().reason()).isEqualTo(Reason.INVALID_TIMESTAMP);
    assertThat(MikeyMessages.errorCodeOf(r.response())).isEqualTo(ErrorCode.INVALID_TS);
  }

  @Test
  void request_expiredGbaKey_refusedAuthFailure() throws MikeyException {
    IbakeDdWorld v = new IbakeDdWorld(List.of(ALICE), IbakeMode.DDSEC_SIGNED, 33);
    v.bootstrap(ALICE, Duration.ofMinutes(1));
    v.clock().advance(Duration.ofMinutes(2));
    IbakeKms.Result r = v.kms().handle(v.user(ALICE).requester().request(List.of(now)));
    assertThat(r.refusal().orElseThrow().getMessage()).contains("expired");
    assertThat(MikeyMessages.errorCodeOf(r.response())).isEqualTo(ErrorCode.AUTH_FAILURE);
  }

  @Test
  void request_replayed_refusedInvalidTs_originalAnswered() throws MikeyException {
    Bytes req = w.user(BOB).requester().request(List.of(now));
    Bytes first = w.kms().handle(req).response();
    refused(req, Reason.REPLAY);
    assertThat(w.user(BOB).requester().onResponse(first)).containsExactly(now);
  }

  @Test
  void request_keyRequestPke_refusedInvalidDt() throws MikeyException {
    byte[] b = w.user(ALICE).requester().request(List.of(now)).toByteArray();
    b[1] = 20; // REQUEST_KEY_PKE (RFC 6267 Table 2): not served
    refused(Bytes.of(b), Reason.UNSUPPORTED_DATA_TYPE);
  }

  @Test
  void response_rskOfAnotherKms_failsValidation_nothingStored() {
    // A KMS that knows Alice's GBA key (its V verifies) but issues RSKs under another master secret.
    RandomSource rnd = RandomSource.insecureSeeded(7);
    IbakeKms rogue = new IbakeKms(IbakeKms.Config.of(IbakeDdWorld.KMS_ID), SakkeKms.generate(SakkeParameters.parameterSet1(),
        SecureRandoms.of(rnd)), w.insecureEccsiKms(), w.nafKeys(), w.servers(), new InMemoryReplayCache(), w.clock(), rnd, Trace.NONE);
    IbakeDdWorld.User c = w.user(CAROL);
    Set<KeyPeriod> before = c.keys().periods();
    Bytes resp = rogue.handle(c.requester().request(List.of(now.next()))).response();
    MikeyException e = assertThrows(MikeyException.class, () -> c.requester().onResponse(resp));
    assertThat(e.reason()).isEqualTo(Reason.AUTH_FAILURE);
    assertThat(e.field()).isEqualTo("K_PR (SAKKE RSK)");
    assertThat(e.getMessage()).contains("RFC 6508 §6.1.2");
    assertThat(c.keys().periods()).isEqualTo(before);
  }

  @Test
  void response_sskOfAnotherKpak_failsValidation_nothingStored() {
    RandomSource rnd = RandomSource.insecureSeeded(8);
    IbakeKms rogue = new IbakeKms(IbakeKms.Config.of(IbakeDdWorld.KMS_ID), w.insecureSakkeKms(), EccsiKms.generate(EccsiParameters.p256(),
        SecureRandoms.of(rnd)), w.nafKeys(), w.servers(), new InMemoryReplayCache(), w.clock(), rnd, Trace.NONE);
    IbakeDdWorld.User c = w.user(CAROL);
    Set<KeyPeriod> before = c.keys().periods();
    Bytes resp = rogue.handle(c.requester().request(List.of(now.next()))).response();
    MikeyException e = assertThrows(MikeyException.class, () -> c.requester().onResponse(resp));
    assertThat(e.reason()).isEqualTo(Reason.AUTH_FAILURE);
    assertThat(e.field()).isEqualTo("K_PR (ECCSI SSK/PVT)");
    assertThat(c.keys().periods()).isEqualTo(before);
  }

  @Test
  void response_errorMessage_endsTheRequest() throws MikeyException {
    KeyRequester r = w.user(BOB).requester();
    Bytes req = r.request(List.of(now.next().next())); // outside the window: the KMS answers with an Error
    Bytes err = w.kms().handle(req).response();
    MikeyException e = assertThrows(MikeyException.class, () -> r.onResponse(err));
    assertThat(e.reason()).isEqualTo(Reason.PEER_ERROR);
    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_ID);
    assertThat(assertThrows(MikeyException.class, () -> r.onResponse(err)).reason()).isEqualTo(Reason.REFUSED);
  }
}
