package org.ddsec.protocol.ibakedd;

import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.MikeyException;
import org.ddsec.protocol.flow.Channel;
import org.ddsec.protocol.flow.Envelope;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld.User;
import org.ddsec.testkit.Tamper;

/**
 * The receiving role of an envelope of an {@link IbakeDdWorld}, as a {@link Tamper.Verifier}: a
 * candidate is handed to the real role object directly (not through the network), and the
 * role's typed refusal is thrown. Used to run every tampered copy of a message against its
 * receiver in the state the real message finds it in; a refused candidate changes no state.
 */
final class Receivers {

  private Receivers() {}

  /** The verifier for {@code e}'s receiver, or empty for the IMS core (which forwards bytes unchanged). */
  static Optional<Tamper.Verifier> of(IbakeDdWorld w, Envelope e) {
    String to = e.to();
    if (to.equals(IbakeDdWorld.IMS)) {
      return Optional.empty();
    }
    if (to.equals(IbakeDdWorld.KMS_ID)) {
      return Optional.of(c -> throwIf(w.kms().handle(Bytes.of(c)).refusal()));
    }
    if (to.equals(IbakeDdWorld.MAILBOX_ID)) {
      return switch (e.channel()) {
        case SIP -> Optional.of(c -> throwIf(w.mailbox().onMessage(Bytes.of(c)).refusal()));
        case KMS -> Optional.of(c -> w.mailboxRequester().onResponse(Bytes.of(c)));
        case INBOX -> Optional.empty();
      };
    }
    User u = w.user(to);
    if (e.channel() == Channel.KMS) {
      return Optional.of(c -> u.requester().onResponse(Bytes.of(c)));
    }
    if (e.channel() == Channel.INBOX) {
      return Optional.of(c -> {
        u.recipient().inboxRequest();
        for (StoredMessage m : u.recipient().onInboxResponse(Bytes.of(c))) {
          u.recipient().open(m);
        }
      });
    }
    // SIP: an I_MESSAGE goes to the responder, an R_MESSAGE to the initiator.
    int type = e.body().get(1);
    if (type == org.ddsec.mikey.DataType.I_MESSAGE_1.code() || type == org.ddsec.mikey.DataType.I_MESSAGE_2.code()) {
      return Optional.of(c -> throwIf(u.responder().onMessage(Bytes.of(c)).refusal()));
    }
    return Optional.of(c -> u.initiator().onMessage(Bytes.of(c)));
  }

  private static void throwIf(Optional<MikeyException> refusal) throws MikeyException {
    if (refusal.isPresent()) {
      throw refusal.get();
    }
  }

  /** A short name of the hop: message type and receiver. */
  static String name(Envelope e) {
    String what = switch (e.channel()) {
      case INBOX -> "inbox response";
      default -> {
        org.ddsec.mikey.DataType t = org.ddsec.mikey.DataType.lookup(e.body().get(1));
        yield t == null ? "?" : t.rfcName();
      }
    };
    return what + " at " + e.to();
  }
}
