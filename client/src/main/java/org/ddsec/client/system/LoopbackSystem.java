package org.ddsec.client.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.ims.ImsCore;
import org.ddsec.server.ims.ImsCoreConfig;
import org.ddsec.server.mailbox.sip.MailboxSipFront;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.system.LoopbackServices;
import org.ddsec.server.tls.TlsContexts;

/**
 * The whole system of issue 6 in one process on loopback: {@link LoopbackServices} (BSF, KMS,
 * mailbox over HTTPS, one throw-away CA, H2 under {@code dir}), the mailbox's SIP front and the
 * IMS core, which forwards calls for every user to that mailbox when the user is not registered.
 * UEs reach the core over TLS (the Gm hop, standing for TS 33.203 protection); core and mailbox
 * talk UDP inside the network. {@link #provision} adds a subscriber to the HSS and gives the
 * configuration of its UE. What {@code ./ddsec demo}, {@code ./ddsec demo load} and the
 * end-to-end tests run.
 */
public final class LoopbackSystem implements AutoCloseable {

  private final String domain;
  private final LoopbackServices services;
  private final MailboxSipFront front;
  private final ImsCore core;

  private LoopbackSystem(String domain, LoopbackServices services, MailboxSipFront front, ImsCore core) {
    this.domain = domain;
    this.services = services;
    this.front = front;
    this.core = core;
  }

  /**
   * Starts everything on ephemeral loopback ports.
   *
   * @param users the IMPUs Bob's mailbox serves (callees whose calls it may take)
   * @param trace receives the KMS and mailbox roles' steps (the demo's ladder; {@link Trace#NONE})
   * @param observer sees every SIP message of the core and the mailbox front ({@link SipObserver#NONE})
   */
  public static LoopbackSystem start(Path dir, String domain, List<String> users, Clock clock, Trace trace, SipObserver observer)
      throws Exception {
    return start(dir, domain, users, clock, trace, observer, Optional.empty());
  }

  /**
   * {@link #start(Path, String, List, Clock, Trace, SipObserver)} with the mailbox also taking
   * IBAKE-DD deposits in {@code ibake} (seed Fig. 27; the KMS always hosts the IBAKE KMS), and the
   * UEs {@link #provision}ed for that profile.
   */
  public static LoopbackSystem start(Path dir, String domain, List<String> users, Clock clock, Trace trace, SipObserver observer,
      Optional<IbakeMode> ibake) throws Exception {
    LoopbackServices s = null;
    MailboxSipFront f = null;
    ImsCore c = null;
    try {
      LoopbackServices.Options o = LoopbackServices.Options.of(dir, domain, users);
      s = LoopbackServices.start(ibake.map(o::withIbake).orElse(o), clock, trace);
      SSLContext serverTls = TlsContexts.server(s.ca().issueServer("127.0.0.1", Duration.ofDays(1), "localhost"), s.ca().certificate());
      SSLContext clientTls = s.ueTls();
      f = MailboxSipFront.start(MailboxSipFront.Config.loopback(0, 0), s.mailbox(), serverTls, clientTls, observer);
      c = ImsCore.start(ImsCoreConfig.loopback(domain, 0, 0).withDefaultMailbox(f.udpUri()), serverTls, clientTls, observer);
      return new LoopbackSystem(domain, s, f, c);
    } catch (Exception | Error e) {
      closeAll(c, f, s);
      throw e;
    }
  }

  /** {@code sip:<user>@<domain>}. */
  public String impu(String user) {
    return "sip:" + user + "@" + domain;
  }

  /**
   * Provisions {@code user} in the HSS (IMPI {@code user@domain}, IMPU {@link #impu}) with a fresh
   * random K and OPc, and returns its UE's configuration (30 s timeouts; IBAKE-DD in the
   * mailbox's profile when the mailbox takes IBAKE-DD deposits).
   *
   * @throws IllegalArgumentException if the subscriber exists
   */
  public UserEquipment.Config provision(String user, boolean e2m, RandomSource random) {
    SecretBytes k = SecretBytes.wrap(random.bytes(16));
    SecretBytes opc = SecretBytes.wrap(random.bytes(16));
    String impi = user + "@" + domain;
    services.addSubscriber(impi, Set.of(impu(user)), k.slice(0, k.length()), opc.slice(0, opc.length()));
    return new UserEquipment.Config(impu(user), impi, k, opc, services.bsf().server().ubUri(), core.tlsHop().orElseThrow(), services.kmsId(),
        services.kmsFqdn(), services.kms().uri(), services.mailboxId(), services.mailboxFqdn(), services.mailbox().uri(), services.ueTls(),
        e2m, Duration.ofSeconds(30), services.mailbox().ibakeMode().orElse(IbakeMode.DDSEC_SIGNED), services.mailbox().ibakeMode().isPresent());
  }

  /** Writes the CA certificate every listener chains to, as {@code dir/ca.pem}. */
  public Path writeCa(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path p = dir.resolve("ca.pem");
    Files.writeString(p, TlsContexts.pem(services.ca().certificate()), StandardCharsets.US_ASCII);
    return p;
  }

  /** name=url of every endpoint, for external tools. */
  public Map<String, String> endpoints() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("sip-proxy-udp", core.udpUri().toString());
    core.tlsUri().ifPresent(u -> m.put("sip-proxy-tls", u.toString()));
    m.put("mailbox-sip", front.udpUri().toString());
    front.tlsUri().ifPresent(u -> m.put("mailbox-sip-tls", u.toString()));
    m.put("mailbox-https", services.mailbox().uri().toString());
    m.put("kms", services.kms().uri().toString());
    m.put("bsf", services.bsf().server().ubUri().toString());
    m.put("bsf-zn", services.bsf().server().znUri().toString());
    return m;
  }

  public String domain() {
    return domain;
  }

  public LoopbackServices services() {
    return services;
  }

  public MailboxSipFront front() {
    return front;
  }

  public ImsCore core() {
    return core;
  }

  @Override
  public void close() {
    closeAll(core, front, services);
  }

  private static void closeAll(AutoCloseable... cs) {
    for (AutoCloseable c : cs) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          // shutting down: nothing more to do
        }
      }
    }
  }

  @Override
  public String toString() {
    return "LoopbackSystem[" + domain + ", " + Objects.toString(core.tlsUri().orElse(null)) + "]";
  }
}
