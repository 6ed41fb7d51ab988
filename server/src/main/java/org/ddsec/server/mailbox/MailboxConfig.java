package org.ddsec.server.mailbox;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.kmsdd.KmsDdProfile;
import org.ddsec.protocol.kmsdd.mailbox.Mailbox;
import org.ddsec.server.config.Props;
import org.ddsec.server.config.Props.ConfigException;
import org.ddsec.server.store.Database;

/**
 * Everything the mailbox service is started with. {@link #load} reads the configuration file
 * (Java properties, keys in docs/services.md); programs use {@link #of} and the {@code with…}
 * methods. {@link #toString()} shows no secret.
 *
 * @param role the mailbox's identity ID-Bm, its Km's key id, the KMS's identity, skew, and how
 *     long a deposit may wait for the KMS
 * @param km the key shared with the KMS (32 octets)
 * @param nafFqdn the mailbox's FQDN: its name as a NAF (GBA Digest realm and NAF_Id), its TLS
 *     client certificate's name towards the KMS and the BSF
 * @param users the IMPUs this mailbox serves
 * @param kmsUri the KMS's base URI
 * @param znUri the BSF's Zn listener
 * @param http the HTTPS listener for recipients
 * @param media where media is received and stored, and the limits
 * @param db the deposit database (H2 file by default, PostgreSQL by URL)
 * @param nonceLifetime how long a Digest nonce may be used
 * @param tls TLS files for {@code ./ddsec serve mailbox} (null when started programmatically)
 * @param ibake the MIKEY-IBAKE profile the mailbox also takes IBAKE-DD deposits in (seed Fig. 27,
 *     docs/profile-ibake-dd.md), with its own identity-based keys from the KMS's IBAKE KMS
 *     (REQUEST_KEY_PSK under Km); absent, I_MESSAGE_1 offers are refused
 */
