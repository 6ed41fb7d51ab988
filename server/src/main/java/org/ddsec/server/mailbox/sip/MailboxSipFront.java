package org.ddsec.server.mailbox.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.protocol.sip.HeaderNames;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.MediaType;
import org.ddsec.protocol.sip.NameAddress;
import org.ddsec.protocol.sip.Parameters;
import org.ddsec.protocol.sip.SipLimits;
import org.ddsec.protocol.sip.SipParseException;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.sip.Uri;
import org.ddsec.protocol.sip.dialog.Dialog;
import org.ddsec.protocol.sip.sdp.Attribute;
import org.ddsec.protocol.sip.sdp.Connection;
import org.ddsec.protocol.sip.sdp.KeyMgmt;
import org.ddsec.protocol.sip.sdp.MediaDescription;
import org.ddsec.protocol.sip.sdp.SessionDescription;
import org.ddsec.protocol.sip.transaction.ClientTransaction;
import org.ddsec.protocol.sip.transaction.ServerTransaction;
import org.ddsec.protocol.sip.transaction.TimerSettings;
import org.ddsec.protocol.sip.transaction.TransactionLayer;
import org.ddsec.server.mailbox.DepositAnswer;
import org.ddsec.server.mailbox.DepositHandler;
import org.ddsec.server.mailbox.DepositOffer;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.sip.SipStack;
import org.ddsec.server.sip.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox's SIP front (seed Fig. 17 steps 3 and 7): a UAS for the INVITEs the IMS core
 * forwards to the mailbox. For each INVITE it sends 100 Trying (the transaction layer does, at
 * once), reads the SDP offer — {@code m=audio} over {@code RTP/SAVP} with {@code
 * a=key-mgmt:mikey} (RFC 4567) — and the identities (callee from History-Info {@code mp} entry,
 * RFC 7044 §12 / RFC 4458 {@code target}, else To; caller from P-Asserted-Identity, RFC 3325),
 * builds a {@link DepositOffer} and asks the {@link DepositHandler} on a worker thread. {@link
 * DepositAnswer.Accept} becomes 200 OK with the SDP answer ({@code a=key-mgmt:mikey} with the
 * TRANSFER_RESP, {@code m=audio} at the handler's RTP port, {@code a=recvonly}); {@link
 * DepositAnswer.Reject} becomes that final status with a Warning (and the MIKEY error in an SDP
 * {@code a=key-mgmt}, stream port 0). Then: ACK confirms; BYE ends with {@code BYE}; a CANCEL
 * before the answer with {@code CANCEL}; no ACK (64·T1), or a deposit longer than the limit, with
 * {@code TIMEOUT} (and a BYE to the caller). Malformed offers are refused without calling the
 * handler: 415 (no SDP), 400 (bad SDP), 488 (no SRTP, no MIKEY, no usable address), 403 (no
 * asserted caller), 486 (too many calls).
 */
