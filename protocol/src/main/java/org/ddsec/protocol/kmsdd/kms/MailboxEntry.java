package org.ddsec.protocol.kmsdd.kms;

import java.util.Objects;
import org.ddsec.core.SecretBytes;

/**
 * A mailbox (deferred delivery server) known to the KMS: its identity ID-Bm, the id that names
 * its pre-shared key Km in IDRpsk, and Km (seed Fig. 17 step 1m).
 */
public record MailboxEntry(String mailboxId, String keyId, SecretBytes km) {

  public MailboxEntry {
    Objects.requireNonNull(mailboxId, "mailboxId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(km, "km");
  }
}
