package org.ddsec.server.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipLimits;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipParseException;
import org.ddsec.protocol.sip.SipParser;
import org.ddsec.protocol.sip.StreamFramer;

/** Raw SIP peers for tests: bytes in, parsed messages out, over UDP or TLS. */
public final class RawSip {

  private RawSip() {}

  /** A REGISTER for {@code user}@ims.example.org from {@code transport host:port}. */
  public static String register(String user, String transport, int localPort, String branch) {
    String t = transport.toLowerCase(java.util.Locale.ROOT);
    return "REGISTER sip:ims.example.org SIP/2.0\r\n"
        + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK" + branch + ";rport\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:" + user + "@ims.example.org>;tag=r" + branch + "\r\n"
        + "To: <sip:" + user + "@ims.example.org>\r\n"
        + "Call-ID: reg-" + branch + "@127.0.0.1\r\n"
        + "CSeq: 1 REGISTER\r\n"
        + "Contact: <sip:" + user + "@127.0.0.1:" + localPort + (t.equals("tls") ? ";transport=tls" : "") + ">\r\n"
        + "Expires: 600\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /** An INVITE to the mailbox (as the IMS core forwards it) with an SRTP offer and a MIKEY stand-in. */
  public static String mailboxInvite(String target, String transport, int localPort, String branch, String callId, boolean withPai) {
    return mailboxInvite(target, transport, localPort, branch, callId, withPai, OFFER);
  }

  /** The SRTP offer of {@link #mailboxInvite}. */
  public static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\na=key-mgmt:mikey AQAKAQAAAAEAAQA=\r\n"
      + "m=audio 40100 RTP/SAVP 0 8\r\na=sendonly\r\n";

  /** {@link #mailboxInvite} with the SDP body {@code sdp}. */
  public static String mailboxInvite(String target, String transport, int localPort, String branch, String callId, boolean withPai, String sdp) {
    return "INVITE " + target + " SIP/2.0\r\n"
        + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK" + branch + "\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: <sip:alice@ims.example.org>;tag=a" + branch + "\r\n"
        + "To: <sip:bob@ims.example.org>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:alice@127.0.0.1:" + localPort + ">\r\n"
        + (withPai ? "P-Asserted-Identity: <sip:alice@ims.example.org>\r\n" : "")
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
  }

  /** A UDP peer on an ephemeral loopback port. */
  public static final class Udp implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress target;

    public Udp(Hop target) throws IOException {
      this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
      this.target = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
    }

    public int localPort() {
      return socket.getLocalPort();
    }

    public void send(byte[] b) throws IOException {
      socket.send(new DatagramPacket(b, b.length, target));
    }

    public void send(String s) throws IOException {
      send(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The next message within {@code timeout}, skipping 100 Trying if {@code skipTrying}. */
    public Optional<SipMessage> receive(Duration timeout, boolean skipTrying) throws IOException {
      long end = System.nanoTime() + timeout.toNanos();
      byte[] buf = new byte[65536];
      while (true) {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return Optional.empty();
        }
        socket.setSoTimeout((int) Math.max(1, left));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          return Optional.empty();
        }
        if (startsWith505(buf, p.getLength())) {
          return Optional.of(fake505(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8)));
        }
        try {
          SipMessage m = SipParser.parseDatagram(buf, 0, p.getLength(), SipLimits.DEFAULT);
          if (skipTrying && m instanceof org.ddsec.protocol.sip.SipResponse r && r.status() == 100) {
            continue;
          }
          return Optional.of(m);
        } catch (SipParseException e) {
          throw new AssertionError("the peer sent an unparsable message: " + e.getMessage(), e);
        }
      }
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  /** A TLS peer with one connection. */
  public static final class Tls implements AutoCloseable {
    private final SSLSocket socket;
    private final StreamFramer framer = new StreamFramer(SipLimits.DEFAULT);
    private final Deque<byte[]> ready = new ArrayDeque<>();

    public Tls(Hop target, SSLContext context) throws IOException {
      socket = (SSLSocket) context.getSocketFactory().createSocket(target.host(), target.port());
      socket.startHandshake();
    }

    public int localPort() {
      return socket.getLocalPort();
    }

    public void send(byte[] b) throws IOException {
      OutputStream o = socket.getOutputStream();
      o.write(b);
      o.flush();
    }

    public void send(String s) throws IOException {
      send(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The next message within {@code timeout} (empty on timeout or when the server closed). */
    public Optional<SipMessage> receive(Duration timeout, boolean skipTrying) throws IOException {
      long end = System.nanoTime() + timeout.toNanos();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[16384];
      while (true) {
        while (!ready.isEmpty()) {
          byte[] m = ready.poll();
          if (startsWith505(m, m.length)) {
            return Optional.of(fake505(new String(m, StandardCharsets.UTF_8)));
          }
          try {
            SipMessage msg = SipParser.parseFramed(m, SipLimits.DEFAULT);
            if (skipTrying && msg instanceof org.ddsec.protocol.sip.SipResponse r && r.status() == 100) {
              continue;
            }
            return Optional.of(msg);
          } catch (SipParseException e) {
            throw new AssertionError("the peer sent an unparsable message: " + e.getMessage(), e);
          }
        }
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return Optional.empty();
        }
        socket.setSoTimeout((int) Math.max(1, left));
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          return Optional.empty();
        } catch (IOException e) {
          return Optional.empty(); // reset by the server
        }
        if (n < 0) {
          return Optional.empty();
        }
        try {
          ready.addAll(framer.feed(buf, 0, n));
        } catch (SipParseException e) {
          throw new AssertionError("the peer's framing is broken: " + e.getMessage(), e);
        }
      }
    }

    /** Whether the server closes the connection within {@code timeout} (reading and discarding). */
    public boolean closedByPeerWithin(Duration timeout) throws IOException {
      return RawSip.closedWithin(socket, timeout);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** A 505 echoes a Via of another SIP version, which this strict parser refuses: recognised by its status line. */
  static boolean startsWith505(byte[] b, int len) {
    byte[] p = "SIP/2.0 505 ".getBytes(StandardCharsets.US_ASCII);
    if (len < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (b[i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  /** A stand-in for a received 505: its status, and its Warning if the raw text had one. */
  private static SipMessage fake505(String raw) {
    List<org.ddsec.protocol.sip.HeaderField> h = new java.util.ArrayList<>(List.of(
        new org.ddsec.protocol.sip.HeaderField("Via", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK505"),
        new org.ddsec.protocol.sip.HeaderField("From", "<sip:x@x>"), new org.ddsec.protocol.sip.HeaderField("To", "<sip:x@x>"),
        new org.ddsec.protocol.sip.HeaderField("Call-ID", "505"), new org.ddsec.protocol.sip.HeaderField("CSeq", "1 OPTIONS")));
    if (raw.contains("\r\nWarning: 399 ")) {
      h.add(new org.ddsec.protocol.sip.HeaderField("Warning", "399 ddsec \"copied\""));
    }
    return org.ddsec.protocol.sip.SipResponse.create(505, "Version Not Supported", h, org.ddsec.core.Bytes.EMPTY);
  }

  /** Whether the other end closes {@code s} within {@code timeout}. */
  public static boolean closedWithin(Socket s, Duration timeout) throws IOException {
    long end = System.nanoTime() + timeout.toNanos();
    byte[] buf = new byte[4096];
    InputStream in = s.getInputStream();
    while (System.nanoTime() < end) {
      s.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
      try {
        if (in.read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset, or an alert
      }
    }
    return false;
  }
}
