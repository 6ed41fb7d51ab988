package org.ddsec.client.ue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.milenage.Milenage;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.server.config.Props;
import org.ddsec.server.config.Props.ConfigException;
import org.ddsec.server.tls.TlsContexts;

/**
 * The UE's configuration file ({@code ue.properties}, docs/ue.md): who the UE is (IMPU, IMPI, the
 * USIM's K and OPc) and where its network is (BSF Ub, the IMS core's TLS hop, KMS, mailbox, the
 * CA certificates they chain to). Java properties; unknown keys are refused; relative paths are
 * resolved against the file's directory; K and OPc never appear in an error.
 */
public final class UeProperties {

  private static final List<Pattern> KEYS = Props.patterns("ue\\.(impu|impi|k|opc|op|e2m|solution|timeout)", "bsf\\.url", "ims\\.proxy",
      "kms\\.(id|fqdn|url)", "mailbox\\.(id|fqdn|url)", "tls\\.trust");

  private UeProperties() {}

  /**
   * Reads {@code file} into a UE configuration (with a client TLS context trusting every
   * certificate of {@code tls.trust}).
   *
   * @throws ConfigException naming the file, the key and what was expected
   */
  public static UserEquipment.Config load(Path file) throws ConfigException {
    return from(Props.load(file));
  }

  static UserEquipment.Config from(Props p) throws ConfigException {
    p.allowOnly(KEYS, "ue.*, bsf.url, ims.proxy, kms.*, mailbox.*, tls.trust — see docs/ue.md");
    String impu = p.required("ue.impu", "the UE's public identity, e.g. sip:alice@ims.example");
    try {
      SipUri.parse(impu);
    } catch (IllegalArgumentException e) {
      throw p.error("ue.impu", impu + " (expected: a sip: URI such as sip:alice@ims.example)");
    }
    String impi = p.string("ue.impi", impu.replaceFirst("^sips?:", ""));
    if (!impi.matches("[^@\\s]+@[^@\\s]+")) {
      throw p.error("ue.impi", impi + " (expected: a private identity user@realm)");
    }
    boolean e2m = bool(p, "ue.e2m");
    String solution = p.string("ue.solution", "kms-dd");
    Optional<IbakeMode> ibake = switch (solution) {
      case "kms-dd" -> Optional.empty();
      case "ibake-dd" -> Optional.of(IbakeMode.DDSEC_SIGNED);
      case "ibake-dd-strict" -> Optional.of(IbakeMode.STRICT_RFC_6267);
      default -> throw p.error("ue.solution", solution + " (expected: kms-dd, ibake-dd or ibake-dd-strict)");
    };
    Duration timeout = p.duration("ue.timeout", Duration.ofSeconds(30));
    if (timeout.isZero()) {
      throw p.error("ue.timeout", "PT0S (expected: a duration > 0)");
    }
    URI bsf = p.uri("bsf.url", null);
    Hop ims = hop(p);
    String kmsId = p.required("kms.id", "the KMS's URI (IDRkms), e.g. sip:kms.ims.example");
    String kmsFqdn = fqdn(p, "kms.fqdn", kmsId);
    URI kms = p.uri("kms.url", null);
    String mailboxId = p.required("mailbox.id", "the mailbox's URI (ID-Bm), e.g. sip:vm.ims.example");
    String mailboxFqdn = fqdn(p, "mailbox.fqdn", mailboxId);
    URI mailbox = p.uri("mailbox.url", null);
    SSLContext tls = TlsContexts.client(null, trust(p));
    SecretBytes k = p.secretHex("ue.k", 16);
    SecretBytes opc;
    if (p.has("ue.opc") == p.has("ue.op")) {
      k.close();
      throw p.error("ue.opc", (p.has("ue.opc") ? "given with ue.op" : "missing") + " (expected: exactly one of ue.opc and ue.op, 32 hex digits)");
    }
    if (p.has("ue.op")) {
      try (SecretBytes op = p.secretHex("ue.op", 16)) {
        opc = Milenage.computeOpc(k, op);
      } catch (ConfigException e) {
        k.close();
        throw e;
      }
    } else {
      try {
        opc = p.secretHex("ue.opc", 16);
      } catch (ConfigException e) {
        k.close();
        throw e;
      }
    }
    UserEquipment.Config c = new UserEquipment.Config(impu, impi, k, opc, bsf, ims, kmsId, kmsFqdn, kms, mailboxId, mailboxFqdn, mailbox, tls, e2m,
        timeout);
    return ibake.map(c::withIbake).orElse(c);
  }

