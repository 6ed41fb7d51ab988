package org.ddsec.server.mailbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.ddsec.protocol.kmsdd.mailbox.DepositRecord;
import org.ddsec.protocol.kmsdd.mailbox.MailboxStore;
import org.junit.jupiter.api.Test;

/** The contract plus what only the JDBC store offers (media summaries, several IMPUs, delete, recovery). */
abstract class JdbcMailboxStoreContract extends MailboxStoreContract {

  abstract JdbcMailboxStore jdbc();

  @Override
  MailboxStore store() {
    return jdbc();
  }

  @Test
  void storeWithMedia_findReturnsSummary() {
    DepositRecord r = record(1, ALICE, BOB);
    MediaSummary m = new MediaSummary("m-1", 187, 1_764_600_000_000_000L, 1_764_600_003_720_000L);
    jdbc().store(r, Optional.of(m));
    StoredDeposit d = jdbc().find(r.parameters().msgId()).orElseThrow();
    assertThat(d.media()).contains(m);
    assertThat(d.media().orElseThrow().durationMillis()).isEqualTo(3740);
    assertThat(jdbc().mediaIds()).containsExactly("m-1");
  }

  @Test
  void deposits_ofSeveralImpus_unionOldestFirst() {
    jdbc().store(record(1, ALICE, BOB));
    jdbc().store(record(2, ALICE, "tel:+15550100"));
    jdbc().store(record(3, ALICE, CAROL));
    List<StoredDeposit> l = jdbc().deposits(List.of(BOB, "tel:+15550100"));
    assertThat(l).extracting(d -> d.record().parameters().idB()).containsExactly(BOB, "tel:+15550100");
    assertThat(jdbc().deposits(List.of())).isEmpty();
  }

  @Test
  void delete_removesOnlyThatDeposit() {
    DepositRecord a = record(1, ALICE, BOB);
    jdbc().store(a);
    jdbc().store(record(2, ALICE, BOB));
    assertThat(jdbc().delete(a.parameters().msgId())).isTrue();
    assertThat(jdbc().delete(a.parameters().msgId())).isFalse();
    assertThat(jdbc().count()).isEqualTo(1);
  }

  @Test
  void mediaSummary_invalid_refused() {
    assertThrows(IllegalArgumentException.class, () -> new MediaSummary("m", 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new MediaSummary("../x", 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new MediaSummary("m", 1, 5, 4));
  }
}
