package org.ddsec.protocol.ibakedd;

import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.MikeyException;

/**
 * What a responder (B online, or the mailbox) produced for one input: the message to send back
 * (the R_MESSAGE, or a MIKEY Error message for a refusal), and why the input was refused if it
 * was. A replay gets no answer (RFC 3830 §5.4: discarded), nor does a message for no exchange.
 *
 * @param established set when this input completed an exchange (R_MESSAGE_2 sent): B's session
 *     keys, or the deposit the mailbox stored
 */
public record ResponderOutcome<T>(Optional<Bytes> reply, Optional<MikeyException> refusal, Optional<T> established) {

  public static <T> ResponderOutcome<T> reply(Bytes message) {
    return new ResponderOutcome<>(Optional.of(message), Optional.empty(), Optional.empty());
  }

  public static <T> ResponderOutcome<T> done(Bytes message, T established) {
    return new ResponderOutcome<>(Optional.of(message), Optional.empty(), Optional.of(established));
  }

  public static <T> ResponderOutcome<T> refuse(Bytes error, MikeyException why) {
    return new ResponderOutcome<>(Optional.of(error), Optional.of(why), Optional.empty());
  }

  public static <T> ResponderOutcome<T> drop(MikeyException why) {
    return new ResponderOutcome<>(Optional.empty(), Optional.of(why), Optional.empty());
  }
}
