package org.ddsec.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.ddsec.protocol.gba.BootstrappingStore;
import org.ddsec.protocol.gba.SubscriberStore;
import org.flywaydb.core.Flyway;

/**
 * The GBA stores on JDBC: a HikariCP pool over H2 (embedded file database, the default) or
 * PostgreSQL (by URL), migrated at open by Flyway with the one schema in {@code
 * org/ddsec/server/store/migration} (history table {@value #HISTORY_TABLE}, so other components
 * can keep their own migrations in the same database).
 */
public final class JdbcStores implements AutoCloseable {

  /** Flyway's history table for the GBA schema. */
  public static final String HISTORY_TABLE = "ddsec_gba_schema_history";

  private final HikariDataSource dataSource;
  private final JdbcSubscriberStore subscribers;
  private final JdbcBootstrappingStore sessions;

  private JdbcStores(HikariDataSource ds) {
    this.dataSource = ds;
    this.subscribers = new JdbcSubscriberStore(ds);
    this.sessions = new JdbcBootstrappingStore(ds);
  }

  /**
   * Opens (and migrates) the database at {@code jdbcUrl}.
   *
   * @throws StoreException if it cannot be reached or migrated
   */
  public static JdbcStores open(String jdbcUrl, String user, String password, int maxPoolSize) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(jdbcUrl);
    if (user != null && !user.isEmpty()) {
      c.setUsername(user);
    }
    if (password != null && !password.isEmpty()) {
      c.setPassword(password);
    }
    c.setMaximumPoolSize(maxPoolSize);
    c.setPoolName("ddsec-gba");
    c.setConnectionTimeout(10_000);
    c.setInitializationFailTimeout(1); // one attempt: an unreachable database is a start-up error, not a wait
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(c);
    } catch (RuntimeException e) {
      throw new StoreException("open " + redact(jdbcUrl), e);
    }
    try {
      migrate(ds);
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("migrate " + redact(jdbcUrl), e);
    }
    return new JdbcStores(ds);
  }

  /** Opens with a pool of 8 connections. */
  public static JdbcStores open(String jdbcUrl, String user, String password) {
    return open(jdbcUrl, user, password, 8);
  }

  /** The default URL: an embedded H2 file database {@code <dir>/gba} (one process at a time). */
  public static String h2FileUrl(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("gba") + ";DB_CLOSE_DELAY=0;WRITE_DELAY=0";
  }

  static void migrate(DataSource ds) {
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:org/ddsec/server/store/migration")
        .table(HISTORY_TABLE)
        .load()
        .migrate();
  }

  public SubscriberStore subscribers() {
    return subscribers;
  }

  public BootstrappingStore sessions() {
    return sessions;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    dataSource.close();
  }

  /** A JDBC URL without its password= parameter, for messages. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
