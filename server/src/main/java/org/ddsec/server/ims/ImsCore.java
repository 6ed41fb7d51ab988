package org.ddsec.server.ims;

import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.ddsec.core.RandomSource;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.Parameters;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.sip.transaction.TransactionLayer;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.sip.SipStack;

/**
 * A running IMS core: the registrar and the proxy of {@link Proxy} on a {@link SipStack} named
 * {@code ims-core}, listening on UDP and (if configured) TLS — the TLS hop stands for the
 * integrity-protected Gm interface of TS 33.203.
 *
 * <pre>{@code
 * ImsCoreConfig c = ImsCoreConfig.loopback("ims.example.org", 0, 0)
 *     .withMailbox("sip:bob@ims.example.org", SipUri.parse("sip:mailbox@127.0.0.1:5070"));
 * try (ImsCore core = ImsCore.start(c, tlsServerContext, tlsClientContext, observer)) {
 *   Hop udp = core.udpHop();  // where UEs send
 * }
 * }</pre>
 */
public final class ImsCore implements AutoCloseable {

  private final SipStack stack;
  private final Registrar registrar;
  private final ScheduledExecutorService scheduler;

  private ImsCore(SipStack stack, Registrar registrar, ScheduledExecutorService scheduler) {
    this.stack = stack;
    this.registrar = registrar;
    this.scheduler = scheduler;
  }

  /**
   * Starts the core with the system clock and secure randomness.
   *
   * @param tlsServer the context presenting the core's certificate (null: no TLS listener even if configured)
   * @param tlsClient the context for TLS connections the core opens (to a mailbox with {@code transport=tls}); may be null
   */
  public static ImsCore start(ImsCoreConfig config, SSLContext tlsServer, SSLContext tlsClient, SipObserver observer) throws IOException {
    return start(config, tlsServer, tlsClient, observer, Clock.systemUTC(), RandomSource.secure());
  }

  public static ImsCore start(ImsCoreConfig config, SSLContext tlsServer, SSLContext tlsClient, SipObserver observer, Clock clock,
      RandomSource random) throws IOException {
    Objects.requireNonNull(config, "config");
    Registrar registrar = new Registrar(config.domain(), config.expiry(), clock);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ims-core-proxy-timer");
      t.setDaemon(true);
      return t;
    });
    Proxy proxy = new Proxy(config, registrar, scheduler);
    SipStack.Config sc = new SipStack.Config("ims-core", clock, random, config.timers(), TransactionLayer.Role.PROXY, config.limits(),
        config.tlsSettings(), 20_000, observer == null ? SipObserver.NONE : observer, config.advertisedHost());
    SipStack stack = new SipStack(sc, proxy);
    proxy.attach(stack);
    try {
      stack.listenUdp(config.udp());
      if (config.tls() != null && tlsServer != null) {
        stack.listenTls(config.tls(), tlsServer);
      }
      if (tlsClient != null) {
        stack.tlsClient(tlsClient);
      }
    } catch (IOException | RuntimeException e) {
      stack.close();
      scheduler.shutdownNow();
      throw e;
    }
    return new ImsCore(stack, registrar, scheduler);
  }

  /** Where the core listens for UDP. */
  public Hop udpHop() {
    return stack.localHop(Transport.UDP).orElseThrow();
  }

  /** Where the core listens for TLS, if it does. */
  public Optional<Hop> tlsHop() {
    return stack.localHop(Transport.TLS);
  }

  /** {@code sip:<host>:<port>} (UDP). */
  public SipUri udpUri() {
    Hop h = udpHop();
    return new SipUri(false, null, null, h.host(), h.port(), Parameters.NONE, Parameters.NONE);
  }

  /** {@code sip:<host>:<port>;transport=tls}, if the core listens for TLS. */
  public Optional<SipUri> tlsUri() {
    return tlsHop().map(h -> new SipUri(false, null, null, h.host(), h.port(), Parameters.NONE.with("transport", "tls"), Parameters.NONE));
  }

  public Registrar registrar() {
    return registrar;
  }

  public SipStack stack() {
    return stack;
  }

  @Override
  public void close() {
    stack.close();
    scheduler.shutdownNow();
  }
}
