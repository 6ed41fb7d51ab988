package org.ddsec.crypto.srtp;

import java.util.Objects;
import org.ddsec.core.SecretBytes;

/**
 * The session keys SRTP (labels 0x00-0x02) or SRTCP (labels 0x03-0x05) derives from its master
 * key (RFC 3711 §4.3.1, §4.3.2). The record owns its three secrets; {@link #close()} wipes them.
 *
 * @param encrKey k_e, the session encryption key
 * @param authKey k_a, the session authentication key
 * @param saltKey k_s, the session salting key
 */
public record SrtpSessionKeys(SecretBytes encrKey, SecretBytes authKey, SecretBytes saltKey) implements AutoCloseable {

  public SrtpSessionKeys {
    Objects.requireNonNull(encrKey, "encrKey");
    Objects.requireNonNull(authKey, "authKey");
    Objects.requireNonNull(saltKey, "saltKey");
  }

  /** Wipes the three keys. */
  @Override
  public void close() {
    encrKey.close();
    authKey.close();
    saltKey.close();
  }
}