public final class MailboxSipFront implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxSipFront.class);
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /**
   * @param udp where to listen for UDP (port 0: any)
   * @param tls where to listen for TLS, or null
   * @param user the user part of the front's URIs (Contact), e.g. {@code mailbox}
   * @param maxDepositDuration a deposit still going after this is ended with TIMEOUT and a BYE
   * @param maxConcurrentCalls further INVITEs get 486 Busy Here
   */
  public record Config(InetSocketAddress udp, InetSocketAddress tls, String user, Duration maxDepositDuration, int maxConcurrentCalls,
      TimerSettings timers, SipLimits limits, TlsSettings tlsSettings, String advertisedHost) {

    public Config {
      Objects.requireNonNull(udp, "udp");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(maxDepositDuration, "maxDepositDuration");
      Objects.requireNonNull(timers, "timers");
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(tlsSettings, "tlsSettings");
      if (maxConcurrentCalls < 1) {
        throw new IllegalArgumentException("maxConcurrentCalls: " + maxConcurrentCalls + " (expected: at least 1)");
      }
    }

    /** Loopback UDP on {@code udpPort} and TLS on {@code tlsPort} (0: any; -1: none), user {@code mailbox}, 10 min per deposit, 200 calls. */
    public static Config loopback(int udpPort, int tlsPort) {
      return new Config(new InetSocketAddress("127.0.0.1", udpPort), tlsPort < 0 ? null : new InetSocketAddress("127.0.0.1", tlsPort), "mailbox",
          Duration.ofMinutes(10), 200, TimerSettings.RFC3261, SipLimits.DEFAULT, TlsSettings.DEFAULT, null);
    }

    public Config withTimers(TimerSettings t) {
      return new Config(udp, tls, user, maxDepositDuration, maxConcurrentCalls, t, limits, tlsSettings, advertisedHost);
    }

    public Config withMaxDepositDuration(Duration d) {
      return new Config(udp, tls, user, d, maxConcurrentCalls, timers, limits, tlsSettings, advertisedHost);
    }

    public Config withMaxConcurrentCalls(int n) {
      return new Config(udp, tls, user, maxDepositDuration, n, timers, limits, tlsSettings, advertisedHost);
    }

    public Config withTlsSettings(TlsSettings t) {
      return new Config(udp, tls, user, maxDepositDuration, maxConcurrentCalls, timers, limits, t, advertisedHost);
    }
  }

  private final Config config;
  private final DepositHandler handler;
  private final SipStack stack;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final RandomSource random;

  private enum State {
    OFFERED,
    ANSWERED,
    CONFIRMED
  }

  private static final class Call {
    final String callId;
    final ServerTransaction invite;
    volatile State state = State.OFFERED;
    volatile boolean cancelled;
    volatile Dialog dialog;
    volatile Hop byeHop;
    final AtomicBoolean ended = new AtomicBoolean();
    ScheduledFuture<?> limit;

    Call(String callId, ServerTransaction invite) {
      this.callId = callId;
      this.invite = invite;
    }
  }

  private MailboxSipFront(Config config, DepositHandler handler, SipObserver observer, Clock clock, RandomSource random) {
    this.config = config;
    this.handler = handler;
    this.random = random;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "mailbox-sip-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "mailbox-sip-limits");
      t.setDaemon(true);
      return t;
    });
    SipStack.Config sc = new SipStack.Config("mailbox", clock, random, config.timers(), TransactionLayer.Role.USER_AGENT, config.limits(),
        config.tlsSettings(), 20_000, observer == null ? SipObserver.NONE : observer, config.advertisedHost());
    this.stack = new SipStack(sc, new Uas());
  }

  /**
   * Starts the front with the system clock and secure randomness.
   *
   * @param tlsServer the context presenting the mailbox's certificate (needed if {@code config.tls()} is set)
   * @param tlsClient the context for TLS connections the front opens (a BYE towards a TLS Record-Route); may be null
   */
  public static MailboxSipFront start(Config config, DepositHandler handler, SSLContext tlsServer, SSLContext tlsClient, SipObserver observer)
      throws IOException {
    return start(config, handler, tlsServer, tlsClient, observer, Clock.systemUTC(), RandomSource.secure());
  }

  public static MailboxSipFront start(Config config, DepositHandler handler, SSLContext tlsServer, SSLContext tlsClient, SipObserver observer,
      Clock clock, RandomSource random) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(handler, "handler");
    MailboxSipFront f = new MailboxSipFront(config, handler, observer, clock, random);
    try {
      f.stack.listenUdp(config.udp());
      if (config.tls() != null) {
        f.stack.listenTls(config.tls(), Objects.requireNonNull(tlsServer, "tlsServer (a TLS listener is configured)"));
      }
      if (tlsClient != null) {
        f.stack.tlsClient(tlsClient);
      }
    } catch (IOException | RuntimeException e) {
      f.close();
      throw e;
    }
    return f;
  }

  public Hop udpHop() {
    return stack.localHop(Transport.UDP).orElseThrow();
  }

  public Optional<Hop> tlsHop() {
    return stack.localHop(Transport.TLS);
  }

  /** {@code sip:<user>@<host>:<port>} (UDP): what the IMS core's mailbox map points at. */
  public SipUri udpUri() {
    Hop h = udpHop();
    return new SipUri(false, config.user(), null, h.host(), h.port(), Parameters.NONE, Parameters.NONE);
  }

  /** {@code sip:<user>@<host>:<port>;transport=tls}, if the front listens for TLS. */
  public Optional<SipUri> tlsUri() {
    return tlsHop().map(h -> new SipUri(false, config.user(), null, h.host(), h.port(), Parameters.NONE.with("transport", "tls"), Parameters.NONE));
  }

  /** Dialogs offered or established and not yet ended. */
  public int activeCalls() {
    return calls.size();
  }

  public SipStack stack() {
    return stack;
  }

  // ------------------------------------------------------------------ the UAS

  private final class Uas implements SipStack.Handler {

    @Override
    public void onRequest(SipStack s, ServerTransaction tx) {
      SipRequest r = tx.request();
      boolean inDialog = r.to().tag().isPresent();
      if (r.isMethod(SipRequest.BYE)) {
        bye(tx, r);
      } else if (r.isMethod(SipRequest.OPTIONS)) {
        s.respond(tx, SipResponse.to(r, 200, null, s.newTag()).withHeader(HeaderNames.ALLOW, "INVITE, ACK, BYE, CANCEL, OPTIONS"));
      } else if (r.isMethod(SipRequest.INVITE) && !inDialog) {
        invite(tx, r);
      } else if (r.isMethod(SipRequest.INVITE)) {
        s.respond(tx, SipResponse.to(r, calls.containsKey(r.callId()) ? 488 : 481,
            calls.containsKey(r.callId()) ? "Not Acceptable Here (no re-INVITE during a deposit)" : null, null));
      } else {
        s.respond(tx, SipResponse.to(r, inDialog ? 501 : 405, null, s.newTag()).withHeader(HeaderNames.ALLOW, "INVITE, ACK, BYE, CANCEL, OPTIONS"));
      }
    }

    @Override
    public void onAck(SipStack s, SipRequest ack, Hop from, ServerTransaction invite) {
      Call c = calls.get(ack.callId());
      if (c != null && c.state == State.ANSWERED) {
        c.state = State.CONFIRMED;
      }
    }

    @Override
    public void onCancel(SipStack s, ServerTransaction invite, SipRequest cancel) {
      Call c = calls.get(invite.request().callId());
      if (c == null || c.invite != invite) {
        return;
      }
      c.cancelled = true;
      if (s.respond(invite, SipResponse.to(invite.request(), 487, null, s.newTag()))) {
        // the handler is still deciding; when it returns, an Accept is ended with CANCEL (see answer())
        LOG.debug("{}: cancelled before the answer", c.callId);
      }
    }

    @Override
    public void onAckTimeout(SipStack s, ServerTransaction tx) {
      Call c = calls.get(tx.request().callId());
      if (c != null && c.invite == tx && c.state == State.ANSWERED) {
        end(c, DepositHandler.EndReason.TIMEOUT, true); // RFC 3261 §13.3.1.4: no ACK, so end the dialog with BYE
      }
    }
  }

  private void invite(ServerTransaction tx, SipRequest r) {
    String tag = stack.newTag();
    Optional<DepositOffer> offer;
    try {
      offer = offer(tx, r, tag);
    } catch (SipParseException e) {
      reject(tx, e.status() == 413 ? 413 : 400, e.getMessage(), tag);
      return;
    }
    if (offer.isEmpty()) {
      return; // already answered
    }
    if (calls.size() >= config.maxConcurrentCalls()) {
      reject(tx, 486, "too many deposits in progress", tag);
      return;
    }
    Call c = new Call(r.callId(), tx);
    if (calls.putIfAbsent(r.callId(), c) != null) {
      reject(tx, 482, "a dialog with this Call-ID is in progress", tag);
      return;
    }
    pending.incrementAndGet();
    workers.execute(() -> {
      try {
        answer(c, offer.get(), tag);
      } finally {
        pending.decrementAndGet();
      }
    });
  }

  /** The DepositOffer of a forwarded INVITE, or empty after answering an error. */
  private Optional<DepositOffer> offer(ServerTransaction tx, SipRequest r, String tag) throws SipParseException {
    if (!r.contentType().map(t -> t.is(MediaType.SDP)).orElse(false)) {
      stack.respond(tx, SipResponse.to(r, 415, null, tag).withHeader("Accept", "application/sdp")
          .withHeader(HeaderNames.WARNING, warning("an SDP offer is required")));
      return Optional.empty();
    }
    SessionDescription sdp = SessionDescription.parse(r.body());
    Optional<MediaDescription> audio = sdp.firstMedia("audio");
    if (audio.isEmpty() || audio.get().port() == 0) {
      reject(tx, 488, "no audio stream in the offer", tag);
      return Optional.empty();
    }
    MediaDescription m = audio.get();
    if (!m.proto().equals("RTP/SAVP")) {
      reject(tx, 488, "m=audio " + m.proto() + ": SRTP (RTP/SAVP) required", tag);
      return Optional.empty();
    }
    Optional<Bytes> mikey = KeyMgmt.mikeyFor(sdp, m);
    if (mikey.isEmpty()) {
      reject(tx, 488, "no a=key-mgmt:mikey in the offer (RFC 4567)", tag);
      return Optional.empty();
    }
    Optional<Connection> conn = sdp.connectionFor(m);
    if (conn.isEmpty() || !conn.get().netType().equals("IN") || !IP_LITERAL.matcher(conn.get().host()).matches()) {
      reject(tx, 488, "c=: an IP address literal is required", tag);
      return Optional.empty();
    }
    InetSocketAddress remote;
    try {
      remote = new InetSocketAddress(InetAddress.getByName(conn.get().host()), m.port());
    } catch (UnknownHostException e) {
      reject(tx, 488, "c=: unusable address", tag);
      return Optional.empty();
    }
    Optional<String> caller = assertedCaller(r);
    if (caller.isEmpty()) {
      reject(tx, 403, "no asserted caller identity (P-Asserted-Identity, RFC 3325)", tag);
      return Optional.empty();
    }
    String callee = callee(r);
    int pt = m.firstPayloadType().orElse(-1);
    return Optional.of(new DepositOffer(r.callId(), callee, caller.get(), mikey.get(), remote, pt));
  }

  /** The caller: the first SIP URI of P-Asserted-Identity (RFC 3325 §9.1), as an AOR. */
  static Optional<String> assertedCaller(SipRequest r) {
    for (NameAddress a : r.assertedIdentities()) {
      if (a.uri() instanceof SipUri s) {
        return Optional.of(s.aor());
      }
    }
    return Optional.empty();
  }

  /**
   * The callee: the History-Info entry the mailbox entry was mapped from ({@code mp}, RFC 7044
   * §10.4, §12.2); else the RFC 4458 {@code target} of the Request-URI; else the To URI.
   */
  static String callee(SipRequest r) {
    List<NameAddress> hi = r.historyInfo();
    for (int i = hi.size() - 1; i >= 0; i--) {
      Optional<String> mp = hi.get(i).params().get("mp");
      if (mp.isPresent()) {
        for (NameAddress e : hi) {
          if (mp.get().equals(e.params().get("index").orElse(null)) && e.uri() instanceof SipUri s) {
            return s.aor();
          }
        }
      }
    }
    if (r.requestUri() instanceof SipUri ru && ru.param("target").isPresent()) {
      String t = ru.param("target").get();
      try {
        Uri u = Uri.parse(t.contains(":") ? t : "sip:" + t, "target");
        if (u instanceof SipUri s) {
          return s.aor();
        }
      } catch (SipParseException e) {
        // fall through to To
      }
    }
    return r.to().uri() instanceof SipUri s ? s.aor() : r.to().uri().toString();
  }

  private void answer(Call c, DepositOffer offer, String tag) {
    SipRequest r = c.invite.request();
    DepositAnswer a;
    try {
      a = handler.onInvite(offer);
    } catch (RuntimeException e) {
      LOG.error("deposit handler failed for {}", offer.callId(), e);
      calls.remove(c.callId, c);
      reject(c.invite, 500, "mailbox service failure", tag);
      return;
    }
    if (a instanceof DepositAnswer.Reject rej) {
      calls.remove(c.callId, c);
      SipResponse resp = SipResponse.to(r, rej.sipStatus(), null, tag).withHeader(HeaderNames.WARNING, warning(rej.reason()));
      if (!rej.mikeyError().isEmpty()) {
        SessionDescription sdp = SessionDescription.audio(sessionId(), udpHop().host(), List.of(KeyMgmt.mikey(rej.mikeyError()).toAttribute()), 0,
            "RTP/SAVP", List.of(offer.payloadType() >= 0 ? offer.payloadType() : 0), List.of());
        resp = resp.withBody(MediaType.SDP, sdp.encode());
      }
      stack.respond(c.invite, resp);
      return;
    }
    DepositAnswer.Accept acc = (DepositAnswer.Accept) a;
    if (c.cancelled) {
      end(c, DepositHandler.EndReason.CANCEL, false);
      return;
    }
    String rtpHost = acc.localRtp().getAddress().getHostAddress();
    SessionDescription sdp = SessionDescription.audio(sessionId(), rtpHost, List.of(KeyMgmt.mikey(acc.mikeyResponse()).toAttribute()),
        acc.localRtp().getPort(), "RTP/SAVP", List.of(acc.payloadType()), List.of(Attribute.flag("recvonly")));
    Hop local = c.invite.hop().transport() == Transport.TLS && tlsHop().isPresent() ? tlsHop().get() : udpHop();
    SipUri contact = new SipUri(false, config.user(), null, bracket(local.host()), local.port(),
        local.transport() == Transport.TLS ? Parameters.NONE.with("transport", "tls") : Parameters.NONE, Parameters.NONE);
    SipResponse ok = SipResponse.to(r, 200, null, tag).withHeader(HeaderNames.CONTACT, new NameAddress(contact).toString());
    for (NameAddress rr : r.recordRoutes()) {
      ok = ok.withHeaderAdded(HeaderNames.RECORD_ROUTE, rr.toString()); // RFC 3261 §12.1.1
    }
    ok = ok.withBody(MediaType.SDP, sdp.encode());
    try {
      c.dialog = Dialog.asUas(r, tag, 1 + (random.nextU32() & 0xFFFF));
      c.byeHop = nextHop(c.dialog);
    } catch (IllegalArgumentException e) {
      LOG.debug("{}: no dialog (no BYE possible): {}", c.callId, e.getMessage());
    }
    c.state = State.ANSWERED;
    if (!stack.respond(c.invite, ok)) {
      end(c, DepositHandler.EndReason.CANCEL, false); // cancelled while the handler worked
      return;
    }
    c.limit = scheduler.schedule(() -> end(c, DepositHandler.EndReason.TIMEOUT, true), config.maxDepositDuration().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void bye(ServerTransaction tx, SipRequest r) {
    Call c = calls.get(r.callId());
    if (c == null || c.state == State.OFFERED || c.dialog == null || !c.dialog.matches(r)) {
      stack.respond(tx, SipResponse.to(r, 481, null, null));
      return;
    }
    stack.respond(tx, SipResponse.to(r, 200, null, null));
    end(c, DepositHandler.EndReason.BYE, false);
  }

  /** Ends a dialog once: tells the handler (on a worker), optionally sends BYE to the caller. */
  private void end(Call c, DepositHandler.EndReason reason, boolean sendBye) {
    if (!c.ended.compareAndSet(false, true)) {
      return;
    }
    calls.remove(c.callId, c);
    if (c.limit != null) {
      c.limit.cancel(false);
    }
    if (sendBye && c.dialog != null && c.byeHop != null) {
      Hop local = c.byeHop.transport() == Transport.TLS && tlsHop().isPresent() ? tlsHop().get() : udpHop();
      SipRequest bye = c.dialog.nextRequest(SipRequest.BYE, stack.newVia(local), null).request();
      stack.send(bye, c.byeHop, new SipStack.ResponseListener() {
        @Override
        public void onResponse(ClientTransaction tx, SipResponse response, boolean retransmission) {}

        @Override
        public void onTimeout(ClientTransaction tx) {}
      });
    }
    workers.execute(() -> {
      try {
        handler.onCallEnded(c.callId, reason);
      } catch (RuntimeException e) {
        LOG.error("deposit handler failed ending {}", c.callId, e);
      }
    });
  }

  private static Hop nextHop(Dialog d) {
    Uri u = d.routeSet().isEmpty() ? d.remoteTarget() : d.routeSet().get(0).uri();
    return u instanceof SipUri s ? Hop.of(s) : null;
  }

  private void reject(ServerTransaction tx, int status, String reason, String tag) {
    stack.respond(tx, SipResponse.to(tx.request(), status, null, tag).withHeader(HeaderNames.WARNING, warning(reason)));
  }

  /** {@code 399 <host> "<text>"} (RFC 3261 §20.43), the text reduced to printable ASCII. */
  private String warning(String text) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length() && b.length() < 200; i++) {
      char ch = text.charAt(i);
      b.append(ch >= 0x20 && ch < 0x7F && ch != '"' && ch != '\\' ? ch : '?');
    }
    return "399 " + bracket(udpHop().host()) + " \"" + b + "\"";
  }

  private long sessionId() {
    return random.nextU32();
  }

  private static String bracket(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  @Override
  public void close() {
    stack.close();
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "MailboxSipFront[" + udpUri() + ", " + calls.size() + " calls, " + pending.get() + " pending]";
  }
}
