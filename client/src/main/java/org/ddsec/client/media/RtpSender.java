package org.ddsec.client.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Sends a voice message's SRTP packets over UDP, one per frame interval (20 ms for G.711), as a
 * phone would: the mailbox receives them at the port it offered in its SDP answer.
 */
public final class RtpSender {

  private RtpSender() {}

  /**
   * Sends {@code packets} from {@code socket} to {@code to}, spacing them by {@code interval}
   * (zero: as fast as possible); {@code progress} is told the number sent so far after each one.
   *
   * @return the number of packets sent
   */
  public static int send(DatagramSocket socket, InetSocketAddress to, List<byte[]> packets, Duration interval, IntConsumer progress)
      throws IOException {
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(to, "to");
    long start = System.nanoTime();
    long step = interval.toNanos();
    int n = 0;
    for (byte[] p : packets) {
      if (step > 0) {
        long due = start + n * step;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted after " + n + " packets", e);
          }
        }
      }
      socket.send(new DatagramPacket(p, p.length, to));
      n++;
      progress.accept(n);
    }
    return n;
  }
}
