package org.ddsec.server.mailbox.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.mailbox.DepositRecord;
import org.ddsec.protocol.kmsdd.mailbox.MailboxStore;
import org.junit.jupiter.api.Test;

/** What every {@link MailboxStore} must do (in-memory, H2, PostgreSQL). */
abstract class MailboxStoreContract {

  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final String ALICE = "sip:alice@ims.example.org";
  static final String BOB = "sip:bob@ims.example.org";
  static final String CAROL = "sip:carol@ims.example.org";

  abstract MailboxStore store();

  static DepositRecord record(int n, String idA, String idB) {
    byte[] id = new byte[16];
    id[0] = (byte) (n >> 8);
    id[15] = (byte) n;
    byte[] ti = new byte[300 + n];
    ti[0] = 1;
    ti[ti.length - 1] = (byte) n;
    byte[] token = new byte[180];
    token[7] = (byte) n;
    return new DepositRecord(new DepositParameters(Bytes.of(id), idA, idB, Bytes.of(ti), Bytes.of(token)), T0.plusSeconds(n));
  }

  @Test
  void store_thenGet_sameRecordByteForByte() {
    DepositRecord r = record(1, ALICE, BOB);
    store().store(r);
    DepositRecord back = store().get(r.parameters().msgId()).orElseThrow();
    assertThat(back.parameters()).isEqualTo(r.parameters());
    assertThat(back.depositedAt()).isEqualTo(r.depositedAt());
    assertThat(store().get(record(2, ALICE, BOB).parameters().msgId())).isEmpty();
  }

  @Test
  void store_sameMsgIdTwice_refusedAndFirstKept() {
    DepositRecord r = record(1, ALICE, BOB);
    store().store(r);
    DepositRecord again = new DepositRecord(new DepositParameters(r.parameters().msgId(), CAROL, BOB, Bytes.of(new byte[5]), Bytes.of(new byte[5])),
        T0.plusSeconds(99));
    assertThrows(IllegalStateException.class, () -> store().store(again));
    assertThat(store().get(r.parameters().msgId()).orElseThrow().parameters().idA()).isEqualTo(ALICE);
    assertThat(store().forRecipient(BOB)).hasSize(1);
  }

  @Test
  void forRecipient_onlyThatRecipientsDeposits_oldestFirst() {
    store().store(record(3, ALICE, BOB));
    store().store(record(1, CAROL, ALICE));
    store().store(record(2, CAROL, BOB));
    assertThat(store().forRecipient(BOB)).extracting(d -> d.parameters().idA()).containsExactly(ALICE, CAROL);
    assertThat(store().forRecipient(ALICE)).hasSize(1);
    assertThat(store().forRecipient(CAROL)).isEmpty();
    assertThat(store().forRecipient("sip:bob@ims.example.org.evil")).isEmpty();
  }

  @Test
  void store_concurrentDepositsOfOneMessage_exactlyOneStored() throws Exception {
    DepositRecord r = record(7, ALICE, BOB);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> f = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        f.add(pool.submit((Callable<Boolean>) () -> {
          try {
            store().store(r);
            return true;
          } catch (IllegalStateException e) {
            return false;
          }
        }));
      }
      int stored = 0;
      for (Future<Boolean> x : f) {
        stored += x.get() ? 1 : 0;
      }
      assertThat(stored).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(store().forRecipient(BOB)).hasSize(1);
  }

  @Test
  void store_manyDeposits_allListed() {
    for (int i = 0; i < 200; i++) {
      store().store(record(i, ALICE, i % 2 == 0 ? BOB : CAROL));
    }
    assertThat(store().forRecipient(BOB)).hasSize(100);
    assertThat(store().forRecipient(CAROL)).hasSize(100);
  }
}
