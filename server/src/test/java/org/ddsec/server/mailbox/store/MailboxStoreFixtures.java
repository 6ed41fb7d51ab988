package org.ddsec.server.mailbox.store;

import org.ddsec.protocol.kmsdd.mailbox.DepositRecord;

/** Records for tests outside this package. */
public final class MailboxStoreFixtures {
  private MailboxStoreFixtures() {}

  public static DepositRecord record(int n) {
    return MailboxStoreContract.record(n, MailboxStoreContract.ALICE, MailboxStoreContract.BOB);
  }

  public static org.ddsec.protocol.ibakedd.StoredMessage ibakeMessage(int n) {
    return IbakeMessageStoreContract.message(n, MailboxStoreContract.ALICE, MailboxStoreContract.BOB);
  }
}
