package org.ddsec.protocol.ibakedd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.protocol.flow.Refusal;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.ddsec.protocol.ibakedd.mailbox.MessageStore.Deposit;
import org.junit.jupiter.api.Test;

/**
 * The seed's "ALU1" dispute (seed 000, TR 33.828 §7.6.2.5): can an entity able to alter the
 * message replace A's {@code E_B(A, aP)} with its own {@code E_B(A, eP)}? In MIKEY-IBAKE the ESK
 * is the deferred message's key, and RFC 6267 §5.4 omits it from every MAC and signature; the
 * IBE is public-key, so anyone can make an ESK for B. The tests show:
 *
 * <ul>
 *   <li>the strict RFC 6267 profile <em>accepts</em> the substitution at the mailbox and at B: B
 *       plays the attacker's media as A's message (the gap is real at the MIKEY layer; only the
 *       hop-by-hop integrity of IMS signalling, TS 33.203, stands in the way — the seed's
 *       counter-argument);
 *   <li>ddsec's signed profile refuses it at the mailbox (A's ECCSI signature covers the ESK) and
 *       stores nothing; a mailbox that swaps the stored ESK itself is refused by B, which checks
 *       the signature end to end (the seed's ALU2 worry);
 *   <li>what the IBAKE payload does protect in both profiles: an attacker cannot complete the
 *       mailbox's authentication of A with an I_MESSAGE_2 of its own making.
 * </ul>
 */
class Alu1SubstitutionTest {

  static final String ALICE = "sip:alice@ims.example";
  static final String BOB = "sip:bob@ims.example";

  /** Replaces the ESK of the I_MESSAGE_2 on the hop IMS core → mailbox (an on-path attacker). */
  static void substituteOnPath(IbakeDdWorld w, Attacker eve) {
    w.setInterceptor(e -> {
      boolean i2 = e.to().equals(IbakeDdWorld.MAILBOX_ID) && e.body().length() > 1 && e.body().get(1) == DataType.I_MESSAGE_2.code();
      return List.of(i2 ? e.withBody(eve.substituteEsk(e.body(), ALICE, BOB)) : e);
    });
  }

  @Test
  void strictRfc6267_onPathEskSubstitution_isAcceptedAndBobGetsTheAttackersKey() {
    IbakeDdWorld w = new IbakeDdWorld(List.of(ALICE, BOB), IbakeMode.STRICT_RFC_6267, 1);
    Attacker eve = new Attacker(w.community());
    substituteOnPath(w, eve);
    IbakeCall a = w.deposit(ALICE, BOB).orElseThrow(() -> new AssertionError("deposit refused: " + w.refusals()));
    // Nobody noticed: A completed the exchange, the mailbox authenticated A and stored the ESK.
    assertThat(w.refusals()).isEmpty();
    assertThat(w.mailboxStore().all()).hasSize(1);
    assertThat(w.mailboxStore().all().get(0).message().idA()).isEqualTo(ALICE);
    List<DeferredMessage> got = w.retrieveAll(BOB);
    assertThat(w.refusals()).isEmpty();
    assertThat(got).hasSize(1);
    DeferredMessage m = got.get(0);
    // B believes the message is A's, but its key is the attacker's eP: the attacker's media plays as A's.
    assertThat(m.originator()).isEqualTo(ALICE);
    assertThat(m.originatorVerified()).isFalse();
    assertThat(m.sk().constantTimeEquals(eve.sk)).isTrue();
    assertThat(m.sk().constantTimeEquals(a.mediaKey())).isFalse();
  }

  @Test
  void ddsecSigned_onPathEskSubstitution_isRefusedByTheMailboxAndNothingIsStored() {
    IbakeDdWorld w = new IbakeDdWorld(List.of(ALICE, BOB), IbakeMode.DDSEC_SIGNED, 1);
    substituteOnPath(w, new Attacker(w.community()));
    assertThat(w.deposit(ALICE, BOB)).isEmpty();
    Refusal first = w.refusals().get(0);
    assertThat(first.party()).isEqualTo(IbakeDdWorld.MAILBOX_ID);
    assertThat(first.error().reason()).isEqualTo(Reason.AUTH_FAILURE);
    assertThat(first.error().errorCode()).isEqualTo(ErrorCode.AUTH_FAILURE);
    assertThat(first.error().field()).isEqualTo("Signature");
    assertThat(w.mailboxStore().all()).isEmpty();
    // A learns of it from the mailbox's Error message and ends the exchange.
    assertThat(w.refusals()).extracting(Refusal::party).contains(ALICE);
    assertThat(w.user(ALICE).initiator().pendingCount()).isZero();
    assertThat(w.retrieveAll(BOB)).isEmpty();
  }

