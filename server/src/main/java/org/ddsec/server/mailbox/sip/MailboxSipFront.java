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
import org.ddsec.protocol.sip.SipRequests;
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
 * asserted caller), 486 (too many calls), 420 (a Require option other than 100rel).
 *
 * <p>Two-round key management (MIKEY-IBAKE, seed Fig. 27): {@link DepositAnswer.Progress} becomes a
 * reliable 183 Session Progress (RFC 3262: Require 100rel, RSeq; retransmitted by the transaction
 * layer until the PRACK) whose SDP answer carries the R_MESSAGE_1; the PRACK's SDP offer (the
 * I_MESSAGE_2) goes to {@link DepositHandler#onPrack}; its Accept is the 200 OK to the PRACK with
 * the R_MESSAGE_2 in the SDP answer, then the 200 OK to the INVITE (no body: the offer/answer
 * exchanges are complete); its Reject is a 200 OK to the PRACK (RFC 3262 §3: a matching PRACK
 * gets a 2xx) with the MIKEY error in an SDP answer at port 0, then the INVITE's final error. No
 * PRACK within 64·T1: 504 and {@code TIMEOUT}; a PRACK without an SDP offer holding MIKEY: 488.
 * A CANCEL or a BYE on the early dialog before the answer ends with {@code CANCEL}.
 */
public final class MailboxSipFront implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxSipFront.class);
  private static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK";
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
    /** The handler decides about the INVITE. */
    OFFERED,
    /** A reliable 183 went out (Progress); waiting for the PRACK. */
    PROGRESS,
    /** The PRACK came; the handler decides about its MIKEY. */
    PRACKED,
    /** 200 OK to the INVITE sent, no ACK yet. */
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
    volatile String tag;
    volatile DepositOffer offer;
    volatile InetSocketAddress localRtp;
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
        s.respond(tx, SipResponse.to(r, 200, null, s.newTag()).withHeader(HeaderNames.ALLOW, ALLOW).withHeader(HeaderNames.SUPPORTED, "100rel"));
      } else if (r.isMethod(SipRequest.INVITE) && !inDialog) {
        invite(tx, r);
      } else if (r.isMethod(SipRequest.INVITE)) {
        s.respond(tx, SipResponse.to(r, calls.containsKey(r.callId()) ? 488 : 481,
            calls.containsKey(r.callId()) ? "Not Acceptable Here (no re-INVITE during a deposit)" : null, null));
      } else {
        s.respond(tx, SipResponse.to(r, inDialog ? 501 : 405, null, s.newTag()).withHeader(HeaderNames.ALLOW, ALLOW));
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
      boolean progress;
      synchronized (c) {
        c.cancelled = true;
        progress = c.state == State.PROGRESS;
      }
      if (s.respond(invite, SipResponse.to(invite.request(), 487, null, c.tag != null ? c.tag : s.newTag()))) {
        // the handler is still deciding; when it returns, an Accept is ended with CANCEL (see answer(), prack())
        LOG.debug("{}: cancelled before the answer", c.callId);
      }
      if (progress) {
        end(c, DepositHandler.EndReason.CANCEL, false); // awaiting the PRACK: no handler call in flight
      }
    }

    @Override
    public void onPrack(SipStack s, ServerTransaction prack, ServerTransaction invite) {
      prackArrived(prack, invite);
    }

    @Override
    public void onPrackTimeout(SipStack s, ServerTransaction invite) {
      Call c = calls.get(invite.request().callId());
      if (c == null || c.invite != invite) {
        return;
      }
      synchronized (c) {
        if (c.state != State.PROGRESS) {
          return;
        }
      }
      reject(invite, 504, "no PRACK for the reliable 183 within 64*T1 (RFC 3262)", c.tag);
      end(c, DepositHandler.EndReason.TIMEOUT, false);
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
    java.util.List<String> unsupported = r.optionTags(HeaderNames.REQUIRE).stream().filter(t -> !t.equalsIgnoreCase("100rel")).toList();
    if (!unsupported.isEmpty()) {
      // RFC 3261 §8.2.2.3: an extension the UAS does not understand
      stack.respond(tx, SipResponse.to(r, 420, null, tag).withHeader(HeaderNames.UNSUPPORTED, String.join(", ", unsupported)));
      return Optional.empty();
    }
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
    boolean rel = r.hasOptionTag(HeaderNames.SUPPORTED, "100rel") || r.hasOptionTag(HeaderNames.REQUIRE, "100rel");
    return Optional.of(new DepositOffer(r.callId(), callee, caller.get(), mikey.get(), remote, pt, rel));
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
      if (rej.sipStatus() == 421) {
        resp = resp.withHeader(HeaderNames.REQUIRE, "100rel"); // RFC 3261 §21.4.16: the extension needed
      }
      if (!rej.mikeyError().isEmpty()) {
        resp = resp.withBody(MediaType.SDP, errorSdp(rej.mikeyError(), offer.payloadType()).encode());
      }
      stack.respond(c.invite, resp);
      return;
    }
    c.tag = tag;
    c.offer = offer;
    try {
      c.dialog = Dialog.asUas(r, tag, 1 + (random.nextU32() & 0xFFFF));
      c.byeHop = nextHop(c.dialog);
    } catch (IllegalArgumentException e) {
      LOG.debug("{}: no dialog (no BYE possible): {}", c.callId, e.getMessage());
    }
    if (a instanceof DepositAnswer.Progress pr) {
      progress(c, pr);
      return;
    }
    DepositAnswer.Accept acc = (DepositAnswer.Accept) a;
    if (c.cancelled) {
      end(c, DepositHandler.EndReason.CANCEL, false);
      return;
    }
    accept(c, withDialogHeaders(c, SipResponse.to(r, 200, null, tag)).withBody(MediaType.SDP, answerSdp(acc.mikeyResponse(), acc.localRtp(),
        acc.payloadType()).encode()));
  }

  /** Sends the 200 OK to the INVITE and starts the deposit limit; ends with CANCEL if the INVITE cannot take it any more. */
  private void accept(Call c, SipResponse ok) {
    synchronized (c) {
      c.state = State.ANSWERED;
    }
    if (!stack.respond(c.invite, ok)) {
      end(c, DepositHandler.EndReason.CANCEL, false); // cancelled while the handler worked
      return;
    }
    c.limit = scheduler.schedule(() -> end(c, DepositHandler.EndReason.TIMEOUT, true), config.maxDepositDuration().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Contact (this front, on the INVITE's transport) and the INVITE's Record-Route (RFC 3261 §12.1.1). */
  private SipResponse withDialogHeaders(Call c, SipResponse resp) {
    Hop local = c.invite.hop().transport() == Transport.TLS && tlsHop().isPresent() ? tlsHop().get() : udpHop();
    SipUri contact = new SipUri(false, config.user(), null, bracket(local.host()), local.port(),
        local.transport() == Transport.TLS ? Parameters.NONE.with("transport", "tls") : Parameters.NONE, Parameters.NONE);
    SipResponse out = resp.withHeader(HeaderNames.CONTACT, new NameAddress(contact).toString());
    for (NameAddress rr : c.invite.request().recordRoutes()) {
      out = out.withHeaderAdded(HeaderNames.RECORD_ROUTE, rr.toString());
    }
    return out;
  }

  private SessionDescription answerSdp(Bytes mikey, InetSocketAddress rtp, int payloadType) {
    return SessionDescription.audio(sessionId(), rtp.getAddress().getHostAddress(), List.of(KeyMgmt.mikey(mikey).toAttribute()), rtp.getPort(),
        "RTP/SAVP", List.of(payloadType), List.of(Attribute.flag("recvonly")));
  }

  /** An SDP answer refusing the stream (port 0) with the MIKEY Error message (RFC 4567 §3.1.3). */
  private SessionDescription errorSdp(Bytes mikeyError, int payloadType) {
    return SessionDescription.audio(sessionId(), udpHop().host(), List.of(KeyMgmt.mikey(mikeyError).toAttribute()), 0, "RTP/SAVP",
        List.of(payloadType >= 0 ? payloadType : 0), List.of());
  }

  /** {@link DepositAnswer.Progress}: the reliable 183 with the first answer (RFC 3262 §3, §5). */
  private void progress(Call c, DepositAnswer.Progress pr) {
    SipRequest r = c.invite.request();
    if (!c.offer.reliableProvisionals()) {
      reject(c.invite, 421, "this mailbox's key management needs a reliable 183 (RFC 3262)", c.tag, true);
      end(c, DepositHandler.EndReason.ERROR, false);
      return;
    }
    c.localRtp = pr.localRtp();
    SipResponse p183 = SipRequests.reliable(withDialogHeaders(c, SipResponse.to(r, 183, null, c.tag)), SipRequests.firstRSeq(random))
        .withBody(MediaType.SDP, answerSdp(pr.mikeyResponse(), pr.localRtp(), pr.payloadType()).encode());
    boolean cancelled;
    synchronized (c) {
      cancelled = c.cancelled;
      if (!cancelled) {
        c.state = State.PROGRESS;
      }
    }
    if (cancelled || !stack.respondReliably(c.invite, p183)) {
      end(c, DepositHandler.EndReason.CANCEL, false);
    }
  }

  /** A PRACK that matched our reliable 183 (the transaction layer checked RAck and the dialog). */
  private void prackArrived(ServerTransaction prack, ServerTransaction invite) {
    SipRequest p = prack.request();
    Call c = calls.get(invite.request().callId());
    boolean mine;
    if (c != null && c.invite == invite) {
      synchronized (c) {
        mine = c.state == State.PROGRESS && !c.cancelled;
        if (mine) {
          c.state = State.PRACKED;
        }
      }
    } else {
      mine = false;
    }
    if (!mine) {
      stack.respond(prack, SipResponse.to(p, 200)); // RFC 3262 §3: a matching PRACK gets a 2xx
      return;
    }
    Optional<Bytes> mikey;
    try {
      mikey = prackOffer(p);
    } catch (SipParseException e) {
      stack.respond(prack, SipResponse.to(p, 400, "Bad Request (" + e.field() + ")", null).withHeader(HeaderNames.WARNING, warning(e.getMessage())));
      reject(c.invite, 488, "PRACK: unusable SDP offer", c.tag);
      end(c, DepositHandler.EndReason.ERROR, false);
      return;
    }
    if (mikey.isEmpty()) {
      stack.respond(prack, SipResponse.to(p, 200));
      reject(c.invite, 488, "PRACK without an SDP offer holding a=key-mgmt:mikey (the second key-management round)", c.tag);
      end(c, DepositHandler.EndReason.ERROR, false);
      return;
    }
    pending.incrementAndGet();
    workers.execute(() -> {
      try {
        prack(c, prack, mikey.get());
      } finally {
        pending.decrementAndGet();
      }
    });
  }

  /** The MIKEY message of the PRACK's SDP offer ({@code m=audio}, {@code a=key-mgmt:mikey}), if it has one. */
  private static Optional<Bytes> prackOffer(SipRequest p) throws SipParseException {
    if (p.body().isEmpty() || !p.contentType().map(t -> t.is(MediaType.SDP)).orElse(false)) {
      return Optional.empty(); // RFC 3262 §3: another body is treated like an ACK's
    }
    SessionDescription sdp = SessionDescription.parse(p.body());
    Optional<MediaDescription> audio = sdp.firstMedia("audio");
    return audio.isEmpty() ? Optional.empty() : KeyMgmt.mikeyFor(sdp, audio.get());
  }

  /** On a worker: the handler's second round, then the 200 to the PRACK and the INVITE's answer. */
  private void prack(Call c, ServerTransaction prack, Bytes mikey) {
    SipRequest p = prack.request();
    DepositAnswer a;
    try {
      a = handler.onPrack(c.callId, mikey);
    } catch (RuntimeException e) {
      LOG.error("deposit handler failed for the PRACK of {}", c.callId, e);
      a = new DepositAnswer.Reject(500, "mailbox service failure", Bytes.EMPTY);
    }
    int pt = c.offer.payloadType();
    if (!(a instanceof DepositAnswer.Accept acc)) {
      DepositAnswer.Reject rej = a instanceof DepositAnswer.Reject x ? x : new DepositAnswer.Reject(500, "unexpected answer to a PRACK", Bytes.EMPTY);
      SipResponse ok = SipResponse.to(p, 200);
      stack.respond(prack, rej.mikeyError().isEmpty() ? ok : ok.withBody(MediaType.SDP, errorSdp(rej.mikeyError(), pt).encode()));
      reject(c.invite, rej.sipStatus(), rej.reason(), c.tag);
      end(c, DepositHandler.EndReason.ERROR, false);
      return;
    }
    stack.respond(prack, SipResponse.to(p, 200).withBody(MediaType.SDP, answerSdp(acc.mikeyResponse(), acc.localRtp(), acc.payloadType()).encode()));
    if (c.cancelled) {
      end(c, DepositHandler.EndReason.CANCEL, false);
      return;
    }
    // RFC 3262 §5 / RFC 6337 §3.1: both offer/answer exchanges are complete, so the 2xx carries no SDP
    accept(c, withDialogHeaders(c, SipResponse.to(c.invite.request(), 200, null, c.tag)));
  }

  private void bye(ServerTransaction tx, SipRequest r) {
    Call c = calls.get(r.callId());
    if (c == null || c.state == State.OFFERED || c.dialog == null || !c.dialog.matches(r)) {
      stack.respond(tx, SipResponse.to(r, 481, null, null));
      return;
    }
    stack.respond(tx, SipResponse.to(r, 200, null, null));
    State st;
    synchronized (c) {
      st = c.state;
      if (st == State.PROGRESS || st == State.PRACKED) {
        c.cancelled = true; // RFC 3261 §15: a BYE on the early dialog — the INVITE gets 487
      }
    }
    if (st == State.PROGRESS || st == State.PRACKED) {
      stack.respond(c.invite, SipResponse.to(c.invite.request(), 487, null, c.tag));
      if (st == State.PROGRESS) {
        end(c, DepositHandler.EndReason.CANCEL, false);
      }
      return; // PRACKED: the worker ends it when the handler returns
    }
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
    reject(tx, status, reason, tag, false);
  }

  private void reject(ServerTransaction tx, int status, String reason, String tag, boolean require100rel) {
    SipResponse r = SipResponse.to(tx.request(), status, null, tag).withHeader(HeaderNames.WARNING, warning(reason));
    stack.respond(tx, require100rel ? r.withHeader(HeaderNames.REQUIRE, "100rel") : r);
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
