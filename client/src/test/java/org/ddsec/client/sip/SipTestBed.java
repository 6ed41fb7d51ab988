package org.ddsec.client.sip;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.sdp.Attribute;
import org.ddsec.protocol.sip.sdp.KeyMgmt;
import org.ddsec.protocol.sip.sdp.SessionDescription;
import org.ddsec.protocol.sip.transaction.TimerSettings;
import org.ddsec.server.ims.ImsCore;
import org.ddsec.server.ims.ImsCoreConfig;
import org.ddsec.server.mailbox.DepositAnswer;
import org.ddsec.server.mailbox.DepositHandler;
import org.ddsec.server.mailbox.DepositOffer;
import org.ddsec.server.mailbox.sip.MailboxSipFront;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.sip.SipTraceEvent;
import org.ddsec.server.tls.CertificateAuthority;
import org.ddsec.server.tls.Credential;
import org.ddsec.server.tls.TlsContexts;

/**
 * An IMS core and a mailbox front on loopback (UDP and TLS, a throw-away CA), a stub deposit
 * handler, and fast SIP timers (T1 = 100 ms, so 64·T1 = 6.4 s).
 */
final class SipTestBed implements AutoCloseable {

  static final String DOMAIN = "ims.example.org";
  static final TimerSettings FAST = new TimerSettings(Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofMillis(1000));
  static final Bytes MIKEY_INIT = Bytes.fromHex("01000a0100000001000100"); // stand-in bytes: the front does not decode MIKEY
  static final Bytes MIKEY_RESP = Bytes.fromHex("01010b0100000001000200");

  final CertificateAuthority ca = CertificateAuthority.generate("sip test CA");
  final SSLContext serverTls;
  final SSLContext clientTls;
  final List<SipTraceEvent> events = new CopyOnWriteArrayList<>();
  final List<String> refused = new CopyOnWriteArrayList<>();
  final StubHandler handler = new StubHandler();
  final MailboxSipFront mailbox;
  final TimerSettings timers;
  final ImsCore core;

  /** Records what the front asked and answers with {@link #answer}. */
  static final class StubHandler implements DepositHandler {
    final BlockingQueue<DepositOffer> offers = new LinkedBlockingQueue<>();
    final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    volatile Function<DepositOffer, DepositAnswer> answer =
        o -> new DepositAnswer.Accept(MIKEY_RESP, new java.net.InetSocketAddress("127.0.0.1", 41000), o.payloadType());

    @Override
    public DepositAnswer onInvite(DepositOffer offer) {
      offers.add(offer);
      return answer.apply(offer);
    }

    @Override
    public void onCallEnded(String callId, EndReason reason) {
      ended.add(callId + " " + reason);
    }
  }

  final SipObserver observer = new SipObserver() {
    @Override
    public void onMessage(SipTraceEvent e) {
      events.add(e);
    }

    @Override
    public void onRefused(String stack, org.ddsec.protocol.sip.Transport t, String remote, String reason, int answered) {
      refused.add(stack + " " + answered + " " + reason);
    }
  };

  SipTestBed(Duration noAnswer, boolean mailboxOverTls) throws Exception {
    this(noAnswer, mailboxOverTls, FAST);
  }

  SipTestBed(Duration noAnswer, boolean mailboxOverTls, TimerSettings timers) throws Exception {
    Credential cred = ca.issueServer("127.0.0.1", Duration.ofDays(1), "localhost");
    serverTls = TlsContexts.server(cred, ca.certificate());
    clientTls = TlsContexts.client(null, ca.certificate());
    this.timers = timers;
    mailbox = MailboxSipFront.start(MailboxSipFront.Config.loopback(0, 0).withTimers(timers), handler, serverTls, clientTls, observer);
    SipUri mb = mailboxOverTls ? mailbox.tlsUri().orElseThrow() : mailbox.udpUri();
    core = ImsCore.start(ImsCoreConfig.loopback(DOMAIN, 0, 0).withTimers(timers).withNoAnswerTimeout(noAnswer).withDefaultMailbox(mb), serverTls,
        clientTls, observer);
  }

  SipUserAgent udpUa(String user) throws Exception {
    return SipUserAgent.start(SipUserAgent.Config.udp(user, "sip:" + user + "@" + DOMAIN, core.udpHop()).withTimers(timers).withObserver(observer));
  }

  SipUserAgent tlsUa(String user) throws Exception {
    return SipUserAgent.start(
        SipUserAgent.Config.tls(user, "sip:" + user + "@" + DOMAIN, core.tlsHop().orElseThrow(), clientTls).withTimers(timers).withObserver(observer));
  }

  /** An SRTP audio offer with a MIKEY message, as UE-A makes it. */
  static SessionDescription offer(int rtpPort) {
    return SessionDescription.audio(1, "127.0.0.1", List.of(KeyMgmt.mikey(MIKEY_INIT).toAttribute()), rtpPort, "RTP/SAVP", List.of(0, 8),
        List.of(Attribute.flag("sendonly")));
  }

  /** The events of {@code stack} for {@code callId}, as "SENT INVITE" / "RECEIVED 200 OK". */
  List<String> ladder(String stack, String callId) {
    return events.stream().filter(e -> e.stack().equals(stack) && e.callId().equals(callId)).map(e -> e.direction() + " " + e.label()).toList();
  }

  @Override
  public void close() {
    core.close();
    mailbox.close();
  }
}
