package org.ddsec.protocol.kmsdd.kms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;

/** A {@link MailboxRegistry} in memory. */
public final class InMemoryMailboxRegistry implements MailboxRegistry {

  private final Map<String, MailboxEntry> byKeyId = new TreeMap<>();
  private final Map<String, String> mailboxOf = new TreeMap<>();

  public synchronized void addMailbox(MailboxEntry e) {
    byKeyId.put(e.keyId(), e);
  }

  public synchronized void assign(String impu, String mailboxId) {
    mailboxOf.put(impu, mailboxId);
  }

  @Override
  public synchronized Optional<MailboxEntry> byKeyId(String keyId) {
    return Optional.ofNullable(byKeyId.get(keyId));
  }

  @Override
  public synchronized Optional<String> mailboxOf(String impu) {
    return Optional.ofNullable(mailboxOf.get(impu));
  }

  /** A digest of the whole registry, keys included. */
  public synchronized Bytes fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (MailboxEntry e : byKeyId.values()) {
        md.update((e.keyId() + "\0" + e.mailboxId() + "\0").getBytes(StandardCharsets.UTF_8));
        byte[] k = e.km().unsafeBytes();
        md.update(k);
        SecretBytes.wipe(k);
      }
      md.update(mailboxOf.toString().getBytes(StandardCharsets.UTF_8));
      return Bytes.of(md.digest());
    } catch (NoSuchAlgorithmException ex) {
      throw new AssertionError(ex);
    }
  }
}
