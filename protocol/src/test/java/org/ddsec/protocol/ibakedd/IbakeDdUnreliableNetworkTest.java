package org.ddsec.protocol.ibakedd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.ibakedd.flow.IbakeDdWorld;
import org.ddsec.protocol.ibakedd.mailbox.MessageStore.Deposit;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * Deposits, retrievals and live calls over a network that duplicates, reorders and drops messages:
 * every exchange completes or fails cleanly. Cleanly means: only typed refusals (the world would
 * throw on anything else); no message stored twice; every deposit A completed is stored; every
 * key B obtains equals A's for that message or session.
 */
class IbakeDdUnreliableNetworkTest {

  static final List<String> USERS = List.of("sip:a@ims.example", "sip:b@ims.example", "sip:c@ims.example");
  static final IbakeDdWorld BASE = new IbakeDdWorld(USERS, IbakeMode.DDSEC_SIGNED, 9);

  @Test
  void duplicatesReordersAndDrops_exchangesCompleteOrFailCleanly() {
    int[] completed = {0};
    int[] failed = {0};
    Property.forAll(10, rnd -> {
      long seed = rnd.nextLong();
      IbakeMode mode = rnd.nextBoolean() ? IbakeMode.DDSEC_SIGNED : IbakeMode.STRICT_RFC_6267;
      IbakeDdWorld w = BASE.fork(mode, seed);
      SplittableRandom net = new SplittableRandom(seed);
      w.setReorder(true);
      w.setInterceptor(e -> {
        double x = net.nextDouble();
        if (x < 0.07) {
          return List.of();
        }
        if (x < 0.14) {
          return List.of(e, e);
        }
        return List.of(e);
      });
      Map<Bytes, IbakeCall> sent = new HashMap<>();
      for (int i = 0; i < 3; i++) {
        String a = USERS.get(i);
        String b = USERS.get((i + 1) % 3);
        w.deposit(a, b).ifPresentOrElse(k -> {
          sent.put(k.msgId().orElseThrow(), k);
          completed[0]++;
        }, () -> failed[0]++);
        String c = USERS.get((i + 2) % 3);
        int before = w.user(c).sessions().size();
        w.call(a, c).ifPresentOrElse(k -> {
          // B finished before A (R_MESSAGE_2 is B's last word): same keys.
          IbakeSession s = w.user(c).sessions().get(w.user(c).sessions().size() - 1);
          assertThat(w.user(c).sessions().size()).isGreaterThan(before);
          assertThat(s.tgk().constantTimeEquals(k.mediaKey())).isTrue();
          completed[0]++;
        }, () -> failed[0]++);
      }
      Set<Bytes> stored = new HashSet<>();
      for (Deposit d : w.mailboxStore().all()) {
        assertThat(stored.add(d.message().msgId())).as("stored once").isTrue();
      }
      assertThat(stored).as("every deposit A completed is stored").containsAll(sent.keySet());
      List<DeferredMessage> got = new ArrayList<>();
      for (String b : USERS) {
        got.addAll(w.retrieveAll(b));
      }
      for (DeferredMessage m : got) {
        assertThat(stored).contains(m.msgId());
        IbakeCall a = sent.get(m.msgId());
        if (a != null) {
          assertThat(m.sk().constantTimeEquals(a.mediaKey())).as("same SK for %s", m.msgId().hex()).isTrue();
        }
      }
      w.refusals().forEach(x -> assertThat(x.error().errorCode()).isNotNull());
    });
    assertThat(completed[0]).as("some exchanges complete").isPositive();
    assertThat(failed[0]).as("some exchanges fail").isPositive();
  }
}
