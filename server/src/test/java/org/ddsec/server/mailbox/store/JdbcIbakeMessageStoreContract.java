package org.ddsec.server.mailbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.ddsec.protocol.ibakedd.StoredMessage;
import org.ddsec.protocol.ibakedd.mailbox.MessageStore;
import org.junit.jupiter.api.Test;

/** The IBAKE-DD contract plus what only the JDBC store offers (media summaries, several IMPUs, media ids), beside KMS-DD's table. */
abstract class JdbcIbakeMessageStoreContract extends IbakeMessageStoreContract {

  abstract JdbcIbakeMessageStore jdbc();

  abstract JdbcMailboxStore kmsDd();

  @Override
  MessageStore store() {
    return jdbc();
  }

  @Test
  void storeWithMedia_findReturnsSummaryAndMediaId() {
    StoredMessage m = message(1, ALICE, BOB);
    MediaSummary s = new MediaSummary("m-9", 187, 1_764_600_000_000_000L, 1_764_600_003_720_000L);
    jdbc().store(m, T0, Optional.of(s));
    StoredIbakeMessage back = jdbc().find(m.msgId()).orElseThrow();
    assertThat(back.media()).contains(s);
    assertThat(back.deposit().message()).isEqualTo(m);
    assertThat(jdbc().mediaIds()).containsExactly("m-9");
    assertThat(jdbc().count()).isEqualTo(1);
  }

  @Test
  void messages_ofSeveralImpus_unionOldestFirst() {
    jdbc().store(message(1, ALICE, BOB), T0);
    jdbc().store(message(2, ALICE, "tel:+15550100"), T0);
    jdbc().store(message(3, ALICE, CAROL), T0);
    assertThat(jdbc().messages(List.of(BOB, "tel:+15550100"))).extracting(x -> x.deposit().message().idB()).containsExactly(BOB, "tel:+15550100");
    assertThat(jdbc().messages(List.of())).isEmpty();
  }

  @Test
  void kmsDdAndIbakeDd_separateTables_sameMsgIdDoesNotClash() {
    StoredMessage m = message(5, ALICE, BOB);
    kmsDd().store(MailboxStoreContract.record(5, ALICE, BOB));
    jdbc().store(m, T0);
    assertThat(kmsDd().forRecipient(BOB)).hasSize(1);
    assertThat(jdbc().forRecipient(BOB)).hasSize(1);
  }
}
