package org.ddsec.server.kms;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.eccsi.EccsiKms;
import org.ddsec.crypto.ibe.eccsi.EccsiParameters;
import org.ddsec.crypto.ibe.sakke.SakkeKms;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.protocol.kmsdd.KmsDdProfile;
import org.ddsec.protocol.kmsdd.kms.Kms;
import org.ddsec.server.config.Props;
import org.ddsec.server.config.Props.ConfigException;
import org.ddsec.server.store.Database;

/**
 * Everything the KMS service is started with. {@link #load} reads the configuration file (Java
 * properties, keys in docs/services.md); programs build it with {@link #of} and the {@code with…}
 * methods. {@link #toString()} shows no secret.
 *
 * @param kms the KMS's identity (IDRkms), clock skew and retention
 * @param nafFqdn the FQDN of the KMS as a NAF: NAF_Id = FQDN || 01 00 00 00 06 (TS 33.220 Annex H)
 * @param listener where the HTTPS listener binds (port 0: ephemeral)
 * @param znUri the BSF's Zn listener
 * @param znTimeout connect and answer timeout of a Zn look-up
 * @param znCacheTtl how long a Zn answer is reused (zero: ask the BSF on every request)
 * @param keyRing the Kkms versions
 * @param mailboxes the mailboxes the KMS shares a Km with, and the users each serves
 * @param replayDb the replay cache's database: shared by every replica
 * @param tls the TLS files for {@code ./ddsec serve kms} (null when started programmatically)
 * @param ibake the MIKEY-IBAKE KMS's master keys (docs/profile-ibake-dd.md); absent, the KMS
 *     issues no identity-based keys (REQUEST_KEY_PSK is refused) and publishes no community
 */
