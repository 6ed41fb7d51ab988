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
import org.ddsec.protocol.ibakedd.StoredMessage;
import org.ddsec.protocol.ibakedd.mailbox.MessageStore;
import org.junit.jupiter.api.Test;

/** What every IBAKE-DD {@link MessageStore} must do (in-memory, H2, PostgreSQL). */
abstract class IbakeMessageStoreContract {

  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final String ALICE = MailboxStoreContract.ALICE;
  static final String BOB = MailboxStoreContract.BOB;
  static final String CAROL = MailboxStoreContract.CAROL;

  abstract MessageStore store();

  static StoredMessage message(int n, String idA, String idB) {
    byte[] id = new byte[16];
    id[0] = (byte) (n >> 8);
    id[15] = (byte) n;
    byte[] i2 = new byte[1000 + n];
    i2[0] = 1;
    i2[1] = 24; // I_MESSAGE_2
    i2[i2.length - 1] = (byte) n;
    return new StoredMessage(Bytes.of(id), idA, idB, Bytes.of(i2));
  }

  @Test
  void store_thenGet_sameMessageByteForByte() {
    StoredMessage m = message(1, ALICE, BOB);
    store().store(m, T0);
    MessageStore.Deposit back = store().get(m.msgId()).orElseThrow();
    assertThat(back.message()).isEqualTo(m);
    assertThat(back.depositedAt()).isEqualTo(T0);
    assertThat(store().get(message(2, ALICE, BOB).msgId())).isEmpty();
  }

  @Test
  void store_sameMsgIdTwice_refusedAndFirstKept() {
    StoredMessage m = message(1, ALICE, BOB);
    store().store(m, T0);
    StoredMessage again = new StoredMessage(m.msgId(), CAROL, BOB, Bytes.of(new byte[5]));
    assertThrows(IllegalStateException.class, () -> store().store(again, T0.plusSeconds(9)));
    assertThat(store().get(m.msgId()).orElseThrow().message().idA()).isEqualTo(ALICE);
    assertThat(store().forRecipient(BOB)).hasSize(1);
  }

  @Test
  void forRecipient_onlyThatRecipientsMessages_oldestFirst() {
    store().store(message(3, ALICE, BOB), T0.plusSeconds(3));
    store().store(message(1, CAROL, ALICE), T0.plusSeconds(1));
    store().store(message(2, CAROL, BOB), T0.plusSeconds(2));
    assertThat(store().forRecipient(BOB)).extracting(d -> d.message().idA()).containsExactly(ALICE, CAROL);
    assertThat(store().forRecipient(ALICE)).hasSize(1);
    assertThat(store().forRecipient(CAROL)).isEmpty();
    assertThat(store().forRecipient(BOB + ".evil")).isEmpty();
  }

  @Test
  void store_concurrentDepositsOfOneMessage_exactlyOneStored() throws Exception {
    StoredMessage m = message(7, ALICE, BOB);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> f = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        f.add(pool.submit((Callable<Boolean>) () -> {
          try {
            store().store(m, T0);
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
}
