package org.ddsec.server.sip;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.ddsec.core.RandomSource;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipLimits;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipRequests;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.sip.Via;
import org.ddsec.protocol.sip.transaction.ClientTransaction;
import org.ddsec.protocol.sip.transaction.Effect;
import org.ddsec.protocol.sip.transaction.ServerTransaction;
import org.ddsec.protocol.sip.transaction.TimerSettings;
import org.ddsec.protocol.sip.transaction.TransactionLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP runtime of one element (the IMS core, the mailbox front, a UE): UDP and TLS transports,
 * the sans-I/O {@link TransactionLayer} behind one lock, a timer thread that ticks it at its next
 * deadline, and the TU callbacks. Network sends never block the lock (UDP sends at once; TLS
 * connections have their own writer threads). TU callbacks ({@link Handler}, {@link
 * ResponseListener}) run outside the lock on the thread that received the input (or the timer
 * thread) and must not block for long; a TU with slow work hands it to its own executor.
 *
 * <p>Incoming requests get {@code received} (and {@code rport}, RFC 3581) on their top Via when
 * the source differs (RFC 3261 §18.2.1). Every message sent or received is reported to the
 * {@link SipObserver}, every refused input too.
 */
public final class SipStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SipStack.class);

  /**
   * @param name how the observer names this stack (e.g. {@code ims-core})
   * @param advertisedHost the host put in Via, Contact and Record-Route; null for the bound address
   */
  public record Config(String name, Clock clock, RandomSource random, TimerSettings timers, TransactionLayer.Role role, SipLimits limits,
      TlsSettings tls, int maxTransactions, SipObserver observer, String advertisedHost) {

    public Config {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(timers, "timers");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(observer, "observer");
    }

    /** System clock, secure randomness, RFC 3261 timers, 64 KiB messages, default TLS limits, no observer. */
    public static Config defaults(String name, TransactionLayer.Role role) {
      return new Config(name, Clock.systemUTC(), RandomSource.secure(), TimerSettings.RFC3261, role, SipLimits.DEFAULT, TlsSettings.DEFAULT,
          20_000, SipObserver.NONE, null);
    }

    public Config withObserver(SipObserver o) {
      return new Config(name, clock, random, timers, role, limits, tls, maxTransactions, o, advertisedHost);
    }

    public Config withTimers(TimerSettings t) {
      return new Config(name, clock, random, t, role, limits, tls, maxTransactions, observer, advertisedHost);
    }

    public Config withLimits(SipLimits l) {
      return new Config(name, clock, random, timers, role, l, tls, maxTransactions, observer, advertisedHost);
    }

    public Config withTls(TlsSettings t) {
      return new Config(name, clock, random, timers, role, limits, t, maxTransactions, observer, advertisedHost);
    }

    public Config withAdvertisedHost(String h) {
      return new Config(name, clock, random, timers, role, limits, tls, maxTransactions, observer, h);
    }

    public Config withMaxTransactions(int n) {
      return new Config(name, clock, random, timers, role, limits, tls, n, observer, advertisedHost);
    }
  }

  /** What the element does with requests (its TU). */
  public interface Handler {

    /** A new request; answer it with {@link SipStack#respond} (now or later). */
    void onRequest(SipStack stack, ServerTransaction tx);

    /** An ACK outside an INVITE transaction (the ACK for a 2xx); {@code invite} may be null. */
    default void onAck(SipStack stack, SipRequest ack, Hop from, ServerTransaction invite) {}

    /** A CANCEL for {@code invite}, already answered 200; a UAS answers the INVITE 487. */
    default void onCancel(SipStack stack, ServerTransaction invite, SipRequest cancel) {}

    /** No ACK came for the final response of {@code tx}. */
    default void onAckTimeout(SipStack stack, ServerTransaction tx) {}

    /** A response matching no transaction. */
    default void onStrayResponse(SipStack stack, SipResponse response, Hop from) {}

    /**
     * A PRACK that matched the reliable provisional response of {@code invite} (RFC 3262 §3; the
     * layer stopped its retransmission). The TU must answer it with a 2xx; by default an empty 200.
     */
    default void onPrack(SipStack stack, ServerTransaction prack, ServerTransaction invite) {
      stack.respond(prack, SipResponse.to(prack.request(), 200));
    }

    /** No PRACK came for the reliable provisional response of {@code invite} within 64·T1: reject it with a 5xx (RFC 3262 §3). */
    default void onPrackTimeout(SipStack stack, ServerTransaction invite) {
      stack.respond(invite, SipResponse.to(invite.request(), 504, "Server Time-out (no PRACK)", null));
    }
  }

  /** Gets the responses of one client transaction. */
  public interface ResponseListener {
    void onResponse(ClientTransaction tx, SipResponse response, boolean retransmission);

    /** No final response (Timer B/F) or the transport failed. */
    void onTimeout(ClientTransaction tx);
  }

  private final Config config;
  private final Handler handler;
  private final Object lock = new Object();
  private final TransactionLayer layer;
  private final Map<ClientTransaction, ResponseListener> listeners = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;
  private final SipTransportListener transportListener = new Plumbing();
  private ScheduledFuture<?> wake;
  private Instant wakeAt;
  private volatile UdpTransport udp;
  private final TlsTransport tls;
  private volatile boolean closed;

  public SipStack(Config config, Handler handler) {
    this.config = Objects.requireNonNull(config, "config");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.layer = new TransactionLayer(config.clock(), config.timers(), config.role(), config.maxTransactions());
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, config.name() + "-sip-timer");
      t.setDaemon(true);
      return t;
    });
    this.tls = new TlsTransport(config.name(), config.limits(), config.tls(), transportListener);
  }

  public String name() {
    return config.name();
  }

  public Config config() {
    return config;
  }

  /** Listens for SIP over UDP on {@code bind} (port 0: any); returns the bound address. */
  public InetSocketAddress listenUdp(InetSocketAddress bind) throws IOException {
    if (udp != null) {
      throw new IllegalStateException("already listening on UDP " + udp.local());
    }
    UdpTransport u = new UdpTransport(config.name(), bind, config.limits(), transportListener);
    udp = u;
    u.start();
    return u.localAddress();
  }

  /** Listens for SIP over TLS on {@code bind} presenting {@code context}'s certificate; returns the bound address. */
  public InetSocketAddress listenTls(InetSocketAddress bind, SSLContext context) throws IOException {
    tls.listen(bind, context);
    return tls.localAddress().orElseThrow();
  }

  /** The context for TLS connections this stack opens (trusting the peers' CA). */
  public void tlsClient(SSLContext context) {
    tls.clientContext(context);
  }

  /** Opens a TLS connection to {@code remote} now (a UE towards its proxy); returns this end's address on it. */
  public Hop connectTls(Hop remote) throws IOException {
    return tls.connect(remote);
  }

  /** Whether a TLS connection to {@code remote} is open. */
  public boolean tlsConnected(Hop remote) {
    return tls.connected(remote);
  }

  /** Where this stack listens on {@code transport}, with the advertised host. */
  public Optional<Hop> localHop(Transport transport) {
    InetSocketAddress a = transport == Transport.UDP ? (udp == null ? null : udp.localAddress()) : tls.localAddress().orElse(null);
    if (a == null) {
      return Optional.empty();
    }
    String host = config.advertisedHost() != null ? config.advertisedHost() : a.getAddress().getHostAddress();
    return Optional.of(new Hop(transport, host, a.getPort()));
  }

  /** A Via for a request this stack sends from {@code local}, with a fresh branch. */
  public Via newVia(Hop local) {
    return Via.of(local.transport(), viaHost(local.host()), local.port(), SipRequests.newBranch(config.random())).withParam("rport", null);
  }

  private static String viaHost(String h) {
    return h.indexOf(':') >= 0 ? "[" + h + "]" : h;
  }

  public String newTag() {
    return SipRequests.newTag(config.random());
  }

  public String newCallId(String host) {
    return SipRequests.newCallId(config.random(), host);
  }

  public RandomSource random() {
    return config.random();
  }

  /** Open transactions. */
  public int openTransactions() {
    synchronized (lock) {
      return layer.size();
    }
  }

  /** Sends {@code request} in a new client transaction to {@code to}; responses go to {@code listener}. */
  public ClientTransaction send(SipRequest request, Hop to, ResponseListener listener) {
    Objects.requireNonNull(listener, "listener");
    List<Runnable> callbacks;
    ClientTransaction tx;
    synchronized (lock) {
      TransactionLayer.Started s = layer.send(request, to);
      tx = s.transaction();
      listeners.put(tx, listener);
      callbacks = dispatch(s.effects());
      reschedule();
    }
    runAll(callbacks);
    return tx;
  }

  /** Sends {@code message} outside any transaction (the ACK for a 2xx, a stateless forward). */
  public void sendStateless(SipMessage message, Hop to) {
    transmit(message, to);
  }

  /**
   * Sends {@code response} in {@code tx}. Returns false (and sends nothing) if the transaction can
   * no longer take it — e.g. it was cancelled and answered 487 meanwhile.
   */
  public boolean respond(ServerTransaction tx, SipResponse response) {
    List<Runnable> callbacks;
    synchronized (lock) {
      List<Effect> e;
      try {
        e = layer.respond(tx, response);
      } catch (IllegalStateException ex) {
        LOG.debug("{}: response {} not sent: {}", config.name(), response.status(), ex.getMessage());
        return false;
      }
      callbacks = dispatch(e);
      reschedule();
    }
    runAll(callbacks);
    return true;
  }

  /**
   * Sends {@code provisional} reliably in INVITE transaction {@code tx} (RFC 3262; see {@link
   * TransactionLayer#respondReliably}): retransmitted until its PRACK ({@link Handler#onPrack}).
   * Returns false (and sends nothing) if the transaction cannot take it — cancelled meanwhile, the
   * INVITE did not offer 100rel, or an earlier reliable provisional is still unacknowledged.
   *
   * @throws IllegalArgumentException if the response is not a 101–199 with To tag, {@code Require:
   *     100rel} and the next RSeq
   */
  public boolean respondReliably(ServerTransaction tx, SipResponse provisional) {
    List<Runnable> callbacks;
    synchronized (lock) {
      List<Effect> e;
      try {
        e = layer.respondReliably(tx, provisional);
      } catch (IllegalStateException ex) {
        LOG.debug("{}: reliable provisional {} not sent: {}", config.name(), provisional.status(), ex.getMessage());
        return false;
      }
      callbacks = dispatch(e);
      reschedule();
    }
    runAll(callbacks);
    return true;
  }

  private void run(Function<TransactionLayer, List<Effect>> f) {
    List<Runnable> callbacks;
    synchronized (lock) {
      if (closed) {
        return;
      }
      callbacks = dispatch(f.apply(layer));
      reschedule();
    }
    runAll(callbacks);
  }

  private void runAll(List<Runnable> callbacks) {
    for (Runnable r : callbacks) {
      try {
        r.run();
      } catch (RuntimeException e) {
        LOG.error("{}: SIP callback failed", config.name(), e);
      }
    }
  }

  /** Carries out transmits now (under the lock, never blocking) and returns the TU callbacks to run after it. */
  private List<Runnable> dispatch(List<Effect> effects) {
    List<Runnable> cb = new ArrayList<>(effects.size());
    for (Effect e : effects) {
      if (e instanceof Effect.Transmit t) {
        transmit(t.message(), t.to());
      } else if (e instanceof Effect.RequestArrived r) {
        cb.add(() -> handler.onRequest(this, r.transaction()));
      } else if (e instanceof Effect.AckArrived a) {
        cb.add(() -> handler.onAck(this, a.ack(), a.from(), a.invite()));
      } else if (e instanceof Effect.CancelArrived c) {
        cb.add(() -> handler.onCancel(this, c.invite(), c.cancel()));
      } else if (e instanceof Effect.ResponseArrived r) {
        ResponseListener l = listeners.get(r.transaction());
        if (l != null) {
          cb.add(() -> l.onResponse(r.transaction(), r.response(), r.retransmission()));
        }
      } else if (e instanceof Effect.StrayResponse s) {
        cb.add(() -> handler.onStrayResponse(this, s.response(), s.from()));
      } else if (e instanceof Effect.ClientTimedOut t) {
        ResponseListener l = listeners.remove(t.transaction());
        if (l != null) {
          cb.add(() -> l.onTimeout(t.transaction()));
        }
      } else if (e instanceof Effect.AckTimedOut a) {
        cb.add(() -> handler.onAckTimeout(this, a.transaction()));
      } else if (e instanceof Effect.PrackArrived p) {
        cb.add(() -> handler.onPrack(this, p.prack(), p.invite()));
      } else if (e instanceof Effect.PrackTimedOut p) {
        cb.add(() -> handler.onPrackTimeout(this, p.invite()));
      } else if (e instanceof Effect.Ended x) {
        if (x.transaction() instanceof ClientTransaction c) {
          listeners.remove(c);
        }
      } else {
        throw new AssertionError("unknown effect " + e);
      }
    }
    return cb;
  }

  private void transmit(SipMessage m, Hop to) {
    if (to.transport() == Transport.UDP) {
      UdpTransport u = udp;
      if (u == null) {
        LOG.warn("{}: no UDP transport for {}", config.name(), to);
        return;
      }
      u.send(m, to);
    } else {
      tls.send(m, to);
    }
  }

  private void reschedule() {
    Optional<Instant> next = layer.nextDeadline();
    if (next.isEmpty() || closed) {
      return;
    }
    Instant at = next.get();
    if (wakeAt != null && !at.isBefore(wakeAt)) {
      return;
    }
    if (wake != null) {
      wake.cancel(false);
    }
    wakeAt = at;
    long delay = Math.max(0, Duration.between(config.clock().instant(), at).toMillis());
    wake = timer.schedule(this::onWake, delay, TimeUnit.MILLISECONDS);
  }

  private void onWake() {
    synchronized (lock) {
      wakeAt = null;
      wake = null;
    }
    run(TransactionLayer::tick);
  }

  /** {@code host:port} ({@code [v6]:port}). */
  static String hostPort(InetSocketAddress a) {
    String h = a.getAddress().getHostAddress();
    return (a.getAddress() instanceof Inet6Address ? "[" + h + "]" : h) + ":" + a.getPort();
  }

  private void observe(SipTraceEvent.Direction d, SipMessage m, Hop remote, String local) {
    try {
      config.observer().onMessage(new SipTraceEvent(config.clock().instant(), config.name(), d, remote.transport(), local,
          (remote.host().indexOf(':') >= 0 ? "[" + remote.host() + "]" : remote.host()) + ":" + remote.port(), m));
    } catch (RuntimeException e) {
      LOG.debug("{}: observer failed: {}", config.name(), e.toString());
    }
  }

  private final class Plumbing implements SipTransportListener {
    @Override
    public void received(SipMessage message, Hop from, String local) {
      SipMessage m = message;
      if (m instanceof SipRequest r) {
        m = stampReceived(r, from);
      }
      observe(SipTraceEvent.Direction.RECEIVED, m, from, local);
      SipMessage fm = m;
      run(l -> l.receive(fm, from));
    }

    @Override
    public void refused(Hop from, String reason, int answered) {
      LOG.debug("{}: refused input from {}: {} (answered {})", config.name(), from, reason, answered);
      try {
        config.observer().onRefused(config.name(), from.transport(), from.host() + ":" + from.port(), reason, answered);
      } catch (RuntimeException e) {
        LOG.debug("{}: observer failed: {}", config.name(), e.toString());
      }
    }

    @Override
    public void connectionLost(Hop remote) {
      for (ClientTransaction tx : List.copyOf(listeners.keySet())) {
        if (tx.hop().equals(remote)) {
          run(l -> l.transportFailed(tx));
        }
      }
    }

    @Override
    public void sent(SipMessage message, Hop to, String local) {
      observe(SipTraceEvent.Direction.SENT, message, to, local);
    }
  }

  /** RFC 3261 §18.2.1 and RFC 3581 §4: record the source address on the top Via. */
  private static SipRequest stampReceived(SipRequest r, Hop from) {
    Via v = r.topVia();
    Via stamped = v;
    String host = v.host().startsWith("[") ? v.host().substring(1, v.host().length() - 1) : v.host();
    if (!host.equalsIgnoreCase(from.host())) {
      stamped = stamped.withParam("received", from.host());
    }
    if (v.params().has("rport") && v.params().get("rport").isEmpty()) {
      stamped = stamped.withParam("received", from.host()).withParam("rport", Integer.toString(from.port()));
    }
    if (stamped == v) {
      return r;
    }
    return r.withFirstReplaced("Via", stamped.toString());
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (wake != null) {
        wake.cancel(false);
      }
    }
    UdpTransport u = udp;
    if (u != null) {
      u.close();
    }
    tls.close();
    timer.shutdownNow();
  }
}
