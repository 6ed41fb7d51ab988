package org.ddsec.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.gba.BootstrappingSession;
import org.ddsec.protocol.gba.BootstrappingStore;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.SqnScheme;
import org.ddsec.protocol.gba.Subscriber;
import org.ddsec.protocol.gba.SubscriberStore;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SubscriberStore} / {@link BootstrappingStore} pair must show (in-memory, H2, PostgreSQL). */
abstract class StoreContract {

  static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
  static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  abstract SubscriberStore subscribers();

  abstract BootstrappingStore sessions();

  static Subscriber subscriber(String impi, String... impus) {
    return new Subscriber(impi, Set.of(impus), SecretBytes.fromHex(K), SecretBytes.fromHex(OPC), Bytes.fromHex("8000"), Sqn.of(7, 3));
  }

  static BootstrappingSession session(String btid, String impi, Instant expires) {
    return new BootstrappingSession(btid, impi, Bytes.of(new byte[16]), SecretBytes.copyOf(new byte[32]), T0, expires);
  }

  @Test
  void add_thenFind_sameRecord() {
    assertThat(subscribers().add(subscriber("alice@ims.example.org", "sip:alice@ims.example.org", "tel:+15550100"))).isTrue();
    Subscriber s = subscribers().find("alice@ims.example.org").orElseThrow();
    assertThat(s.impus()).containsExactlyInAnyOrder("sip:alice@ims.example.org", "tel:+15550100");
    assertThat(s.k().unsafeHex()).isEqualTo(K);
    assertThat(s.opc().unsafeHex()).isEqualTo(OPC);
    assertThat(s.amf()).isEqualTo(Bytes.fromHex("8000"));
    assertThat(s.sqn()).isEqualTo(Sqn.of(7, 3));
  }

  @Test
  void add_duplicateImpi_refusedAndUnchanged() {
    subscribers().add(subscriber("alice@ims.example.org", "sip:a@x"));
    assertThat(subscribers().add(subscriber("alice@ims.example.org", "sip:other@x"))).isFalse();
    assertThat(subscribers().find("alice@ims.example.org").orElseThrow().impus()).containsExactly("sip:a@x");
  }

  @Test
  void list_orderedByImpi() {
    subscribers().add(subscriber("bob@x", "sip:bob@x"));
    subscribers().add(subscriber("alice@x", "sip:alice@x"));
    assertThat(subscribers().list()).extracting(Subscriber::impi).containsExactly("alice@x", "bob@x");
  }

  @Test
  void find_unknown_empty() {
    assertThat(subscribers().find("nobody@x")).isEmpty();
    assertThat(subscribers().updateSqn("nobody@x", SqnScheme::next)).isEmpty();
  }

  @Test
  void remove_dropsSubscriberAndItsSessions() {
    subscribers().add(subscriber("alice@x", "sip:alice@x"));
    subscribers().add(subscriber("bob@x", "sip:bob@x"));
    sessions().put(session("a1@bsf", "alice@x", T0.plusSeconds(3600)));
    sessions().put(session("b1@bsf", "bob@x", T0.plusSeconds(3600)));
    assertThat(subscribers().remove("alice@x")).isTrue();
    assertThat(subscribers().remove("alice@x")).isFalse();
    assertThat(sessions().find("a1@bsf")).isEmpty();
    assertThat(sessions().find("b1@bsf")).isPresent();
  }

  @Test
  void updateSqn_appliesFunctionAndPersists() {
    subscribers().add(subscriber("alice@x", "sip:alice@x"));
    assertThat(subscribers().updateSqn("alice@x", SqnScheme::next)).contains(Sqn.of(8, 4));
    assertThat(subscribers().find("alice@x").orElseThrow().sqn()).isEqualTo(Sqn.of(8, 4));
  }

  @Test
  void updateSqn_concurrentCallers_noLostUpdate() throws Exception {
    subscribers().add(subscriber("alice@x", "sip:alice@x"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> f = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        f.add(pool.submit((Callable<Void>) () -> {
          for (int i = 0; i < 25; i++) {
            subscribers().updateSqn("alice@x", SqnScheme::next);
          }
          return null;
        }));
      }
      for (Future<?> x : f) {
        x.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(subscribers().find("alice@x").orElseThrow().sqn().seq()).isEqualTo(7 + 100);
  }

  @Test
  void session_putFindReplace() {
    subscribers().add(subscriber("alice@x", "sip:alice@x"));
    sessions().put(session("a1@bsf", "alice@x", T0.plusSeconds(60)));
    BootstrappingSession replaced = new BootstrappingSession("a1@bsf", "alice@x", Bytes.of(new byte[16]), SecretBytes.copyOf(new byte[32]),
        T0, T0.plusSeconds(120));
    sessions().put(replaced);
    BootstrappingSession s = sessions().find("a1@bsf").orElseThrow();
    assertThat(s.expiresAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(s.createdAt()).isEqualTo(T0);
    assertThat(s.ks().length()).isEqualTo(32);
    assertThat(sessions().count()).isEqualTo(1);
  }

  @Test
  void purgeExpired_dropsOnlyExpired() {
    subscribers().add(subscriber("alice@x", "sip:alice@x"));
    sessions().put(session("old@bsf", "alice@x", T0.plusSeconds(10)));
    sessions().put(session("new@bsf", "alice@x", T0.plusSeconds(100)));
    assertThat(sessions().purgeExpired(T0.plusSeconds(10))).isEqualTo(1);
    assertThat(sessions().find("old@bsf")).isEmpty();
    assertThat(sessions().find("new@bsf")).isPresent();
    assertThat(sessions().remove("new@bsf")).isTrue();
    assertThat(sessions().count()).isZero();
  }
}
