package org.ddsec.protocol.kmsdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld.Envelope;
import org.ddsec.protocol.kmsdd.kms.Kms;
import org.ddsec.protocol.kmsdd.kms.MailboxEntry;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A deposit is accepted only when the transport authenticated the mailbox that owns the Km the
 * RESOLVE_INIT names ("mutual TLS plus Km"); a refusal for the transport consumes no replay-cache
 * entry, so the same request still succeeds on the right connection. Retrievals do not depend on it.
 */
class KmsTransportAuthenticationTest {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";

  /** Runs a deposit whose RESOLVE_INIT is captured and kept from the KMS; returns it. */
  private static Bytes capturedResolveInit(KmsDdWorld w) {
    List<Bytes> captured = new ArrayList<>();
    w.setInterceptor(e -> {
      if (e.to().equals(KmsDdWorld.KMS_ID)) {
        captured.add(e.body());
        return List.of();
      }
      return List.of(e);
    });
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    w.setInterceptor(KmsDdWorld.Interceptor.NONE);
    assertThat(captured).hasSize(1);
    return captured.get(0);
  }

  private static MikeyException refusal(Kms.Result r) {
    return r.refusal().orElseThrow(() -> new AssertionError("accepted"));
  }

  @ParameterizedTest(name = "e2m={0}")
  @ValueSource(booleans = {false, true})
  void handle_depositWithoutAuthenticatedMailbox_authFailure(boolean e2m) throws MikeyException {
    KmsDdWorld w = new KmsDdWorld(List.of(ALICE, BOB), e2m, 5);
    Bytes ri = capturedResolveInit(w);

    MikeyException none = refusal(w.kms().handle(ri, Optional.empty()));
    assertThat(none.reason()).isEqualTo(Reason.AUTH_FAILURE);
    assertThat(none.field()).isEqualTo("transport");
    // An authentic RESOLVE_INIT is used once, whatever follows: the same bytes are now a replay.
    assertThat(refusal(w.kms().handle(ri, Optional.of(KmsDdWorld.MAILBOX_ID))).reason()).isEqualTo(Reason.REPLAY);

    Bytes fresh = capturedResolveInit(w);
    assertThat(MikeyMessages.errorCodeOf(w.kms().handle(fresh).response())).isEqualTo(ErrorCode.AUTH_FAILURE);
    Bytes third = capturedResolveInit(w);
    Kms.Result ok = w.kms().handle(third, Optional.of(KmsDdWorld.MAILBOX_ID));
    assertThat(ok.refusal()).isEmpty();
    assertThat(MikeyCodec.decode(ok.response()).dataType()).isEqualTo(DataType.RESOLVE_RESP);
  }

  @Test
  void handle_depositOverAnotherMailboxesConnection_invalidId() {
    KmsDdWorld w = new KmsDdWorld(List.of(ALICE, BOB), false, 6);
    w.registry().addMailbox(new MailboxEntry("sip:vm2.ims.example", "km-vm-2", SecretBytes.wrap(new byte[32])));
    Bytes ri = capturedResolveInit(w);

    MikeyException other = refusal(w.kms().handle(ri, Optional.of("sip:vm2.ims.example")));
    assertThat(other.reason()).isEqualTo(Reason.IDENTITY_REFUSED);
    assertThat(other.errorCode()).isEqualTo(ErrorCode.INVALID_ID);
    assertThat(other.getMessage()).contains("authenticated as sip:vm2.ims.example").contains("owner of Km");
  }

  @Test
  void handle_retrievalWithOrWithoutMailboxAuthentication_served() {
    KmsDdWorld w = new KmsDdWorld(List.of(ALICE, BOB), false, 7);
    w.deposit(ALICE, BOB).orElseThrow();
    List<Bytes> toKms = new ArrayList<>();
    w.setInterceptor(e -> {
      if (e.to().equals(KmsDdWorld.KMS_ID)) {
        toKms.add(e.body());
        return List.of();
      }
      return List.of(e);
    });
    assertThat(w.retrieveAll(BOB)).isEmpty();
    assertThat(toKms).hasSize(1);
    // Bob's RESOLVE_INIT needs no mailbox authentication; it is served on a plain connection.
    assertThat(w.kms().handle(toKms.get(0), Optional.empty()).refusal()).isEmpty();
  }

  @Test
  void world_depositFromTheMailbox_isAuthenticatedByTheInMemoryNetwork() {
    KmsDdWorld w = new KmsDdWorld(List.of(ALICE, BOB), false, 8);
    assertThat(w.deposit(ALICE, BOB)).isPresent();
    assertThat(w.delivered()).extracting(Envelope::from).contains(KmsDdWorld.MAILBOX_ID);
    assertThat(w.refusals()).isEmpty();
  }
}