  @Test
  void ddsecSigned_mailboxSwapsTheStoredEsk_bobRefusesIt() throws MikeyException {
    IbakeDdWorld w = new IbakeDdWorld(List.of(ALICE, BOB), IbakeMode.DDSEC_SIGNED, 2);
    w.deposit(ALICE, BOB).orElseThrow();
    Deposit d = w.mailboxStore().all().get(0);
    Attacker mallory = new Attacker(w.community());
    StoredMessage forged = new StoredMessage(d.message().msgId(), ALICE, BOB, mallory.substituteEsk(d.message().iMessage2(), ALICE, BOB));
    MikeyException e = org.junit.jupiter.api.Assertions.assertThrows(MikeyException.class, () -> w.user(BOB).recipient().open(forged));
    // The msg-id (digest of the ESK) gives it away first; with a consistent msg-id the signature does.
    assertThat(e.reason()).isEqualTo(Reason.TICKET_REFUSED);
    StoredMessage consistent = new StoredMessage(IbakeMessages.messageId(
        IbakeMessages.parse(forged.iMessage2(), DataType.I_MESSAGE_2, IbakeMode.DDSEC_SIGNED).esk().orElseThrow()), ALICE, BOB,
        forged.iMessage2());
    MikeyException s = org.junit.jupiter.api.Assertions.assertThrows(MikeyException.class, () -> w.user(BOB).recipient().open(consistent));
    assertThat(s.reason()).isEqualTo(Reason.AUTH_FAILURE);
    assertThat(s.field()).isEqualTo("Signature");
  }

  @Test
  void strictRfc6267_mailboxSwapsTheStoredEsk_bobAcceptsIt() throws MikeyException {
    IbakeDdWorld w = new IbakeDdWorld(List.of(ALICE, BOB), IbakeMode.STRICT_RFC_6267, 2);
    w.deposit(ALICE, BOB).orElseThrow();
    Deposit d = w.mailboxStore().all().get(0);
    Attacker mallory = new Attacker(w.community());
    byte[] i2 = mallory.substituteEsk(d.message().iMessage2(), ALICE, BOB).toByteArray();
    StoredMessage forged = new StoredMessage(IbakeMessages.messageId(
        IbakeMessages.parse(org.ddsec.core.Bytes.of(i2), DataType.I_MESSAGE_2, IbakeMode.STRICT_RFC_6267).esk().orElseThrow()), ALICE,
        BOB, org.ddsec.core.Bytes.of(i2));
    DeferredMessage m = w.user(BOB).recipient().open(forged);
    assertThat(m.originator()).isEqualTo(ALICE);
    assertThat(m.sk().constantTimeEquals(mallory.sk)).isTrue();
  }

  @Test
  void bothProfiles_attackersOwnIbakeInIMessage2_cannotAuthenticateAsAlice() {
    for (IbakeMode mode : IbakeMode.values()) {
      IbakeDdWorld w = new IbakeDdWorld(List.of(ALICE, BOB), mode, 3);
      Attacker eve = new Attacker(w.community());
      w.setInterceptor(e -> {
        boolean i2 = e.to().equals(IbakeDdWorld.MAILBOX_ID) && e.body().get(1) == DataType.I_MESSAGE_2.code();
        return List.of(i2 ? e.withBody(eve.substituteIbake(e.body(), ALICE, IbakeDdWorld.MAILBOX_ID)) : e);
      });
      assertThat(w.deposit(ALICE, BOB)).as(mode.name()).isEmpty();
      Refusal r = w.refusals().get(0);
      assertThat(r.party()).isEqualTo(IbakeDdWorld.MAILBOX_ID);
      assertThat(r.error().reason()).isEqualTo(Reason.AUTH_FAILURE);
      // Strict: the IBAKE content gives it away (ECCPTr is not the mailbox's [y]P); signed: the signature first.
      assertThat(r.error().field()).as(r.error().getMessage()).isEqualTo(mode == IbakeMode.DDSEC_SIGNED ? "Signature" : "IBAKE data");
      assertThat(w.mailboxStore().all()).isEmpty();
    }
  }
}
