package org.ddsec.protocol.kmsdd.kms;

import java.util.Optional;

/** Which mailboxes the KMS knows (with their Km) and which mailbox serves which user. */
public interface MailboxRegistry {

  /** The mailbox whose Km is named {@code keyId} in an IDRpsk. */
  Optional<MailboxEntry> byKeyId(String keyId);

  /** The identity ID-Bm of the mailbox that serves the user {@code impu}. */
  Optional<String> mailboxOf(String impu);
}
