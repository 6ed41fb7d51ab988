package org.ddsec.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * A throw-away PostgreSQL cluster for tests: {@code initdb} into a temporary directory with the
 * Debian binaries ({@code /usr/lib/postgresql/<version>/bin}, newest first, or the directory in
 * {@code -Dddsec.postgresBin=…}), started with {@code pg_ctl} on a free loopback port with trust
 * authentication for user {@value #USER}, fsync off. As root (initdb refuses to run as root) the
 * binaries run as the {@code postgres} OS user through {@code runuser}. {@link #close()} stops the
 * server and deletes the directory.
 *
 * <p>{@link #startOrSkip()} skips the calling test when PostgreSQL is not installed, and fails it
 * instead when {@code -Dddsec.requireExternalTools=true} (CI).
 */
public final class PostgresCluster implements AutoCloseable {

  /** The superuser initdb creates. */
  public static final String USER = "ddsec";

  private final Path bin;
  private final Path dir;
  private final int port;
  private final List<String> runAs;

  private PostgresCluster(Path bin, Path dir, int port, List<String> runAs) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.runAs = runAs;
  }

  /** Starts a cluster, or skips (fails, if external tools are required) when PostgreSQL is unavailable. */
  public static PostgresCluster startOrSkip() {
    Optional<Path> bin = findBin();
    boolean required = Boolean.getBoolean("ddsec.requireExternalTools");
    if (bin.isEmpty()) {
      String msg = "PostgreSQL not installed (no /usr/lib/postgresql/*/bin/initdb; scripts/install-test-tools installs it)";
      if (required) {
        throw new AssertionFailedError(msg + " and ddsec.requireExternalTools=true");
      }
      Assumptions.abort(msg);
    }
    try {
      return start(bin.get());
    } catch (IOException e) {
      if (required) {
        throw new AssertionFailedError("PostgreSQL did not start: " + e.getMessage(), e);
      }
      Assumptions.abort("PostgreSQL did not start: " + e.getMessage());
      throw new AssertionError("unreachable");
    }
  }

  /** Starts a cluster with the binaries in {@code bin}. */
  public static PostgresCluster start(Path bin) throws IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> runAs = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
    Path dir = Files.createTempDirectory("ddsec-pg-");
    if (root) {
      exec(List.of("chown", "postgres", dir.toString()), dir, 30);
    }
    exec(with(runAs, bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER, "-A", "trust",
        "-E", "UTF8", "--no-sync", "--locale=C"), dir, 120);
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      try {
        exec(with(runAs, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
            "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
            "start"), dir, 90);
        return new PostgresCluster(bin, dir, port, runAs);
      } catch (IOException e) {
        last = e;
      }
    }
    deleteTree(dir);
    throw last;
  }

  /** JDBC URL of database {@code database} (the cluster has {@code postgres}; make others with {@link #createDatabase}). */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** JDBC URL of the {@code postgres} database. */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  public int port() {
    return port;
  }

  /** Creates database {@code name} (an identifier: letters, digits, underscore). */
  public void createDatabase(String name) throws IOException {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("database name: " + name + " (expected: an SQL identifier)");
    }
    exec(with(runAs, bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, name), dir, 60);
  }

  /** Stops the server (fast shutdown) and deletes its directory. */
  @Override
  public void close() {
    try {
      exec(with(runAs, bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop"), dir, 90);
    } catch (IOException e) {
      // best effort: the directory goes anyway
    }
    deleteTree(dir);
  }

  private static Optional<Path> findBin() {
    String configured = System.getProperty("ddsec.postgresBin");
    if (configured != null && !configured.isBlank()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p.resolve("initdb")) ? Optional.of(p) : Optional.empty();
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(String name) {
    try {
      return Integer.parseInt(name.replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static List<String> with(List<String> prefix, String... cmd) {
    List<String> l = new ArrayList<>(prefix);
    l.addAll(List.of(cmd));
    return l;
  }

  private static void exec(List<String> cmd, Path cwd, int timeoutSeconds) throws IOException {
    Path out = Files.createTempFile("ddsec-pg-cmd-", ".log");
    try {
      Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + ": no exit after " + timeoutSeconds + " s");
      }
      if (p.exitValue() != 0) {
        String log = Files.readString(out, StandardCharsets.UTF_8);
        throw new IOException(cmd.get(Math.min(cmd.size() - 1, cmd.indexOf("--") + 1)) + " exited " + p.exitValue() + ": "
            + log.substring(Math.max(0, log.length() - 600)).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // leave it for the OS's temp cleaner
        }
      });
    } catch (IOException e) {
      // ditto
    }
  }
}
