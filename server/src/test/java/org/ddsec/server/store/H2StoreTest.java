package org.ddsec.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ddsec.protocol.gba.BootstrappingStore;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.SubscriberStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an embedded H2 file database, plus re-opening the file. */
class H2StoreTest extends StoreContract {

  @TempDir Path dir;
  private JdbcStores stores;

  @BeforeEach
  void open() {
    stores = JdbcStores.open(JdbcStores.h2FileUrl(dir), "", "");
  }

  @AfterEach
  void close() {
    stores.close();
  }

  @Override
  SubscriberStore subscribers() {
    return stores.subscribers();
  }

  @Override
  BootstrappingStore sessions() {
    return stores.sessions();
  }

  @Test
  void reopen_fileDatabase_keepsSubscribersAndSessions() {
    stores.subscribers().add(subscriber("alice@x", "sip:alice@x"));
    stores.sessions().put(session("a1@bsf", "alice@x", T0.plusSeconds(60)));
    stores.close();
    stores = JdbcStores.open(JdbcStores.h2FileUrl(dir), "", "");
    assertThat(stores.subscribers().find("alice@x").orElseThrow().sqn()).isEqualTo(Sqn.of(7, 3));
    assertThat(stores.sessions().find("a1@bsf")).isPresent();
  }

  @Test
  void open_unreachableDatabase_storeException() {
    org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
        () -> JdbcStores.open("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1", "x", "secret"));
  }
}
