package org.ddsec.server.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.sip.transaction.TimerSettings;
import org.ddsec.server.ims.ImsCore;
import org.ddsec.server.ims.ImsCoreConfig;
import org.ddsec.server.mailbox.DepositAnswer;
import org.ddsec.server.mailbox.DepositHandler;
import org.ddsec.server.mailbox.DepositOffer;
import org.ddsec.server.mailbox.sip.MailboxSipFront;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.TlsContexts;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at every SIP listener — the IMS core's UDP and TLS listeners and the mailbox front's
 * UDP and TLS listeners: the RFC 4475 invalid messages, oversized messages (over 64 KiB declared
 * or sent), garbage bytes, garbage instead of a TLS handshake, a stalled handshake, and
 * slowloris-style partial SIP frames over TLS. Each is answered 400/413/505 (when the headers
 * allow an answer) or dropped / the connection closed — and afterwards the listener still serves
 * a normal REGISTER (core) or INVITE (mailbox).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipListenerBadInputTest {

  private static final TimerSettings FAST = new TimerSettings(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofMillis(1000));
  private static final TlsSettings TIGHT = new TlsSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(5), 100, 100);
  private static final Path RFC4475 = Path.of("../protocol/src/test/resources/org/ddsec/protocol/sip/rfc4475");

  private SSLContext serverTls;
  private SSLContext clientTls;
  private ImsCore core;
  private MailboxSipFront mailbox;
  private final BlockingQueue<DepositOffer> offers = new LinkedBlockingQueue<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();

  /** One listener under test. */
  record Target(String name, boolean core, Transport transport) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Target> targets() {
    return Stream.of(new Target("ims-core UDP", true, Transport.UDP), new Target("ims-core TLS", true, Transport.TLS),
        new Target("mailbox UDP", false, Transport.UDP), new Target("mailbox TLS", false, Transport.TLS));
  }

  @BeforeAll
  void start() throws Exception {
    CertificateAuthority ca = CertificateAuthority.generate("bad input CA");
    serverTls = TlsContexts.server(ca.issueServer("127.0.0.1", Duration.ofDays(1), "localhost"), ca.certificate());
    clientTls = TlsContexts.client(null, ca.certificate());
    SipObserver obs = new SipObserver() {
      @Override
      public void onMessage(SipTraceEvent event) {}

      @Override
      public void onRefused(String stack, Transport t, String remote, String reason, int answered) {
        refused.add(stack + " " + t + " " + answered + " " + reason);
      }
    };
    DepositHandler h = new DepositHandler() {
      @Override
      public DepositAnswer onInvite(DepositOffer offer) {
        offers.add(offer);
        return new DepositAnswer.Accept(Bytes.fromHex("0101"), new InetSocketAddress("127.0.0.1", 41000), 0);
      }

      @Override
      public void onCallEnded(String callId, EndReason reason) {}
    };
    mailbox = MailboxSipFront.start(MailboxSipFront.Config.loopback(0, 0).withTimers(FAST).withTlsSettings(TIGHT), h, serverTls, clientTls, obs);
    core = ImsCore.start(ImsCoreConfig.loopback("ims.example.org", 0, 0).withTimers(FAST).withTlsSettings(TIGHT)
        .withDefaultMailbox(mailbox.udpUri()), serverTls, clientTls, obs);
  }

  @AfterAll
  void stop() {
    core.close();
    mailbox.close();
  }

  private Hop hop(Target t) {
    if (t.core) {
      return t.transport == Transport.UDP ? core.udpHop() : core.tlsHop().orElseThrow();
    }
    return t.transport == Transport.UDP ? mailbox.udpHop() : mailbox.tlsHop().orElseThrow();
  }

  /** Sends {@code bytes} on a fresh peer and returns the first answer (100 Trying skipped), if any. */
  private Optional<SipMessage> exchange(Target t, byte[] bytes, Duration wait) throws IOException {
    if (t.transport == Transport.UDP) {
      try (RawSip.Udp u = new RawSip.Udp(hop(t))) {
        u.send(bytes);
        return u.receive(wait, true);
      }
    }
    try (RawSip.Tls s = new RawSip.Tls(hop(t), clientTls)) {
      s.send(bytes);
      return s.receive(wait, true);
    }
  }

  /** The listener still does its job: the core registers a user, the mailbox answers an INVITE 200. */
  private void assertStillServing(Target t) throws IOException {
    String branch = Long.toHexString(System.nanoTime());
    if (t.transport == Transport.UDP) {
      try (RawSip.Udp u = new RawSip.Udp(hop(t))) {
        u.send(t.core ? RawSip.register("bob", "UDP", u.localPort(), branch)
            : RawSip.mailboxInvite(mailbox.udpUri().toString(), "UDP", u.localPort(), branch, "ok-" + branch, true));
        assertThat(u.receive(Duration.ofSeconds(5), true)).as(t + " still serving").get().extracting(m -> ((SipResponse) m).status())
            .isEqualTo(200);
      }
    } else {
      try (RawSip.Tls s = new RawSip.Tls(hop(t), clientTls)) {
        s.send(t.core ? RawSip.register("bob", "TLS", s.localPort(), branch)
            : RawSip.mailboxInvite(mailbox.tlsUri().orElseThrow().toString(), "TLS", s.localPort(), branch, "ok-" + branch, true));
        assertThat(s.receive(Duration.ofSeconds(5), true)).as(t + " still serving").get().extracting(m -> ((SipResponse) m).status())
            .isEqualTo(200);
      }
    }
  }

  private static byte[] rfc4475(String name) throws IOException {
    Path p = RFC4475.resolve(name + ".dat");
    if (!Files.exists(p)) {
      throw new IOException("RFC 4475 message " + p.toAbsolutePath() + " not found (expected: the protocol module's test resources)");
    }
    return Files.readAllBytes(p);
  }

  /**
   * RFC 4475 §3.1.2 / §3.3 invalid requests and the status the listener must answer (0: dropped —
   * when Via, From, To, Call-ID or CSeq is itself malformed, an answer could not be parsed or routed).
   */
  private static final List<Object[]> INVALID = List.of(new Object[] {"badinv01", 0}, new Object[] {"scalar02", 0},
      new Object[] {"quotbal", 0}, new Object[] {"ltgtruri", 400}, new Object[] {"lwsruri", 400}, new Object[] {"lwsstart", 400},
      new Object[] {"trws", 400}, new Object[] {"escruri", 400}, new Object[] {"baddate", 400}, new Object[] {"regbadct", 400},
      new Object[] {"badaspec", 0}, new Object[] {"badvers", 505}, new Object[] {"mismatch01", 400}, new Object[] {"mismatch02", 400},
      new Object[] {"multi01", 400}, new Object[] {"ncl", 400}, new Object[] {"mcl01", 400}, new Object[] {"insuf", 0});

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void listener_rfc4475InvalidRequests_answeredOrDroppedAndStillServing(Target t) throws Exception {
    for (Object[] c : INVALID) {
      String name = (String) c[0];
      int status = (Integer) c[1];
      Optional<SipMessage> answer = exchange(t, rfc4475(name), Duration.ofMillis(status == 0 ? 400 : 3000));
      if (status == 0) {
        assertThat(answer).as(t + " " + name).isEmpty();
      } else {
        assertThat(answer).as(t + " " + name).isPresent();
        SipResponse r = (SipResponse) answer.get();
        assertThat(r.status()).as(t + " " + name).isEqualTo(status);
        assertThat(r.header("Warning")).as(t + " " + name).isPresent();
      }
    }
    if (t.transport == Transport.UDP) {
      // §3.1.2.2: on UDP a Content-Length larger than the datagram is a 400
      assertThat(exchange(t, rfc4475("clerr"), Duration.ofSeconds(3))).get().extracting(m -> ((SipResponse) m).status()).isEqualTo(400);
    }
    assertStillServing(t);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void listener_declaredBodyOver64KiB_413AndStillServing(Target t) throws Exception {
    String head = RawSip.register("bob", t.transport.name(), 5099, "big1").replace("Content-Length: 0", "Content-Type: text/plain\r\nContent-Length: 70000");
    byte[] msg = (head + "x".repeat(200)).getBytes(StandardCharsets.US_ASCII);
    Optional<SipMessage> answer = exchange(t, msg, Duration.ofSeconds(3));
    assertThat(answer).as(t.toString()).get().extracting(m -> ((SipResponse) m).status()).isEqualTo(413);
    assertStillServing(t);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void listener_tlsStreamOver64KiB_413ThenClosedAndStillServing(Target t) throws Exception {
    if (t.transport != Transport.TLS) {
      return; // a UDP datagram cannot exceed 64 KiB; the declared-length case above covers UDP
    }
    String head = RawSip.register("bob", "TLS", 5099, "big2").replace("Content-Length: 0", "Content-Type: text/plain\r\nContent-Length: 80000");
    try (RawSip.Tls s = new RawSip.Tls(hop(t), clientTls)) {
      s.send(head);
      try {
        s.send(new byte[80000]);
      } catch (IOException closedMeanwhile) {
        // the server refused and closed while the body was still being written
      }
      Optional<SipMessage> r = s.receive(Duration.ofSeconds(3), true);
      assertThat(r).get().extracting(m -> ((SipResponse) m).status()).isEqualTo(413);
      assertThat(s.closedByPeerWithin(Duration.ofSeconds(3))).isTrue();
    }
    // 70 KiB of header text without the empty line: refused, connection closed
    try (RawSip.Tls s = new RawSip.Tls(hop(t), clientTls)) {
      s.send("OPTIONS sip:x@ims.example.org SIP/2.0\r\nX-Filler: " + "a".repeat(70_000));
      assertThat(s.closedByPeerWithin(Duration.ofSeconds(3))).isTrue();
    }
    assertStillServing(t);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void listener_garbageBytes_droppedOrClosedAndStillServing(Target t) throws Exception {
    SplittableRandom r = new SplittableRandom(0xBADL + t.name.hashCode());
    if (t.transport == Transport.UDP) {
      try (RawSip.Udp u = new RawSip.Udp(hop(t))) {
        for (int i = 0; i < 200; i++) {
          u.send(Property.bytes(r, 1, 1400));
        }
        u.send("\r\n\r\n"); // a keep-alive is not an error
        assertThat(u.receive(Duration.ofMillis(500), false)).isEmpty();
      }
    } else {
      for (int i = 0; i < 5; i++) {
        try (RawSip.Tls s = new RawSip.Tls(hop(t), clientTls)) {
          byte[] junk = Property.bytes(r, 200, 4000);
          junk[0] = 'X';
          s.send(junk);
          s.send(new byte[] {'\r', '\n', '\r', '\n'});
          // the junk frames as one message (unparsable, no headers to answer) or breaks framing: no answer either way
          assertThat(s.receive(Duration.ofMillis(300), true)).isEmpty();
        }
      }
      // not TLS at all: random bytes where a ClientHello belongs
      try (Socket plain = new Socket()) {
        plain.connect(new InetSocketAddress(hop(t).host(), hop(t).port()));
        plain.getOutputStream().write(Property.bytes(r, 600));
        assertThat(RawSip.closedWithin(plain, Duration.ofSeconds(3))).isTrue();
      }
    }
    assertStillServing(t);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void listener_slowlorisPartialFrameAndStalledHandshake_closedAndStillServing(Target t) throws Exception {
    if (t.transport != Transport.TLS) {
      return; // a datagram is whole or nothing
    }
    byte[] reg = RawSip.register("bob", "TLS", 5099, "slow").getBytes(StandardCharsets.US_ASCII);
    try (RawSip.Tls s = new RawSip.Tls(hop(t), clientTls)) {
      s.send(java.util.Arrays.copyOf(reg, reg.length / 2));
      long start = System.nanoTime();
      boolean closed = false;
      // then a byte every 200 ms: each keeps the socket busy, none completes the message
      for (int i = reg.length / 2; i < reg.length - 1 && !closed; i++) {
        try {
          s.send(new byte[] {reg[i]});
        } catch (IOException e) {
          closed = true;
          break;
        }
        closed = s.closedByPeerWithin(Duration.ofMillis(200));
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(closed).as("partial frame cut off").isTrue();
      assertThat(ms).as("within the 1 s frame timeout plus slack").isLessThan(4000);
    }
    // a TCP connection that never sends its ClientHello
    try (Socket idle = new Socket()) {
      idle.connect(new InetSocketAddress(hop(t).host(), hop(t).port()));
      assertThat(RawSip.closedWithin(idle, Duration.ofSeconds(4))).as("stalled handshake closed").isTrue();
    }
    assertThat(refused).anyMatch(x -> x.contains("incomplete after"));
    assertStillServing(t);
  }
}
