package org.ddsec.server.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.ddsec.core.SecretBytes;

/**
 * A service configuration file: Java properties ({@code key = value}, {@code #} comments),
 * typed getters whose errors name the file, the key and what was expected, unknown keys refused
 * (so a typo cannot go unnoticed), relative paths resolved against the file's directory. Secret
 * values are never echoed in an error.
 */
public final class Props {

  /** A configuration the file could not give; the message names the file, the key and what was expected. */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }

  private final Properties p;
  private final Path base;
  private final String source;

  public Props(Properties p, Path base, String source) {
    this.p = p;
    this.base = base;
    this.source = source;
  }

  /** Reads {@code file}. */
  public static Props load(Path file) throws ConfigException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return new Props(p, file.toAbsolutePath().getParent(), file.toString());
  }

  /** Compiles whole-key patterns for {@link #allowOnly}. */
  public static List<Pattern> patterns(String... regex) {
    List<Pattern> out = new ArrayList<>();
    for (String r : regex) {
      out.add(Pattern.compile(r));
    }
    return List.copyOf(out);
  }

  /** The host of a SIP-style URI: {@code sip:kms.example.org} → {@code kms.example.org}, {@code sip:u@h} → {@code h}; null if none. */
  public static String hostOf(String uri) {
    String s = uri.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*:", "");
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    s = s.replaceAll("[;:/?>].*$", "");
    return s.matches("[A-Za-z0-9.-]+") ? s.toLowerCase(java.util.Locale.ROOT) : null;
  }

  public Path base() {
    return base;
  }

  /** Refuses keys that match none of {@code allowed} (regular expressions over whole keys). */
  public void allowOnly(List<Pattern> allowed, String hint) throws ConfigException {
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      if (allowed.stream().noneMatch(a -> a.matcher(k).matches())) {
        throw error(k, "unknown key (expected one of: " + hint + ")");
      }
    }
  }

  /** The distinct {@code x} of keys {@code prefix.x.…}, sorted. */
  public Set<String> groups(String prefix) {
    Set<String> out = new TreeSet<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith(prefix + ".")) {
        String rest = k.substring(prefix.length() + 1);
        int dot = rest.indexOf('.');
        if (dot > 0) {
          out.add(rest.substring(0, dot));
        }
      }
    }
    return out;
  }

  public boolean has(String key) {
    String v = p.getProperty(key);
    return v != null && !v.isBlank();
  }

  public String string(String key, String dflt) {
    String v = p.getProperty(key);
    return v == null || v.isBlank() ? dflt : v.strip();
  }

  public String required(String key, String expected) throws ConfigException {
    String v = string(key, null);
    if (v == null) {
      throw error(key, "missing (expected: " + expected + ")");
    }
    return v;
  }

  public Duration duration(String key, Duration dflt) throws ConfigException {
    String v = string(key, null);
    if (v == null) {
      return dflt;
    }
    try {
      Duration d = Duration.parse(v);
      if (d.isNegative()) {
        throw error(key, v + " (expected: a duration ≥ 0)");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw error(key, v + " (expected: an ISO-8601 duration such as PT30S or P30D)");
    }
  }

  public int integer(String key, int dflt, int min, int max) throws ConfigException {
    String v = string(key, null);
    if (v == null) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw error(key, v + " (expected: an integer " + min + ".." + max + ")");
    }
  }

  public Instant instant(String key) throws ConfigException {
    String v = required(key, "an ISO-8601 instant such as 2026-01-01T00:00:00Z");
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw error(key, v + " (expected: an ISO-8601 instant such as 2026-01-01T00:00:00Z)");
    }
  }

  public URI uri(String key, String dflt) throws ConfigException {
    String v = string(key, dflt);
    if (v == null) {
      throw error(key, "missing (expected: an https:// URL)");
    }
    try {
      URI u = new URI(v);
      if (!"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new URISyntaxException(v, "not https");
      }
      return u;
    } catch (URISyntaxException e) {
      throw error(key, v + " (expected: an https:// URL with a host)");
    }
  }

  /** A secret given as hex digits, of {@code bytes} octets. The value never appears in an error. */
  public SecretBytes secretHex(String key, int bytes) throws ConfigException {
    String v = required(key, (2 * bytes) + " hex digits");
    byte[] b;
    try {
      b = HexFormat.of().parseHex(v);
    } catch (IllegalArgumentException e) {
      throw error(key, "not hex (expected: " + (2 * bytes) + " hex digits; value not shown)");
    }
    if (b.length != bytes) {
      SecretBytes.wipe(b);
      throw error(key, b.length + " octets (expected: " + bytes + "; value not shown)");
    }
    return SecretBytes.wrap(b);
  }

  /** A comma-separated list, blanks dropped. */
  public List<String> list(String key, String dflt) {
    List<String> out = new ArrayList<>();
    for (String s : string(key, dflt == null ? "" : dflt).split(",")) {
      if (!s.isBlank()) {
        out.add(s.strip());
      }
    }
    return out;
  }

  /** A path, relative ones against the file's directory; null when absent. */
  public Path path(String key) {
    String v = string(key, null);
    return v == null ? null : base.resolve(v);
  }

  public List<Path> paths(String key) {
    List<Path> out = new ArrayList<>();
    for (String s : list(key, "")) {
      out.add(base.resolve(s));
    }
    return out;
  }

  public ConfigException error(String key, String detail) {
    return new ConfigException(source + ": " + key + ": " + detail);
  }
}
