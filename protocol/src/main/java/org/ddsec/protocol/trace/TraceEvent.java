package org.ddsec.protocol.trace;

import java.util.Objects;

/**
 * One step of a flow: a message from one party to another, or (when {@code from} equals {@code
 * to}) work a party does on its own, such as the KMS's checks.
 *
 * @param step the seed's figure and step, e.g. {@code "17.2b"}
 * @param from the sending party
 * @param to the receiving party
 * @param message the message name, e.g. {@code "TRANSFER_INIT (INVITE)"}
 * @param summary its payloads or the checks done, for a reader (no key material)
 */
public record TraceEvent(String step, String from, String to, String message, String summary) {

  public TraceEvent {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(summary, "summary");
  }

  /** Whether this is a party's own processing rather than a message. */
  public boolean isLocal() {
    return from.equals(to);
  }
}