public record MailboxConfig(Mailbox.Config role, SecretBytes km, String nafFqdn, Set<String> users, URI kmsUri, Duration kmsTimeout,
    URI znUri, Duration znTimeout, Duration znCacheTtl, Listener http, Media media, Database.Settings db, Duration nonceLifetime,
    TlsFiles tls, Optional<IbakeMode> ibake) {

  /** Where to listen; port 0 is ephemeral. */
  public record Listener(String host, int port) {
    public static Listener loopbackEphemeral() {
      return new Listener("127.0.0.1", 0);
    }
  }

  /**
   * Media reception and storage.
   *
   * @param rtpHost the address RTP sockets bind to (and that the SDP answer names)
   * @param rtpPortMin first port of the RTP range (0 with {@code rtpPortMax} 0: ephemeral ports)
   * @param dir where {@code <msg-id>.pcap} and {@code .meta} files are kept
   * @param maxMessage the longest message (packets beyond 50/s × this are refused)
   * @param maxConcurrent most deposits in progress at once (more are answered 503)
   * @param receiveBuffer SO_RCVBUF of each RTP socket
   */
  public record Media(String rtpHost, int rtpPortMin, int rtpPortMax, Path dir, Duration maxMessage, int maxConcurrent, int receiveBuffer) {
    public Media {
      Objects.requireNonNull(rtpHost, "rtpHost");
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(maxMessage, "maxMessage");
      if (rtpPortMin < 0 || rtpPortMax > 65535 || rtpPortMin > rtpPortMax || (rtpPortMin == 0) != (rtpPortMax == 0)) {
        throw new IllegalArgumentException("RTP ports: " + rtpPortMin + ".." + rtpPortMax + " (expected: 0..0 for ephemeral, or 1 ≤ min ≤ max ≤ 65535)");
      }
      if (maxConcurrent < 1 || receiveBuffer < 1024 || maxMessage.isZero()) {
        throw new IllegalArgumentException("media limits: concurrent " + maxConcurrent + ", buffer " + receiveBuffer + ", max " + maxMessage
            + " (expected: ≥ 1, ≥ 1024, > 0)");
      }
    }

    /** Packets of 20 ms in the longest message. */
    public long maxPackets() {
      return Math.max(1, maxMessage.toMillis() / 20);
    }

    public static Media defaults(Path dir) {
      return new Media("127.0.0.1", 0, 0, dir, Duration.ofMinutes(3), 1000, 256 * 1024);
    }
  }

  /** TLS material on disk, for the command line. */
  public record TlsFiles(Path credential, String credentialPassword, List<Path> trust, Path clientCredential, String clientCredentialPassword,
      Path outDir, List<String> altNames) {
    public TlsFiles {
      trust = List.copyOf(trust);
      altNames = List.copyOf(altNames);
    }
  }

  public MailboxConfig {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(km, "km");
    nafFqdn = Objects.requireNonNull(nafFqdn, "nafFqdn").toLowerCase(Locale.ROOT);
    users = Set.copyOf(users);
    Objects.requireNonNull(kmsUri, "kmsUri");
    Objects.requireNonNull(kmsTimeout, "kmsTimeout");
    Objects.requireNonNull(znUri, "znUri");
    Objects.requireNonNull(znTimeout, "znTimeout");
    Objects.requireNonNull(znCacheTtl, "znCacheTtl");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(db, "db");
    Objects.requireNonNull(nonceLifetime, "nonceLifetime");
    Objects.requireNonNull(ibake, "ibake");
  }

  /**
   * Defaults: HTTPS and RTP on loopback, ephemeral ports; media in {@code dataDir/media}, H2 in
   * {@code dataDir/mailbox}; KMS and Zn timeouts 5 s, Zn cache 30 s, nonces 5 min.
   */
  public static MailboxConfig of(String mailboxId, String keyId, SecretBytes km, String nafFqdn, Set<String> users, String kmsId, URI kmsUri,
      URI znUri, Path dataDir) {
    return new MailboxConfig(Mailbox.Config.of(mailboxId, keyId, kmsId), km, nafFqdn, users, kmsUri, Duration.ofSeconds(5), znUri,
        Duration.ofSeconds(5), Duration.ofSeconds(30), Listener.loopbackEphemeral(), Media.defaults(dataDir.resolve("media")),
        Database.Settings.h2File(dataDir, "mailbox"), Duration.ofMinutes(5), null, Optional.empty());
  }

  public MailboxConfig withDb(Database.Settings d) {
    return new MailboxConfig(role, km, nafFqdn, users, kmsUri, kmsTimeout, znUri, znTimeout, znCacheTtl, http, media, d, nonceLifetime, tls, ibake);
  }

  public MailboxConfig withMedia(Media m) {
    return new MailboxConfig(role, km, nafFqdn, users, kmsUri, kmsTimeout, znUri, znTimeout, znCacheTtl, http, m, db, nonceLifetime, tls, ibake);
  }

  public MailboxConfig withHttp(Listener l) {
    return new MailboxConfig(role, km, nafFqdn, users, kmsUri, kmsTimeout, znUri, znTimeout, znCacheTtl, l, media, db, nonceLifetime, tls, ibake);
  }

  public MailboxConfig withKmsUri(URI u) {
    return new MailboxConfig(role, km, nafFqdn, users, u, kmsTimeout, znUri, znTimeout, znCacheTtl, http, media, db, nonceLifetime, tls, ibake);
  }

  public MailboxConfig withRole(Mailbox.Config r) {
    return new MailboxConfig(r, km, nafFqdn, users, kmsUri, kmsTimeout, znUri, znTimeout, znCacheTtl, http, media, db, nonceLifetime, tls, ibake);
  }

  /** Also taking IBAKE-DD deposits in {@code mode} (or not: {@code Optional.empty()}). */
  public MailboxConfig withIbake(Optional<IbakeMode> mode) {
    return new MailboxConfig(role, km, nafFqdn, users, kmsUri, kmsTimeout, znUri, znTimeout, znCacheTtl, http, media, db, nonceLifetime, tls, mode);
  }

  private static final List<Pattern> KEYS = Props.patterns("mailbox\\.(id|key-id|km|naf-fqdn|users|max-skew|pending-timeout)",
      "kms\\.(id|url|timeout)", "zn\\.(url|timeout|cache-ttl)", "http\\.(bind|port)", "rtp\\.(bind|port-min|port-max|receive-buffer)",
      "media\\.(dir|max-message|max-concurrent)", "db\\.(url|user|password|pool)", "digest\\.nonce-lifetime", "ibake\\.mode",
      "tls\\.(credential|credential-password|trust|client-credential|client-credential-password|out-dir|alt-names)");

  public static MailboxConfig load(Path file) throws ConfigException {
    return from(Props.load(file));
  }

  public static MailboxConfig from(Props p) throws ConfigException {
    p.allowOnly(KEYS, "mailbox.*, kms.*, zn.*, http.*, rtp.*, media.*, db.*, digest.*, tls.*, ibake.mode — see docs/services.md");
    String id = p.required("mailbox.id", "the mailbox's URI (ID-Bm), e.g. sip:vm.ims.example.org");
    String fqdn = p.string("mailbox.naf-fqdn", Props.hostOf(id));
    if (fqdn == null) {
      throw p.error("mailbox.naf-fqdn", "missing and mailbox.id names no host (expected: the mailbox's FQDN)");
    }
    Mailbox.Config role = new Mailbox.Config(id, p.required("mailbox.key-id", "the name of Km in IDRpsk, as in the KMS's configuration"),
        p.required("kms.id", "the KMS's URI, e.g. sip:kms.ims.example.org"), p.duration("mailbox.max-skew", KmsDdProfile.DEFAULT_MAX_SKEW),
        p.duration("mailbox.pending-timeout", Duration.ofSeconds(30)));
    Set<String> users = new LinkedHashSet<>(p.list("mailbox.users", ""));
    if (users.isEmpty()) {
      throw p.error("mailbox.users", "missing (expected: the IMPUs this mailbox serves, comma-separated)");
    }
    Path data = p.base().resolve("mailbox-data");
    Media media;
    try {
      Path dir = p.path("media.dir");
      media = new Media(p.string("rtp.bind", "127.0.0.1"), p.integer("rtp.port-min", 0, 0, 65535), p.integer("rtp.port-max", 0, 0, 65535),
          dir == null ? data.resolve("media") : dir, p.duration("media.max-message", Duration.ofMinutes(3)),
          p.integer("media.max-concurrent", 1000, 1, 100_000), p.integer("rtp.receive-buffer", 256 * 1024, 1024, 64 * 1024 * 1024));
    } catch (IllegalArgumentException e) {
      throw p.error("rtp", e.getMessage());
    }
    Database.Settings db;
    try {
      db = p.has("db.url") ? new Database.Settings(p.string("db.url", null), p.string("db.user", ""), p.string("db.password", ""),
          p.integer("db.pool", 8, 1, 1000)) : Database.Settings.h2File(data, "mailbox");
    } catch (IllegalArgumentException e) {
      throw p.error("db.url", e.getMessage());
    }
    TlsFiles tls = new TlsFiles(p.path("tls.credential"), p.string("tls.credential-password", "ddsec"), p.paths("tls.trust"),
        p.path("tls.client-credential"), p.string("tls.client-credential-password", "ddsec"), p.path("tls.out-dir"),
        p.list("tls.alt-names", "localhost,127.0.0.1,::1"));
    return new MailboxConfig(role, p.secretHex("mailbox.km", 32), fqdn, users, p.uri("kms.url", null), p.duration("kms.timeout", Duration.ofSeconds(5)),
        p.uri("zn.url", null), p.duration("zn.timeout", Duration.ofSeconds(5)), p.duration("zn.cache-ttl", Duration.ofSeconds(30)),
        new Listener(p.string("http.bind", "127.0.0.1"), p.integer("http.port", 8460, 0, 65535)), media, db,
        p.duration("digest.nonce-lifetime", Duration.ofMinutes(5)), tls, ibakeMode(p));
  }

  /** {@code ibake.mode}: {@code signed} (ddsec's profile), {@code strict-rfc6267}, or {@code off} (the default). */
  private static Optional<IbakeMode> ibakeMode(Props p) throws ConfigException {
    String m = p.string("ibake.mode", "off");
    return switch (m) {
      case "off" -> Optional.empty();
      case "signed" -> Optional.of(IbakeMode.DDSEC_SIGNED);
      case "strict-rfc6267" -> Optional.of(IbakeMode.STRICT_RFC_6267);
      default -> throw p.error("ibake.mode", "'" + m.replaceAll("[^ -~]", "?") + "' (expected: signed, strict-rfc6267 or off)");
    };
  }

  @Override
  public String toString() {
    return "MailboxConfig[" + role.mailboxId() + " (key " + role.keyId() + "), NAF " + nafFqdn + ", " + users.size() + " users, KMS " + kmsUri
        + ", Zn " + znUri + ", " + http + ", media " + media.dir() + ", db " + db + ibake.map(m -> ", IBAKE " + m).orElse("") + "]";
  }
}
