package org.ddsec.server.ims;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.ddsec.protocol.sip.SipLimits;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.transaction.TimerSettings;
import org.ddsec.server.config.Props;
import org.ddsec.server.sip.TlsSettings;

/**
 * What the IMS core (registrar and proxy) runs with. Built in code (the demo, tests) or read from
 * a Java properties file by {@link #load} ({@code ./ddsec serve ims --config FILE}; the keys are
 * listed in docs/sip.md; unknown keys are refused so a typo cannot go unnoticed).
 *
 * @param domain the home domain whose AORs the registrar holds (e.g. {@code ims.example.org})
 * @param advertisedHost the host in Via and Record-Route; null for the bound address
 * @param udp where to listen for UDP (port 0: any)
 * @param tls where to listen for TLS, or null for no TLS listener
 * @param noAnswerTimeout how long a registered callee may take to send a final response before
 *     the INVITE goes to the mailbox (RFC 4458 cause 408)
 * @param mailboxes AOR ({@link SipUri#aor()} form) to the URI of that user's mailbox
 * @param defaultMailbox the mailbox of every other user of the domain, or null
 * @param tlsFiles where key material comes from when the core runs as its own process (null in code)
 */
public record ImsCoreConfig(String domain, String advertisedHost, InetSocketAddress udp, InetSocketAddress tls, Duration noAnswerTimeout,
    Map<String, SipUri> mailboxes, SipUri defaultMailbox, Registrar.Expiry expiry, TimerSettings timers, SipLimits limits,
    TlsSettings tlsSettings, TlsFiles tlsFiles) {

  /**
   * TLS key material of a stand-alone core: a PKCS#12 keystore and the CA certificates trusted for
   * outgoing TLS (both null: a throw-away CA is generated at start, its certificate written to
   * {@code outDir/ca.pem} when {@code outDir} is set).
   */
  public record TlsFiles(Path keystore, String keystorePassword, Path trust, Path outDir, List<String> altNames) {
    public TlsFiles {
      altNames = List.copyOf(altNames);
    }
  }

  /** A configuration error; the message names the file, the key and what was expected. */
  public static final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }

  public ImsCoreConfig {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(udp, "udp");
    Objects.requireNonNull(noAnswerTimeout, "noAnswerTimeout");
    mailboxes = Map.copyOf(mailboxes);
    Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(timers, "timers");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(tlsSettings, "tlsSettings");
    if (noAnswerTimeout.isNegative() || noAnswerTimeout.isZero()) {
      throw new IllegalArgumentException("no-answer timeout: " + noAnswerTimeout + " (expected: positive)");
    }
  }

  /** Loopback on {@code udpPort} and {@code tlsPort} (0: any; -1: no TLS), 20 s no-answer timeout, RFC 3261 timers. */
  public static ImsCoreConfig loopback(String domain, int udpPort, int tlsPort) {
    return new ImsCoreConfig(domain, null, new InetSocketAddress("127.0.0.1", udpPort),
        tlsPort < 0 ? null : new InetSocketAddress("127.0.0.1", tlsPort), Duration.ofSeconds(20), Map.of(), null, Registrar.Expiry.DEFAULT,
        TimerSettings.RFC3261, SipLimits.DEFAULT, TlsSettings.DEFAULT, null);
  }

  /** This configuration with {@code aor}'s mailbox at {@code mailbox}. */
  public ImsCoreConfig withMailbox(String aor, SipUri mailbox) {
    Map<String, SipUri> m = new LinkedHashMap<>(mailboxes);
    m.put(SipUri.parse(aor).aor(), mailbox);
    return new ImsCoreConfig(domain, advertisedHost, udp, tls, noAnswerTimeout, m, defaultMailbox, expiry, timers, limits, tlsSettings, tlsFiles);
  }

  public ImsCoreConfig withDefaultMailbox(SipUri mailbox) {
    return new ImsCoreConfig(domain, advertisedHost, udp, tls, noAnswerTimeout, mailboxes, mailbox, expiry, timers, limits, tlsSettings, tlsFiles);
  }

  public ImsCoreConfig withNoAnswerTimeout(Duration d) {
    return new ImsCoreConfig(domain, advertisedHost, udp, tls, d, mailboxes, defaultMailbox, expiry, timers, limits, tlsSettings, tlsFiles);
  }

  public ImsCoreConfig withTimers(TimerSettings t) {
    return new ImsCoreConfig(domain, advertisedHost, udp, tls, noAnswerTimeout, mailboxes, defaultMailbox, expiry, t, limits, tlsSettings, tlsFiles);
  }

  public ImsCoreConfig withTlsSettings(TlsSettings t) {
    return new ImsCoreConfig(domain, advertisedHost, udp, tls, noAnswerTimeout, mailboxes, defaultMailbox, expiry, timers, limits, t, tlsFiles);
  }

  public ImsCoreConfig withExpiry(Registrar.Expiry e) {
    return new ImsCoreConfig(domain, advertisedHost, udp, tls, noAnswerTimeout, mailboxes, defaultMailbox, e, timers, limits, tlsSettings, tlsFiles);
  }

  /** The mailbox for {@code aor}, if any. */
  public Optional<SipUri> mailboxFor(String aor) {
    SipUri m = mailboxes.get(aor);
    return Optional.ofNullable(m != null ? m : defaultMailbox);
  }

  static final Set<String> KEYS = Set.of("ims.domain", "ims.host", "udp.bind", "udp.port", "tls.bind", "tls.port", "tls.keystore",
      "tls.keystore-password", "tls.trust", "tls.out-dir", "tls.alt-names", "tls.handshake-timeout", "tls.frame-timeout", "tls.idle-timeout",
      "proxy.no-answer-timeout", "registrar.default-expires", "registrar.min-expires", "registrar.max-expires", "mailbox.default", "sip.t1",
      "sip.t2", "sip.t4", "sip.max-message-bytes");

  /** Reads a properties file (relative paths against its directory). */
  public static ImsCoreConfig load(Path file) throws ConfigException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return from(p, file.toAbsolutePath().getParent(), file.toString());
  }

  /** Builds the configuration from {@code p}; {@code mailbox.user.<user>} keys map a user of the domain to a mailbox URI. */
  public static ImsCoreConfig from(Properties p, Path base, String source) throws ConfigException {
    for (String k : p.stringPropertyNames()) {
      if (!KEYS.contains(k) && !k.startsWith("mailbox.user.")) {
        throw new ConfigException(source + ": " + k + ": unknown key (expected one of: " + String.join(", ", new TreeSet<>(KEYS)) + ", mailbox.user.<user>)");
      }
    }
    String domain = p.getProperty("ims.domain", "").strip().toLowerCase(Locale.ROOT);
    if (domain.isEmpty()) {
      throw new ConfigException(source + ": ims.domain: missing (expected: the home domain, e.g. ims.example.org)");
    }
    String host = p.getProperty("ims.host", "").strip();
    InetSocketAddress udp = new InetSocketAddress(p.getProperty("udp.bind", "127.0.0.1").strip(), integer(p, "udp.port", 5060, 0, 65535, source));
    int tlsPort = integer(p, "tls.port", 5061, -1, 65535, source);
    InetSocketAddress tls = tlsPort < 0 ? null : new InetSocketAddress(p.getProperty("tls.bind", "127.0.0.1").strip(), tlsPort);
    Map<String, SipUri> mailboxes = new LinkedHashMap<>();
    for (String k : new TreeSet<>(p.stringPropertyNames())) {
      if (k.startsWith("mailbox.user.")) {
        String user = k.substring("mailbox.user.".length());
        if (user.isEmpty()) {
          throw new ConfigException(source + ": " + k + ": no user (expected: mailbox.user.<user> = <mailbox SIP URI>)");
        }
        mailboxes.put(SipUri.of(user, domain, -1).aor(), uri(p, k, source));
      }
    }
    SipUri dflt = p.getProperty("mailbox.default", "").isBlank() ? null : uri(p, "mailbox.default", source);
    Registrar.Expiry d = Registrar.Expiry.DEFAULT;
    Registrar.Expiry expiry;
    TimerSettings timers;
    TlsSettings ts = TlsSettings.DEFAULT;
    try {
      expiry = new Registrar.Expiry(duration(p, "registrar.default-expires", d.defaultExpires(), source),
          duration(p, "registrar.min-expires", d.minExpires(), source), duration(p, "registrar.max-expires", d.maxExpires(), source));
      TimerSettings t = TimerSettings.RFC3261;
      timers = new TimerSettings(duration(p, "sip.t1", t.t1(), source), duration(p, "sip.t2", t.t2(), source), duration(p, "sip.t4", t.t4(), source));
      ts = new TlsSettings(duration(p, "tls.handshake-timeout", ts.handshakeTimeout(), source), duration(p, "tls.frame-timeout", ts.frameTimeout(), source),
          duration(p, "tls.idle-timeout", ts.idleTimeout(), source), ts.maxConnections(), ts.maxQueuedMessages());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
    SipLimits limits = new SipLimits(integer(p, "sip.max-message-bytes", SipLimits.DEFAULT.maxMessageBytes(), 1024, 1 << 20, source),
        SipLimits.DEFAULT.maxHeaderFields(), SipLimits.DEFAULT.maxHeaderValueChars());
    String ks = p.getProperty("tls.keystore", "").strip();
    String trust = p.getProperty("tls.trust", "").strip();
    String out = p.getProperty("tls.out-dir", "").strip();
    List<String> alt = Arrays.stream(p.getProperty("tls.alt-names", "localhost,127.0.0.1").split(",")).map(String::strip).filter(x -> !x.isEmpty())
        .toList();
    TlsFiles files = new TlsFiles(ks.isEmpty() ? null : base.resolve(ks), p.getProperty("tls.keystore-password", "ddsec"),
        trust.isEmpty() ? null : base.resolve(trust), out.isEmpty() ? null : base.resolve(out), alt);
    try {
      return new ImsCoreConfig(domain, host.isEmpty() ? null : host, udp, tls, duration(p, "proxy.no-answer-timeout", Duration.ofSeconds(20), source),
          mailboxes, dflt, expiry, timers, limits, ts, files);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + e.getMessage());
    }
  }

  private static SipUri uri(Properties p, String key, String source) throws ConfigException {
    String v = p.getProperty(key).strip();
    try {
      return SipUri.parse(v);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + ": " + key + ": " + v + " (expected: a SIP URI such as sip:mailbox@127.0.0.1:5070)");
    }
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
}
