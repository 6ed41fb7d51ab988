package org.ddsec.protocol.kmsdd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.kmsdd.caller.CallKeys;
import org.ddsec.protocol.kmsdd.flow.KmsDdWorld;
import org.ddsec.protocol.kmsdd.mailbox.DepositRecord;
import org.ddsec.protocol.kmsdd.recipient.RetrievedKeys;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * Flows over a network that duplicates, reorders and drops messages (Bouncy Castle's
 * UnreliableDatagramTransport idea): every flow completes or fails cleanly. Cleanly means: no
 * exception but the typed refusals escapes a party; no deposit is stored twice; every key the
 * recipient obtains equals the caller's for that message, whenever the caller got one; and a
 * stored deposit the caller never heard back about still resolves to one consistent key.
 */
class KmsDdUnreliableNetworkTest {

  @Test
  void duplicatesReordersAndDrops_flowsCompleteOrFailCleanly() {
    List<String> users = List.of("sip:a@ims.example", "sip:b@ims.example", "sip:c@ims.example");
    int[] completed = {0};
    int[] failed = {0};
    Property.forAll(60, rnd -> {
      long seed = rnd.nextLong();
      boolean e2m = rnd.nextBoolean();
      KmsDdWorld w = new KmsDdWorld(users, e2m, seed);
      SplittableRandom net = new SplittableRandom(seed);
      w.setReorder(true);
      w.setInterceptor(e -> {
        double x = net.nextDouble();
        if (x < 0.08) {
          return List.of();
        }
        if (x < 0.16) {
          return List.of(e, e);
        }
        return List.of(e);
      });
      Map<Bytes, CallKeys> sent = new HashMap<>();
      for (String a : users) {
        for (String b : users) {
          if (!a.equals(b)) {
            w.deposit(a, b).ifPresentOrElse(k -> {
              sent.put(k.msgId(), k);
              completed[0]++;
            }, () -> failed[0]++);
          }
        }
      }
      Set<Bytes> stored = new HashSet<>();
      for (DepositRecord r : w.mailboxStore().all()) {
        assertThat(stored.add(r.parameters().msgId())).as("stored once").isTrue();
      }
      for (Bytes id : sent.keySet()) {
        assertThat(stored).as("a deposit the caller completed is stored").contains(id);
      }
      List<RetrievedKeys> got = new ArrayList<>();
      for (String b : users) {
        got.addAll(w.retrieveAll(b));
      }
      Set<Bytes> seen = new HashSet<>();
      for (RetrievedKeys r : got) {
        Bytes id = r.deposit().msgId();
        CallKeys a = sent.get(id);
        if (a != null) {
          assertThat(r.k().constantTimeEquals(a.k())).as("same K for %s", id.hex()).isTrue();
        }
        seen.add(id);
      }
      assertThat(stored).containsAll(seen);
      // Every refusal is a typed MIKEY error (the world would have thrown on anything else).
      w.refusals().forEach(x -> assertThat(x.error().errorCode()).isNotNull());
    });
    assertThat(completed[0]).as("some flows complete").isPositive();
    assertThat(failed[0]).as("some flows fail").isPositive();
  }
}