public record KmsConfig(Kms.Config kms, String nafFqdn, Listener listener, URI znUri, Duration znTimeout, Duration znCacheTtl,
    List<ConfiguredKeyRing.Spec> keyRing, List<Mailbox> mailboxes, Database.Settings replayDb, TlsFiles tls, Optional<Ibake> ibake) {

  /**
   * The IBAKE KMS (RFC 6267 §4.2.1) hosted next to the KMS-DD one, under the same identity,
   * NAF_Id and listener.
   *
   * @param sakkeMasterSecret z_T, RFC 6508 §6.1 (128 octets, big-endian, 2 ≤ z_T ≤ q-1)
   * @param eccsiKsak the KSAK, RFC 6507 §4.2 (32 octets, non-zero below q)
   * @param monthsBack / monthsAhead the key periods a requester may get keys for, around the current month
   */
  public record Ibake(SecretBytes sakkeMasterSecret, SecretBytes eccsiKsak, int monthsBack, int monthsAhead) {
    public Ibake {
      Objects.requireNonNull(sakkeMasterSecret, "sakkeMasterSecret");
      Objects.requireNonNull(eccsiKsak, "eccsiKsak");
      if (monthsBack < 0 || monthsBack > 24 || monthsAhead < 0 || monthsAhead > 12) {
        throw new IllegalArgumentException("key period window: " + monthsBack + " back, " + monthsAhead + " ahead (expected: 0..24, 0..12)");
      }
    }

    /** Two months back (a message left last month still opens), one ahead — {@code IbakeKms.Config.of}'s window. */
    public static Ibake of(SecretBytes sakkeMasterSecret, SecretBytes eccsiKsak) {
      return new Ibake(sakkeMasterSecret, eccsiKsak, 2, 1);
    }

    @Override
    public String toString() {
      return "Ibake[z_T, KSAK (not shown), months -" + monthsBack + "/+" + monthsAhead + "]";
    }
  }

  /** Where to listen. */
  public record Listener(String host, int port) {
    public static Listener loopbackEphemeral() {
      return new Listener("127.0.0.1", 0);
    }
  }

  /**
   * A mailbox known to the KMS.
   *
   * @param mailboxId ID-Bm (e.g. {@code sip:vm.ims.example.org})
   * @param keyId the name of its Km in IDRpsk
   * @param km the pre-shared key (32 octets)
   * @param tlsIdentity the name its TLS client certificate must carry (SAN dNSName or CN)
   * @param users the IMPUs it serves
   */
  public record Mailbox(String mailboxId, String keyId, SecretBytes km, String tlsIdentity, Set<String> users) {
    public Mailbox {
      Objects.requireNonNull(mailboxId, "mailboxId");
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(km, "km");
      tlsIdentity = Objects.requireNonNull(tlsIdentity, "tlsIdentity").toLowerCase(Locale.ROOT);
      users = Set.copyOf(users);
    }

    @Override
    public String toString() {
      return "Mailbox[" + mailboxId + ", key " + keyId + ", TLS " + tlsIdentity + ", " + users.size() + " users]";
    }
  }

  /** TLS material on disk, for the command line (see docs/services.md). */
  public record TlsFiles(Path credential, String credentialPassword, List<Path> trust, Path znCredential, String znCredentialPassword,
      Path outDir, List<String> altNames) {
    public TlsFiles {
      trust = List.copyOf(trust);
      altNames = List.copyOf(altNames);
    }
  }

  public KmsConfig {
    Objects.requireNonNull(kms, "kms");
    Objects.requireNonNull(nafFqdn, "nafFqdn");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(znUri, "znUri");
    Objects.requireNonNull(znTimeout, "znTimeout");
    Objects.requireNonNull(znCacheTtl, "znCacheTtl");
    keyRing = List.copyOf(keyRing);
    mailboxes = List.copyOf(mailboxes);
    Objects.requireNonNull(replayDb, "replayDb");
    Objects.requireNonNull(ibake, "ibake");
    Set<String> ids = new LinkedHashSet<>();
    for (Mailbox m : mailboxes) {
      if (!ids.add(m.keyId())) {
        throw new IllegalArgumentException("mailbox key id " + m.keyId() + " twice (expected: unique)");
      }
    }
  }

  /**
   * A configuration with the defaults: listener on an ephemeral loopback port, Zn timeout 5 s,
   * Zn cache 30 s, skew and retention of the profile.
   */
  public static KmsConfig of(String kmsId, String nafFqdn, URI znUri, List<ConfiguredKeyRing.Spec> keyRing, List<Mailbox> mailboxes,
      Database.Settings replayDb) {
    return new KmsConfig(Kms.Config.of(kmsId), nafFqdn, Listener.loopbackEphemeral(), znUri, Duration.ofSeconds(5), Duration.ofSeconds(30),
        keyRing, mailboxes, replayDb, null, Optional.empty());
  }

  public KmsConfig withListener(Listener l) {
    return new KmsConfig(kms, nafFqdn, l, znUri, znTimeout, znCacheTtl, keyRing, mailboxes, replayDb, tls, ibake);
  }

  public KmsConfig withZnCacheTtl(Duration ttl) {
    return new KmsConfig(kms, nafFqdn, listener, znUri, znTimeout, ttl, keyRing, mailboxes, replayDb, tls, ibake);
  }

  public KmsConfig withKms(Kms.Config k) {
    return new KmsConfig(k, nafFqdn, listener, znUri, znTimeout, znCacheTtl, keyRing, mailboxes, replayDb, tls, ibake);
  }

  /** With the IBAKE KMS's keys (or without: {@code Optional.empty()}). */
  public KmsConfig withIbake(Optional<Ibake> i) {
    return new KmsConfig(kms, nafFqdn, listener, znUri, znTimeout, znCacheTtl, keyRing, mailboxes, replayDb, tls, i);
  }

  private static final List<Pattern> KEYS = Props.patterns("kms\\.id", "kms\\.naf-fqdn", "kms\\.max-skew", "kms\\.retention", "http\\.bind",
      "http\\.port", "zn\\.url", "zn\\.timeout", "zn\\.cache-ttl", "zn\\.credential", "zn\\.credential-password",
      "keyring\\.\\d+\\.(secret|active-from|retired-at)", "mailbox\\.[A-Za-z0-9_-]+\\.(id|key-id|km|tls-identity|users)",
      "replay\\.db\\.(url|user|password|pool)", "tls\\.(credential|credential-password|trust|out-dir|alt-names)",
      "ibake\\.(sakke-master-secret|eccsi-ksak|months-back|months-ahead)");

  /** Reads the configuration file. */
  public static KmsConfig load(Path file) throws ConfigException {
    return from(Props.load(file));
  }

  /** Builds the configuration from properties. */
  public static KmsConfig from(Props p) throws ConfigException {
    p.allowOnly(KEYS, "kms.*, http.*, zn.*, keyring.<v>.*, mailbox.<name>.*, replay.db.*, tls.*, ibake.* — see docs/services.md");
    String kmsId = p.required("kms.id", "the KMS's URI, e.g. sip:kms.ims.example.org");
    String fqdn = p.string("kms.naf-fqdn", Props.hostOf(kmsId));
    if (fqdn == null) {
      throw p.error("kms.naf-fqdn", "missing and kms.id names no host (expected: the KMS's FQDN)");
    }
    Kms.Config kc = new Kms.Config(kmsId, p.duration("kms.max-skew", KmsDdProfile.DEFAULT_MAX_SKEW),
        p.duration("kms.retention", KmsDdProfile.DEFAULT_RETENTION));
    Listener l = new Listener(p.string("http.bind", "127.0.0.1"), p.integer("http.port", 8450, 0, 65535));
    URI zn = p.uri("zn.url", null);

    List<ConfiguredKeyRing.Spec> ring = new ArrayList<>();
    for (String v : p.groups("keyring")) {
      String k = "keyring." + v;
      long version;
      try {
        version = Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw p.error(k, "not a version number");
      }
      Optional<java.time.Instant> retired = p.has(k + ".retired-at") ? Optional.of(p.instant(k + ".retired-at")) : Optional.empty();
      try {
        ring.add(new ConfiguredKeyRing.Spec(version, p.secretHex(k + ".secret", 32), p.instant(k + ".active-from"), retired));
      } catch (IllegalArgumentException e) {
        throw p.error(k, e.getMessage());
      }
    }
    if (ring.isEmpty()) {
      throw p.error("keyring.1.secret", "missing (expected: at least one key-ring version, keyring.<v>.secret and .active-from)");
    }

    List<Mailbox> boxes = new ArrayList<>();
    for (String name : p.groups("mailbox")) {
      String k = "mailbox." + name;
      String id = p.required(k + ".id", "the mailbox's URI (ID-Bm), e.g. sip:vm.ims.example.org");
      String tlsId = p.string(k + ".tls-identity", Props.hostOf(id));
      if (tlsId == null) {
        throw p.error(k + ".tls-identity", "missing and the id names no host (expected: the name in its TLS client certificate)");
      }
      boxes.add(new Mailbox(id, p.required(k + ".key-id", "the name of its Km in IDRpsk"), p.secretHex(k + ".km", 32), tlsId,
          new LinkedHashSet<>(p.list(k + ".users", ""))));
    }

    Database.Settings db;
    try {
      db = p.has("replay.db.url")
          ? new Database.Settings(p.string("replay.db.url", null), p.string("replay.db.user", ""), p.string("replay.db.password", ""),
              p.integer("replay.db.pool", 8, 1, 1000))
          : Database.Settings.h2File(p.base().resolve("kms-data"), "replay");
    } catch (IllegalArgumentException e) {
      throw p.error("replay.db.url", e.getMessage());
    }
    TlsFiles tls = new TlsFiles(p.path("tls.credential"), p.string("tls.credential-password", "ddsec"), p.paths("tls.trust"),
        p.path("zn.credential"), p.string("zn.credential-password", "ddsec"), p.path("tls.out-dir"),
        p.list("tls.alt-names", "localhost,127.0.0.1,::1"));
    Optional<Ibake> ibake = Optional.empty();
    if (p.has("ibake.sakke-master-secret") || p.has("ibake.eccsi-ksak")) {
      try {
        Ibake i = new Ibake(p.secretHex("ibake.sakke-master-secret", 128), p.secretHex("ibake.eccsi-ksak", 32),
            p.integer("ibake.months-back", 2, 0, 24), p.integer("ibake.months-ahead", 1, 0, 12));
        // range checks of RFC 6508 §2.2 / RFC 6507 §4.2 now, not at the first request (the messages show no digit)
        SakkeKms.fromMasterSecret(SakkeParameters.parameterSet1(), i.sakkeMasterSecret()).close();
        EccsiKms.fromKsak(EccsiParameters.p256(), i.eccsiKsak()).close();
        ibake = Optional.of(i);
      } catch (IllegalArgumentException e) {
        throw p.error("ibake", e.getMessage());
      }
    } else if (p.has("ibake.months-back") || p.has("ibake.months-ahead")) {
      throw p.error("ibake.sakke-master-secret", "missing (expected: with ibake.eccsi-ksak, when ibake.months-* is set)");
    }
    try {
      return new KmsConfig(kc, fqdn, l, zn, p.duration("zn.timeout", Duration.ofSeconds(5)), p.duration("zn.cache-ttl", Duration.ofSeconds(30)),
          ring, boxes, db, tls, ibake);
    } catch (IllegalArgumentException e) {
      throw p.error("mailbox", e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "KmsConfig[" + kms.kmsId() + ", NAF " + nafFqdn + ", " + listener + ", Zn " + znUri + ", key ring " + keyRing + ", " + mailboxes
        + ", replay " + replayDb + ibake.map(i -> ", " + i).orElse("") + "]";
  }
}
