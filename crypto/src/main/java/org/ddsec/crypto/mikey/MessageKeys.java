package org.ddsec.crypto.mikey;

import java.util.Objects;
import org.ddsec.core.SecretBytes;

/**
 * The keys protecting one MIKEY message (RFC 3830 §4.1.4, RFC 6043 §5.1.2): encr_key and salt_key
 * for the KEMAC ({@link KemacEncryption}), auth_key for the MAC ({@link MikeyMac}). A key is
 * empty when the chosen algorithm needs none (NULL). The record owns its secrets; {@link
 * #close()} wipes them.
 */
public record MessageKeys(SecretBytes encrKey, SecretBytes authKey, SecretBytes saltKey) implements AutoCloseable {

  public MessageKeys {
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
