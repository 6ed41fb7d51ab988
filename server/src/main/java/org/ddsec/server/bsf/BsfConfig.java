package org.ddsec.server.bsf;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.ddsec.protocol.gba.Bsf;
import org.ddsec.server.config.Props;
import org.ddsec.server.store.JdbcStores;

/**
 * The BSF's configuration file: Java properties (key = value, {@code #} comments), every key
 * optional except {@code bsf.host}; unknown keys are refused so a typo cannot go unnoticed.
 * docs/gba.md lists the keys; relative paths are resolved against the file's directory.
 */
public record BsfConfig(Bsf.Settings settings, BsfServer.Listeners listeners, String dbUrl, String dbUser, String dbPassword,
    Path tlsOutDir, String tlsOutPassword, List<String> tlsAltNames) {

  /** A configuration the file could not give; the message names the file, the key and what was expected. */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }

  static final Set<String> KEYS = Set.of("bsf.host", "bsf.realm", "bsf.ks-lifetime", "bsf.challenge-lifetime", "bsf.max-pending-challenges",
      "ratelimit.max-failures", "ratelimit.window", "ub.bind", "ub.port", "zn.bind", "zn.port", "zn.nafs", "db.url", "db.user",
      "db.password", "tls.out-dir", "tls.out-password", "tls.alt-names");

  /** Reads {@code file}. */
  public static BsfConfig load(Path file) throws ConfigException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
    }
    Path base = file.toAbsolutePath().getParent();
    return from(p, base, file.toString());
  }

  /** Builds the configuration from {@code p}; relative paths against {@code base}. */
  public static BsfConfig from(Properties p, Path base, String source) throws ConfigException {
    for (String k : p.stringPropertyNames()) {
      if (!KEYS.contains(k)) {
        throw new ConfigException(source + ": " + k + ": unknown key (expected one of: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
      }
    }
    String host = p.getProperty("bsf.host", "").strip();
    if (host.isEmpty()) {
      throw new ConfigException(source + ": bsf.host: missing (expected: the BSF's host name, e.g. bsf.ims.example.org)");
    }
    Bsf.Settings d = Bsf.Settings.defaults(host);
    Set<String> nafs = new LinkedHashSet<>();
    for (String n : p.getProperty("zn.nafs", "").split(",")) {
      if (!n.isBlank()) {
        nafs.add(n.strip());
      }
    }
    Bsf.Settings s;
    try {
      s = new Bsf.Settings(host, p.getProperty("bsf.realm", host).strip(),
          duration(p, "bsf.ks-lifetime", d.ksLifetime(), source), duration(p, "bsf.challenge-lifetime", d.challengeLifetime(), source),
          integer(p, "bsf.max-pending-challenges", d.maxPendingChallenges(), 1, 10_000_000, source),
          integer(p, "ratelimit.max-failures", d.maxFailures(), 1, 1000, source), duration(p, "ratelimit.window", d.failureWindow(), source), nafs);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
    BsfServer.Listeners l = new BsfServer.Listeners(p.getProperty("ub.bind", "127.0.0.1").strip(), integer(p, "ub.port", 8443, 0, 65535, source),
        p.getProperty("zn.bind", "127.0.0.1").strip(), integer(p, "zn.port", 8444, 0, 65535, source));
    String url = p.getProperty("db.url", "").strip();
    if (url.isEmpty()) {
      url = JdbcStores.h2FileUrl(base.resolve("bsf-data"));
    } else if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(source + ": db.url: " + url.replaceAll("(?i)password=[^&;]*", "password=***") + " (expected: jdbc:h2:… or jdbc:postgresql:…)");
    }
    String out = p.getProperty("tls.out-dir", "").strip();
    List<String> alt = Arrays.stream(p.getProperty("tls.alt-names", "localhost,127.0.0.1,::1").split(","))
        .map(String::strip).filter(x -> !x.isEmpty()).toList();
    return new BsfConfig(s, l, url, p.getProperty("db.user", ""), p.getProperty("db.password", ""),
        out.isEmpty() ? null : base.resolve(out), p.getProperty("tls.out-password", "ddsec"), alt);
  }

  /** Durations and integers parse as in every ddsec configuration ({@link Props}); errors keep this class's type. */
  private static Duration duration(Properties p, String key, Duration dflt, String source) throws ConfigException {
    try {
      return new Props(p, null, source).duration(key, dflt);
    } catch (Props.ConfigException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static int integer(Properties p, String key, int dflt, int min, int max, String source) throws ConfigException {
    try {
      return new Props(p, null, source).integer(key, dflt, min, max);
    } catch (Props.ConfigException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "BsfConfig[" + settings + ", " + listeners + ", db=" + JdbcStores.redact(dbUrl) + "]";
  }
}
