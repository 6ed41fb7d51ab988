package org.ddsec.server.mailbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the RTP of every deposit in progress on one thread: one non-blocking UDP socket per
 * deposit (ephemeral, or the next free port of the configured range), all on one {@link
 * Selector}. Arrival times come from the injected clock (µs).
 */
final class MediaReceiver implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MediaReceiver.class);
  private static final int MAX_DATAGRAM = 65_535;

  private final MailboxConfig.Media config;
  private final Clock clock;
  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<DepositSession> toRegister = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<DepositSession> toCancel = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Drain> toDrain = new ConcurrentLinkedQueue<>();
  private final AtomicInteger nextPort = new AtomicInteger();
  private final BiConsumer<DepositSession, DepositSession.Drop> onPacket;
  private volatile boolean running = true;

  /** @param onPacket called on the receiver thread for every datagram: drop reason, or null if stored */
  MediaReceiver(MailboxConfig.Media config, Clock clock, BiConsumer<DepositSession, DepositSession.Drop> onPacket) throws IOException {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onPacket = onPacket;
    this.selector = Selector.open();
    this.nextPort.set(config.rtpPortMin());
    this.thread = new Thread(this::loop, "mailbox-rtp");
    thread.setDaemon(true);
    thread.start();
  }

  /** Opens a UDP socket for a new deposit. */
  DatagramChannel open() throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    try {
      ch.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBuffer());
      ch.configureBlocking(false);
      if (config.rtpPortMin() == 0) {
        ch.bind(new InetSocketAddress(config.rtpHost(), 0));
        return ch;
      }
      int span = config.rtpPortMax() - config.rtpPortMin() + 1;
      for (int i = 0; i < span; i++) {
        int p = config.rtpPortMin() + Math.floorMod(nextPort.getAndIncrement() - config.rtpPortMin(), span);
        try {
          ch.bind(new InetSocketAddress(config.rtpHost(), p));
          return ch;
        } catch (java.net.BindException e) {
          // taken: try the next one
        }
      }
      throw new IOException("no free RTP port in " + config.rtpPortMin() + ".." + config.rtpPortMax());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Starts delivering the session's datagrams to it. */
  void register(DepositSession s) {
    toRegister.add(s);
    selector.wakeup();
  }

  /** Stops delivering and closes the session's socket (asynchronously). */
  void unregister(DepositSession s) {
    s.close();
    toCancel.add(s);
    selector.wakeup();
  }

  /**
   * Takes what the session's socket still holds, then stops delivering and closes it. A BYE can
   * overtake the last RTP packets: they are already in the socket buffer, but this thread may not
   * have read them yet when the SIP thread ends the call. The future completes on this thread once
   * the buffer is empty; if the receiver has stopped it completes at once.
   */
  CompletableFuture<Void> drainAndUnregister(DepositSession s) {
    Drain d = new Drain(s, new CompletableFuture<>());
    if (!running) {
      unregister(s);
      d.done.complete(null);
      return d.done;
    }
    toDrain.add(d);
    selector.wakeup();
    return d.done;
  }

  private record Drain(DepositSession session, CompletableFuture<Void> done) {}

  private void loop() {
    ByteBuffer buf = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    byte[] scratch = new byte[MAX_DATAGRAM];
    while (running) {
      try {
        selector.select(500);
        for (DepositSession s; (s = toRegister.poll()) != null; ) {
          try {
            s.channel.register(selector, SelectionKey.OP_READ, s);
          } catch (IOException e) {
            LOG.warn("mailbox rtp register call-id={} failed: {}", s.callId, e.getMessage());
          }
        }
        for (Drain d; (d = toDrain.poll()) != null; ) {
          try {
            read(d.session(), buf, scratch, Integer.MAX_VALUE);
            d.session().close();
            cancel(d.session());
          } finally {
            d.done().complete(null);
          }
        }
        for (DepositSession s; (s = toCancel.poll()) != null; ) {
          cancel(s);
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey k = it.next();
          it.remove();
          if (!k.isValid()) {
            continue;
          }
          read((DepositSession) k.attachment(), buf, scratch, 64);
        }
      } catch (ClosedSelectorException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.error("mailbox rtp receiver error={}", e.toString());
      }
    }
  }

  /** Reads up to {@code max} datagrams the session's socket holds now, handing each to the session. */
  private void read(DepositSession s, ByteBuffer buf, byte[] scratch, int max) {
    DatagramChannel ch = s.channel;
    if (!ch.isOpen()) {
      return;
    }
    for (int n = 0; n < max; n++) {
      buf.clear();
      SocketAddress from;
      try {
        from = ch.receive(buf);
      } catch (IOException e) {
        return;
      }
      if (from == null) {
        return;
      }
      buf.flip();
      int len = buf.remaining();
      buf.get(scratch, 0, len);
      byte[] packet = java.util.Arrays.copyOf(scratch, len);
      Instant now = clock.instant();
      long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
      DepositSession.Drop d = s.offer((InetSocketAddress) from, packet, micros);
      onPacket.accept(s, d);
    }
  }

  private void cancel(DepositSession s) {
    SelectionKey k = s.channel.keyFor(selector);
    if (k != null) {
      k.cancel();
    }
    try {
      s.channel.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    selector.wakeup();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SelectionKey k : selector.keys()) {
      k.channel().close();
    }
    selector.close();
  }
}
