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
        for (DepositSession s; (s = toCancel.poll()) != null; ) {
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
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey k = it.next();
          it.remove();
          if (!k.isValid()) {
            continue;
          }
          DepositSession s = (DepositSession) k.attachment();
          DatagramChannel ch = (DatagramChannel) k.channel();
          for (int n = 0; n < 64; n++) {
            buf.clear();
            SocketAddress from;
            try {
              from = ch.receive(buf);
            } catch (IOException e) {
              break;
            }
            if (from == null) {
              break;
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
      } catch (ClosedSelectorException e) {
        return;
      } catch (IOException | RuntimeException e) {
        LOG.error("mailbox rtp receiver error={}", e.toString());
      }
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
