package org.ddsec.server.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipLimits;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipParseException;
import org.ddsec.protocol.sip.SipParser;
import org.ddsec.protocol.sip.StreamFramer;
import org.ddsec.protocol.sip.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over TLS (RFC 3261 §18.3, §26.2.1): messages framed by Content-Length on each connection,
 * connections reused in both directions and keyed by the peer's address (a response goes back on
 * the connection its request came on, §18.2.2; a request to a UE goes on the connection it
 * registered over). Each connection has a reader and a writer thread and a bounded send queue, so
 * a peer that stops reading blocks nobody. Against slow peers: a handshake deadline, a per-message
 * deadline from its first byte (partial frames), an idle timeout, a connection limit. A framing
 * error (oversized, bad Content-Length) is answered (400/413) when the headers allow and the
 * connection closed; a framed but malformed message is answered and the connection kept.
 */
final class TlsTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TlsTransport.class);
  private static final int TICK_MS = 250;

  private final String name;
  private final SipLimits limits;
  private final TlsSettings settings;
  private final SipTransportListener listener;
  private final Map<Hop, Connection> connections = new ConcurrentHashMap<>();
  private final AtomicInteger acceptedCount = new AtomicInteger();
  private final ScheduledExecutorService watchdog;
  private volatile SSLContext clientContext;
  private SSLServerSocket server;
  private Thread acceptor;
  private volatile boolean closed;

  TlsTransport(String name, SipLimits limits, TlsSettings settings, SipTransportListener listener) {
    this.name = name;
    this.limits = limits;
    this.settings = settings;
    this.listener = listener;
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name + "-tls-watchdog");
      t.setDaemon(true);
      return t;
    });
  }

  void listen(InetSocketAddress bind, SSLContext context) throws IOException {
    SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    s.setReuseAddress(true);
    s.bind(bind, 128);
    s.setWantClientAuth(false);
    this.server = s;
    acceptor = new Thread(this::acceptLoop, name + "-tls-accept-" + s.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  void clientContext(SSLContext c) {
    this.clientContext = c;
  }

  Optional<InetSocketAddress> localAddress() {
    return server == null ? Optional.empty() : Optional.of((InetSocketAddress) server.getLocalSocketAddress());
  }

  /** Opens (and keeps) a connection to {@code remote}; returns this end's address on it. */
  Hop connect(Hop remote) throws IOException {
    Connection existing = connections.get(remote);
    if (existing != null && existing.socket != null) {
      return existing.localHop();
    }
    Connection c = new Connection(remote, null);
    c.open(); // blocking connect + handshake
    Connection prev = connections.putIfAbsent(remote, c);
    if (prev != null) {
      c.close("duplicate connection");
      return prev.localHop();
    }
    c.startThreads();
    return c.localHop();
  }

  /** Whether a connection to {@code remote} is open. */
  boolean connected(Hop remote) {
    Connection c = connections.get(remote);
    return c != null && c.alive;
  }

  void send(SipMessage m, Hop to) {
    Connection c = connections.get(to);
    if (c == null) {
      if (clientContext == null) {
        LOG.debug("no TLS connection to {} and no client context: dropped", to);
        listener.connectionLost(to);
        return;
      }
      Connection fresh = new Connection(to, null);
      c = connections.putIfAbsent(to, fresh);
      if (c == null) {
        c = fresh;
        fresh.startConnecting();
      }
    }
    c.enqueue(new Out(m.encode(), m, false));
  }

  private void acceptLoop() {
    while (!closed) {
      SSLSocket s;
      try {
        s = (SSLSocket) server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        LOG.warn("TLS accept: {}", e.toString());
        continue;
      }
      Hop remote = new Hop(Transport.TLS, s.getInetAddress().getHostAddress(), s.getPort());
      if (acceptedCount.get() >= settings.maxConnections()) {
        listener.refused(remote, "TLS: more than " + settings.maxConnections() + " connections", 0);
        closeQuietly(s);
        continue;
      }
      acceptedCount.incrementAndGet();
      Connection c = new Connection(remote, s);
      c.inbound = true;
      Connection prev = connections.put(remote, c);
      if (prev != null) {
        prev.close("replaced by a new connection from the same address");
      }
      c.startThreads();
    }
  }

  private record Out(byte[] data, SipMessage message, boolean closeAfter) {}

  private final class Connection {
    final Hop remote;
    volatile SSLSocket socket;
    volatile boolean alive = true;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    volatile boolean handshakeDone;
    boolean inbound;
    final BlockingQueue<Out> queue = new ArrayBlockingQueue<>(settings.maxQueuedMessages());
    Thread reader;
    Thread writer;
    volatile String local = "?";

    Connection(Hop remote, SSLSocket socket) {
      this.remote = remote;
      this.socket = socket;
      if (socket != null) {
        local = SipStack.hostPort((InetSocketAddress) socket.getLocalSocketAddress());
      }
    }

    Hop localHop() {
      InetSocketAddress a = (InetSocketAddress) socket.getLocalSocketAddress();
      return new Hop(Transport.TLS, a.getAddress().getHostAddress(), a.getPort());
    }

    /** Client side: connect and handshake (blocking, bounded by the handshake timeout). */
    void open() throws IOException {
      SSLContext ctx = clientContext;
      if (ctx == null) {
        throw new IOException("TLS: no client context configured");
      }
      SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
      try {
        s.connect(new InetSocketAddress(InetAddress.getByName(remote.host()), remote.port()), (int) settings.handshakeTimeout().toMillis());
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host (RFC 5922 §7)
        s.setSSLParameters(p);
        s.setSoTimeout((int) settings.handshakeTimeout().toMillis());
        s.startHandshake();
        handshakeDone = true;
      } catch (IOException e) {
        closeQuietly(s);
        throw e;
      }
      socket = s;
      local = SipStack.hostPort((InetSocketAddress) s.getLocalSocketAddress());
    }

    void startThreads() {
      reader = new Thread(this::readLoop, name + "-tls-read-" + remote);
      reader.setDaemon(true);
      writer = new Thread(this::writeLoop, name + "-tls-write-" + remote);
      writer.setDaemon(true);
      reader.start();
      writer.start();
    }

    /** Client side for a send without connection: the writer connects first. */
    void startConnecting() {
      writer = new Thread(() -> {
        try {
          open();
        } catch (IOException e) {
          LOG.debug("TLS connect to {} failed: {}", remote, e.toString());
          close("connect failed: " + e.getMessage());
          return;
        }
        reader = new Thread(this::readLoop, name + "-tls-read-" + remote);
        reader.setDaemon(true);
        reader.start();
        writeLoop();
      }, name + "-tls-write-" + remote);
      writer.setDaemon(true);
      writer.start();
    }

    void enqueue(Out o) {
      if (!alive) {
        listener.connectionLost(remote);
        return;
      }
      if (!queue.offer(o)) {
        close("send queue full (" + settings.maxQueuedMessages() + " messages): the peer does not read");
      }
    }

    void writeLoop() {
      try {
        OutputStream out = socket.getOutputStream();
        while (alive) {
          Out o = queue.poll(1, TimeUnit.SECONDS);
          if (o == null) {
            continue;
          }
          if (o.message != null) {
            listener.sent(o.message, remote, local); // before it leaves: a trace never shows the peer's reaction first
          }
          out.write(o.data);
          out.flush();
          if (o.closeAfter) {
            close("closed after a framing error");
            return;
          }
        }
      } catch (IOException e) {
        close("write failed: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void readLoop() {
      SSLSocket s = socket;
      StreamFramer framer = new StreamFramer(limits);
      byte[] buf = new byte[16 * 1024];
      try {
        if (!handshakeDone) {
          var guard = watchdog.schedule(() -> {
            if (!handshakeDone) {
              listener.refused(remote, "TLS handshake not complete within " + settings.handshakeTimeout().toMillis() + " ms", 0);
              close("handshake timeout");
            }
          }, settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
          s.setSoTimeout((int) settings.handshakeTimeout().toMillis());
          s.startHandshake();
          handshakeDone = true;
          guard.cancel(false);
        }
        s.setSoTimeout(TICK_MS);
        InputStream in = s.getInputStream();
        long lastTraffic = System.nanoTime();
        long partialSince = 0;
        while (alive) {
          int n;
          try {
            n = in.read(buf);
          } catch (SocketTimeoutException tick) {
            n = 0;
          }
          long now = System.nanoTime();
          if (n < 0) {
            close("closed by the peer");
            return;
          }
          if (n > 0) {
            lastTraffic = now;
            List<byte[]> msgs;
            try {
              msgs = framer.feed(buf, 0, n);
            } catch (SipParseException e) {
              byte[] snap = framer.snapshot();
              Optional<byte[]> answer = SipParser.errorResponse(snap, 0, snap.length, e);
              listener.refused(remote, e.getMessage() + " (connection closed: framing lost)", answer.isPresent() ? e.status() : 0);
              if (answer.isPresent()) {
                queue.offer(new Out(answer.get(), null, true));
              } else {
                close("framing error: " + e.getMessage());
              }
              return;
            }
            for (byte[] m : msgs) {
              deliver(m);
            }
            partialSince = framer.buffered() > 0 ? (partialSince == 0 || !msgs.isEmpty() ? now : partialSince) : 0;
          }
          if (partialSince != 0 && now - partialSince > settings.frameTimeout().toNanos()) {
            listener.refused(remote, "TLS: a message incomplete after " + settings.frameTimeout().toMillis() + " ms (" + framer.buffered()
                + " bytes buffered)", 0);
            close("partial message timeout");
            return;
          }
          if (now - lastTraffic > settings.idleTimeout().toNanos()) {
            close("idle");
            return;
          }
        }
      } catch (IOException e) {
        close("read failed: " + e.getMessage());
      }
    }

    private void deliver(byte[] m) {
      try {
        SipMessage msg = SipParser.parseFramed(m, limits);
        listener.received(msg, remote, local);
      } catch (SipParseException e) {
        Optional<byte[]> answer = SipParser.errorResponse(m, 0, m.length, e);
        answer.ifPresent(a -> queue.offer(new Out(a, null, false)));
        listener.refused(remote, e.getMessage(), answer.isPresent() ? e.status() : 0);
      } catch (RuntimeException e) {
        LOG.error("TLS message from {} failed in processing", remote, e);
      }
    }

    void close(String why) {
      if (!closing.compareAndSet(false, true)) {
        return;
      }
      alive = false;
      LOG.debug("TLS connection {} closed: {}", remote, why);
      SSLSocket s = socket;
      if (s != null) {
        closeQuietly(s);
      }
      connections.remove(remote, this);
      if (inbound) {
        acceptedCount.decrementAndGet();
      }
      queue.clear();
      listener.connectionLost(remote);
    }
  }

  private static void closeQuietly(SSLSocket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    for (Connection c : connections.values()) {
      c.close("transport closed");
    }
    watchdog.shutdownNow();
  }
}
