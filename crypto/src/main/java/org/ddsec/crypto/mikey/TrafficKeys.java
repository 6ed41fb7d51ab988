package org.ddsec.crypto.mikey;

import java.util.Objects;
import org.ddsec.core.SecretBytes;

/**
 * A TEK and salting key derived from a TGK for one crypto session (RFC 3830 §4.1.3, RFC 6043
 * §5.1.3): for SRTP, the master key and master salt. The record owns its secrets; {@link
 * #close()} wipes them.
 */
public record TrafficKeys(SecretBytes tek, SecretBytes salt) implements AutoCloseable {

  public TrafficKeys {
    Objects.requireNonNull(tek, "tek");
    Objects.requireNonNull(salt, "salt");
  }

  /** Wipes both keys. */
  @Override
  public void close() {
    tek.close();
    salt.close();
  }
}
