package org.ddsec.server.ims;

import java.time.Instant;
import java.util.Objects;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipUri;

/**
 * One registration (RFC 3261 §10.3): an address-of-record bound to a contact until {@code
 * expiresAt}, and the flow the REGISTER came over (the UDP source address or the TLS connection),
 * which requests to the contact reuse (RFC 5626 style, as a P-CSCF uses its security association).
 *
 * @param aor the canonical AOR ({@link SipUri#aor()}), e.g. {@code sip:bob@ims.example.org}
 */
public record Binding(String aor, SipUri contact, Hop flow, Instant expiresAt, String callId, long cseq, Instant registeredAt) {

  public Binding {
    Objects.requireNonNull(aor, "aor");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }

  public boolean liveAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
