package org.ddsec.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * A JDBC connection pool (HikariCP) over H2 or PostgreSQL, migrated at open by Flyway with one
 * component's schema: its own migration location and history table, so that several components
 * (GBA, KMS replay cache, mailbox) can share a database without touching each other's tables.
 * Same approach as {@link JdbcStores}; used by the KMS and mailbox services.
 */
public final class Database implements AutoCloseable {

  /** One component's Flyway schema: where its migrations are and which history table records them. */
  public record Schema(String location, String historyTable) {
    public Schema {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(historyTable, "historyTable");
    }
  }

  /** Where to connect; an empty user or password is not sent. */
  public record Settings(String url, String user, String password, int maxPoolSize) {
    public Settings {
      Objects.requireNonNull(url, "url");
      user = user == null ? "" : user;
      password = password == null ? "" : password;
      if (maxPoolSize < 1 || maxPoolSize > 1000) {
        throw new IllegalArgumentException("pool size: " + maxPoolSize + " (expected: 1..1000)");
      }
      if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("database URL: " + JdbcStores.redact(url) + " (expected: jdbc:h2:… or jdbc:postgresql:…)");
      }
    }

    /**
     * An embedded H2 file database {@code <dir>/<name>} (one process at a time), with {@code
     * WRITE_DELAY=0}: H2 otherwise flushes commits up to 500 ms late, and a killed process loses
     * them (found by {@code MailboxCrashTest}).
     */
    public static Settings h2File(Path dir, String name) {
      return new Settings("jdbc:h2:file:" + dir.toAbsolutePath().resolve(name) + ";DB_CLOSE_DELAY=0;WRITE_DELAY=0", "", "", 8);
    }

    @Override
    public String toString() {
      return "Database.Settings[" + JdbcStores.redact(url) + ", user=" + (user.isEmpty() ? "(none)" : user) + ", pool=" + maxPoolSize + "]";
    }
  }

  private final HikariDataSource dataSource;
  private final String url;

  private Database(HikariDataSource ds, String url) {
    this.dataSource = ds;
    this.url = url;
  }

  /**
   * Opens a pool and migrates {@code schema}.
   *
   * @throws StoreException if the database cannot be reached or migrated
   */
  public static Database open(Settings s, Schema schema, String poolName) {
    return open(s, List.of(schema), poolName);
  }

  /** Opens a pool and migrates each of {@code schemas}, in order. */
  public static Database open(Settings s, List<Schema> schemas, String poolName) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(s.url());
    if (!s.user().isEmpty()) {
      c.setUsername(s.user());
    }
    if (!s.password().isEmpty()) {
      c.setPassword(s.password());
    }
    c.setMaximumPoolSize(s.maxPoolSize());
    c.setPoolName(poolName);
    c.setConnectionTimeout(10_000);
    c.setInitializationFailTimeout(1); // one attempt: an unreachable database is a start-up error
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(c);
    } catch (RuntimeException e) {
      throw new StoreException("open " + JdbcStores.redact(s.url()), e);
    }
    try {
      for (Schema schema : schemas) {
        // Several components' tables may share a database: each schema has its own history
        // table, and a database already holding another component's tables is baselined at 0.
        Flyway.configure().dataSource(ds).locations("classpath:" + schema.location()).table(schema.historyTable())
            .baselineOnMigrate(true).baselineVersion("0").load().migrate();
      }
    } catch (RuntimeException e) {
      ds.close();
      throw new StoreException("migrate " + JdbcStores.redact(s.url()), e);
    }
    return new Database(ds, s.url());
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Whether this is a PostgreSQL database (else H2). */
  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  @Override
  public void close() {
    dataSource.close();
  }

  @Override
  public String toString() {
    return "Database[" + JdbcStores.redact(url) + "]";
  }
}