  /**
   * The text of a UE file for {@code c}, trusting {@code trust} (written relative to {@code dir}
   * when inside it). Holds K and OPc in hex.
   */
  public static String render(UserEquipment.Config c, List<Path> trust, Path dir) {
    List<String> pems = new ArrayList<>();
    for (Path t : trust) {
      Path abs = t.toAbsolutePath().normalize();
      Path base = dir.toAbsolutePath().normalize();
      pems.add(abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString());
    }
    StringBuilder b = new StringBuilder();
    b.append("# ddsec UE configuration (docs/ue.md). Holds the USIM's K and OPc: keep it private.\n");
    b.append("ue.impu = ").append(c.impu()).append('\n');
    b.append("ue.impi = ").append(c.impi()).append('\n');
    b.append("ue.k = ").append(c.k().unsafeHex()).append('\n');
    b.append("ue.opc = ").append(c.opc().unsafeHex()).append('\n');
    b.append("ue.e2m = ").append(c.e2m()).append('\n');
    b.append("ue.solution = ").append(!c.ibake() ? "kms-dd" : c.ibakeMode() == IbakeMode.DDSEC_SIGNED ? "ibake-dd" : "ibake-dd-strict").append('\n');
    b.append("ue.timeout = ").append(c.timeout()).append('\n');
    b.append("bsf.url = ").append(c.bsfUb()).append('\n');
    b.append("ims.proxy = ").append(proxyUri(c.imsCore())).append('\n');
    b.append("kms.id = ").append(c.kmsId()).append('\n');
    b.append("kms.fqdn = ").append(c.kmsFqdn()).append('\n');
    b.append("kms.url = ").append(c.kms()).append('\n');
    b.append("mailbox.id = ").append(c.mailboxId()).append('\n');
    b.append("mailbox.fqdn = ").append(c.mailboxFqdn()).append('\n');
    b.append("mailbox.url = ").append(c.mailbox()).append('\n');
    b.append("tls.trust = ").append(String.join(", ", pems)).append('\n');
    return b.toString();
  }

  /** Writes {@link #render} to {@code file} (owner-only where the file system allows, replaced atomically). */
  public static void write(Path file, UserEquipment.Config c, List<Path> trust) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
      Files.writeString(tmp, render(c, trust, dir), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** {@code sip:HOST:PORT;transport=tls} of a TLS hop. */
  public static String proxyUri(Hop h) {
    return "sip:" + (h.host().indexOf(':') >= 0 ? "[" + h.host() + "]" : h.host()) + ":" + h.port() + ";transport=tls";
  }

  private static Hop hop(Props p) throws ConfigException {
    String v = p.required("ims.proxy", "the IMS core's TLS address, e.g. sip:127.0.0.1:5061;transport=tls");
    Hop h;
    try {
      h = Hop.of(SipUri.parse(v));
    } catch (IllegalArgumentException e) {
      throw p.error("ims.proxy", v + " (expected: the IMS core's TLS address, e.g. sip:127.0.0.1:5061;transport=tls)");
    }
    if (h.transport() != Transport.TLS) {
      throw p.error("ims.proxy", v + " is " + h.transport() + " (expected: the TLS hop, sip:HOST:PORT;transport=tls — the UE's Gm link is TLS)");
    }
    return h;
  }

  private static String fqdn(Props p, String key, String id) throws ConfigException {
    String f = p.string(key, Props.hostOf(id));
    if (f == null || !f.matches("[A-Za-z0-9.-]+")) {
      throw p.error(key, (f == null ? "missing and the id names no host" : f) + " (expected: a host name)");
    }
    return f.toLowerCase(Locale.ROOT);
  }

  private static boolean bool(Props p, String key) throws ConfigException {
    String v = p.string(key, "false");
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw p.error(key, v + " (expected: true or false)");
    };
  }

  private static X509Certificate[] trust(Props p) throws ConfigException {
    List<Path> files = p.paths("tls.trust");
    if (files.isEmpty()) {
      throw p.error("tls.trust", "missing (expected: the PEM CA certificate(s) of the BSF, IMS core, KMS and mailbox, comma-separated)");
    }
    List<X509Certificate> out = new ArrayList<>();
    for (Path f : files) {
      try {
        out.add(TlsContexts.readCertificate(Files.readAllBytes(f)));
      } catch (IOException | CertificateException e) {
        throw p.error("tls.trust", f + ": not a readable PEM certificate");
      }
    }
    return out.toArray(new X509Certificate[0]);
  }
}
