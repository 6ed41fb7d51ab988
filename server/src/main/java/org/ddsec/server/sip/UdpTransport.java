package org.ddsec.server.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Optional;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipLimits;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipParseException;
import org.ddsec.protocol.sip.SipParser;
import org.ddsec.protocol.sip.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over UDP (RFC 3261 §18.1.1, §18.2.1): one socket, one receive thread. Each datagram is
 * parsed on its own; a refused request gets the parser's stateless 400/413/505 when it has the
 * headers to build one (else it is dropped); datagrams of only CR/LF/SP (keep-alives) are ignored.
 */
final class UdpTransport implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

  private final DatagramSocket socket;
  private final SipLimits limits;
  private final SipTransportListener listener;
  private final String local;
  private final Thread receiver;
  private volatile boolean closed;

  UdpTransport(String name, InetSocketAddress bind, SipLimits limits, SipTransportListener listener) throws IOException {
    this.socket = new DatagramSocket(null);
    socket.setReuseAddress(false);
    socket.setReceiveBufferSize(1 << 20);
    socket.bind(bind);
    this.limits = limits;
    this.listener = listener;
    InetSocketAddress a = (InetSocketAddress) socket.getLocalSocketAddress();
    this.local = SipStack.hostPort(a);
    this.receiver = new Thread(this::receiveLoop, name + "-udp-" + a.getPort());
    receiver.setDaemon(true);
  }

  void start() {
    receiver.start();
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  String local() {
    return local;
  }

  void send(SipMessage m, Hop to) {
    byte[] data = m.encode();
    listener.sent(m, to, local); // before the datagram leaves, so that a trace never shows the peer's reaction first
    sendBytes(data, to);
  }

  void sendBytes(byte[] data, Hop to) {
    try {
      socket.send(new DatagramPacket(data, data.length, InetAddress.getByName(to.host()), to.port()));
    } catch (IOException e) {
      if (!closed) {
        LOG.debug("UDP send to {} failed: {}", to, e.toString());
      }
    }
  }

  private void receiveLoop() {
    byte[] buf = new byte[65536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    while (!closed) {
      try {
        p.setData(buf);
        socket.receive(p);
      } catch (SocketException e) {
        if (closed) {
          return;
        }
        LOG.warn("UDP receive: {}", e.toString());
        continue;
      } catch (IOException e) {
        LOG.warn("UDP receive: {}", e.toString());
        continue;
      }
      Hop from = new Hop(Transport.UDP, p.getAddress().getHostAddress(), p.getPort());
      int len = p.getLength();
      if (keepAlive(buf, len)) {
        continue;
      }
      try {
        SipMessage m = SipParser.parseDatagram(buf, 0, len, limits);
        listener.received(m, from, local);
      } catch (SipParseException e) {
        Optional<byte[]> answer = SipParser.errorResponse(buf, 0, len, e);
        answer.ifPresent(a -> sendBytes(a, from));
        listener.refused(from, e.getMessage(), answer.isPresent() ? e.status() : 0);
      } catch (RuntimeException e) {
        // a bug in a listener must not stop the receiver
        LOG.error("UDP message from {} failed in processing", from, e);
      }
    }
  }

  private static boolean keepAlive(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] != '\r' && b[i] != '\n' && b[i] != ' ') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    closed = true;
    socket.close();
  }
}
