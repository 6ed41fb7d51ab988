package org.ddsec.client.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.protocol.sip.HeaderField;
import org.ddsec.protocol.sip.HeaderNames;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.MediaType;
import org.ddsec.protocol.sip.NameAddress;
import org.ddsec.protocol.sip.Parameters;
import org.ddsec.protocol.sip.RAck;
import org.ddsec.protocol.sip.SipParseException;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipRequests;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.sip.Uri;
import org.ddsec.protocol.sip.dialog.Dialog;
import org.ddsec.protocol.sip.sdp.SessionDescription;
import org.ddsec.protocol.sip.transaction.ClientTransaction;
import org.ddsec.protocol.sip.transaction.ServerTransaction;
import org.ddsec.protocol.sip.transaction.TimerSettings;
import org.ddsec.protocol.sip.transaction.TransactionLayer;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.sip.SipStack;
import org.ddsec.server.sip.TlsSettings;

/**
 * A UE's SIP user agent: REGISTER (refresh, unregister), INVITE with a given SDP offer (the final
 * response and the answer SDP; ACK sent for a 2xx, CANCEL on timeout), reliable provisional
 * responses acknowledged with PRACK (RFC 3262; a second offer/answer round in the PRACK for
 * two-round key management), BYE, and a UAS side that receives calls. Every request goes to the configured outbound proxy (the IMS core, RFC 3261
 * §8.1.2): over UDP from the UA's own port, or over one TLS connection the UA opens at start and
 * keeps (its local address is the Contact, so the core reaches the UE over the same connection —
 * the TLS hop stands for the protected Gm link of TS 33.203).
 *
 * <pre>{@code
 * SipUserAgent alice = SipUserAgent.start(SipUserAgent.Config.tls("alice", "sip:alice@ims.example.org", core.tlsHop().get(), clientCtx));
 * alice.register(Duration.ofHours(1));
 * SipUserAgent.CallResult r = alice.invite("sip:bob@ims.example.org", offer, Duration.ofSeconds(30));
 * if (r.established()) { … r.call().get().bye(); }
 * }</pre>
 *
 * Thread-safe; the blocking calls must not be made from inside an {@link IncomingCallHandler}.
 */
public final class SipUserAgent implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SipUserAgent.class);

  /**
   * @param name the stack's name for the observer ({@code alice})
   * @param aor the address of record, {@code sip:alice@ims.example.org}
   * @param transport UDP or TLS towards the proxy
   * @param proxy the outbound proxy (the IMS core's UDP or TLS address)
   * @param tls the client context trusting the core's CA (TLS only)
   * @param bind the local UDP address (port 0: any; UDP only)
   */
  public record Config(String name, String aor, String displayName, Transport transport, Hop proxy, SSLContext tls, InetSocketAddress bind,
      TimerSettings timers, SipObserver observer) {

    public Config {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(aor, "aor");
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(proxy, "proxy");
      Objects.requireNonNull(timers, "timers");
      Objects.requireNonNull(observer, "observer");
      SipUri.parse(aor);
      if (proxy.transport() != transport) {
        throw new IllegalArgumentException("proxy hop " + proxy + " (expected: transport " + transport + ")");
      }
      if (transport == Transport.TLS && tls == null) {
        throw new IllegalArgumentException("TLS user agent without a client SSLContext");
      }
    }

    /** A UDP UA on an ephemeral loopback port. */
    public static Config udp(String name, String aor, Hop proxy) {
      return new Config(name, aor, null, Transport.UDP, proxy, null, new InetSocketAddress("127.0.0.1", 0), TimerSettings.RFC3261, SipObserver.NONE);
    }

    /** A TLS UA (one connection to {@code proxy}, trusting {@code tls}'s CAs). */
    public static Config tls(String name, String aor, Hop proxy, SSLContext tls) {
      return new Config(name, aor, null, Transport.TLS, proxy, tls, null, TimerSettings.RFC3261, SipObserver.NONE);
    }

    public Config withObserver(SipObserver o) {
      return new Config(name, aor, displayName, transport, proxy, tls, bind, timers, o);
    }

    public Config withTimers(TimerSettings t) {
      return new Config(name, aor, displayName, transport, proxy, tls, bind, t, observer);
    }

    public Config withDisplayName(String d) {
      return new Config(name, aor, d, transport, proxy, tls, bind, timers, observer);
    }
  }

  /** The registrar's answer: the expiry it granted for this UA's contact and all bindings of the AOR. */
  public record Registration(Duration expires, List<String> bindings) {}

  /**
   * The outcome of an INVITE: the final response, the answer SDP of a 2xx, and the established
   * call (ACK already sent). {@code response} is a synthetic 408 if nothing final came at all.
   */
  public record CallResult(SipResponse response, Optional<SessionDescription> answer, Optional<Call> call) {
    public int status() {
      return response.status();
    }

    public boolean established() {
      return call.isPresent();
    }
  }

  /**
   * The caller's side of reliable provisional responses (RFC 3262 §4), for key management that
   * takes two rounds (MIKEY-IBAKE: R_MESSAGE_1 in a reliable 183, I_MESSAGE_2 in the PRACK). Each
   * reliable provisional reaches {@link #onReliableProvisional} once and in RSeq order (the
   * transaction layer discards retransmissions), on a worker thread; its answer is the PRACK's SDP
   * offer. The final response to that PRACK reaches {@link #onPrackAnswered}; {@link
   * SipUserAgent#invite} returns only after it.
   */
  public interface ReliableProvisionals {

    /**
     * @return the SDP offer to carry in the PRACK ({@link Prack#offer} empty: a PRACK without
     *     body), or {@link Prack#abandon} to PRACK without body and CANCEL the INVITE
     */
    Prack onReliableProvisional(SipResponse provisional, Optional<SessionDescription> answer);

    /** The final response to the PRACK sent for a reliable provisional, with its SDP answer if any. */
    void onPrackAnswered(SipResponse response, Optional<SessionDescription> answer);
  }

  /** What to do with a reliable provisional: PRACK it (with an offer or none), or give the call up. */
  public record Prack(Optional<SessionDescription> offer, boolean abandon) {
    public static Prack with(SessionDescription offer) {
      return new Prack(Optional.of(offer), false);
    }

    public static Prack empty() {
      return new Prack(Optional.empty(), false);
    }

    /** PRACK without body (RFC 3262 §4: a reliable provisional is always acknowledged), then CANCEL. */
    public static Prack giveUp() {
      return new Prack(Optional.empty(), true);
    }
  }

  /** A call this UA receives. */
  public record IncomingCall(String callId, String from, Optional<String> assertedIdentity, Optional<SessionDescription> offer, SipRequest invite) {}

  /** What to answer an incoming call with. */
  public sealed interface Answer {
    /** 200 OK with {@code sdp}. */
    record Accept(SessionDescription sdp) implements Answer {}

    /** A final error ({@code status} 300–699). */
    record Reject(int status, String reason) implements Answer {}
  }

  /** Decides about incoming calls (on a worker thread; may block briefly). */
  public interface IncomingCallHandler {
    Answer onIncomingCall(IncomingCall call);

    /** The call ended: the peer sent BYE (or CANCEL before the answer). */
    default void onEnded(String callId) {}
  }

  private final Config config;
  private final SipStack stack;
  private final Hop local;
  private final SipUri contact;
  private final SipUri aor;
  private final String registerCallId;
  private final AtomicLong registerSeq = new AtomicLong();
  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final ExecutorService workers;
  private volatile IncomingCallHandler incoming;

  private SipUserAgent(Config config, Clock clock, RandomSource random) throws IOException {
    this.config = config;
    this.aor = SipUri.parse(config.aor());
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, config.name() + "-sip-ua-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    SipStack.Config sc = new SipStack.Config(config.name(), clock, random, config.timers(), TransactionLayer.Role.USER_AGENT,
        org.ddsec.protocol.sip.SipLimits.DEFAULT, TlsSettings.DEFAULT, 2000, config.observer(), null);
    this.stack = new SipStack(sc, new Uas());
    Hop l;
    try {
      if (config.transport() == Transport.UDP) {
        InetSocketAddress a = stack.listenUdp(config.bind());
        l = new Hop(Transport.UDP, a.getAddress().getHostAddress(), a.getPort());
      } else {
        stack.tlsClient(config.tls());
        l = stack.connectTls(config.proxy());
      }
    } catch (IOException | RuntimeException e) {
      stack.close();
      workers.shutdownNow();
      throw e;
    }
    this.local = l;
    this.contact = new SipUri(false, aor.user(), null, bracket(l.host()), l.port(),
        l.transport() == Transport.TLS ? Parameters.NONE.with("transport", "tls") : Parameters.NONE, Parameters.NONE);
    this.registerCallId = stack.newCallId(l.host());
  }

  /** Starts the UA with the system clock and secure randomness (binds UDP or connects TLS). */
  public static SipUserAgent start(Config config) throws IOException {
    return start(config, Clock.systemUTC(), RandomSource.secure());
  }

  public static SipUserAgent start(Config config, Clock clock, RandomSource random) throws IOException {
    return new SipUserAgent(Objects.requireNonNull(config, "config"), clock, random);
  }

  /** This UA's Contact URI ({@code sip:alice@127.0.0.1:40312[;transport=tls]}). */
  public SipUri contact() {
    return contact;
  }

  /** Where this UA sends from and listens. */
  public Hop localHop() {
    return local;
  }

  public String aor() {
    return aor.aor();
  }

  public SipStack stack() {
    return stack;
  }

  /** Sets the handler for incoming calls (without one, INVITEs are answered 480). */
  public void onIncomingCall(IncomingCallHandler h) {
    this.incoming = h;
  }

  // ------------------------------------------------------------------ REGISTER

  /**
   * Registers (or refreshes) this UA's contact for {@code expires} (RFC 3261 §10.2); one retry
   * with Min-Expires after a 423.
   *
   * @throws SipException on a final error response, a timeout or a transport failure
   */
  public Registration register(Duration expires) throws SipException {
    SipResponse r = sendRegister(Long.toString(expires.toSeconds()), "<" + contact + ">");
    if (r.status() == 423 && r.header(HeaderNames.MIN_EXPIRES).isPresent()) {
      r = sendRegister(r.header(HeaderNames.MIN_EXPIRES).get().strip(), "<" + contact + ">");
    }
    if (!r.isSuccess()) {
      throw new SipException(r.status(), "REGISTER " + aor.aor() + ": " + r.status() + " " + r.reason());
    }
    Duration granted = Duration.ZERO;
    List<String> all = new ArrayList<>();
    for (NameAddress c : r.contacts()) {
      all.add(c.uri().toString());
      if (c.uri() instanceof SipUri u && u.aor().equals(contact.aor())) {
        granted = Duration.ofSeconds(c.params().get("expires").map(Long::parseLong).orElse(r.expires() >= 0 ? r.expires() : 0L));
      }
    }
    return new Registration(granted, all);
  }

  /** Removes this UA's binding ({@code Expires: 0}, RFC 3261 §10.2.2). */
  public void unregister() throws SipException {
    SipResponse r = sendRegister("0", "<" + contact + ">");
    if (!r.isSuccess()) {
      throw new SipException(r.status(), "REGISTER (remove) " + aor.aor() + ": " + r.status() + " " + r.reason());
    }
  }

  private SipResponse sendRegister(String expires, String contactValue) throws SipException {
    List<HeaderField> h = new ArrayList<>();
    h.add(new HeaderField(HeaderNames.VIA, stack.newVia(local).toString()));
    h.add(new HeaderField(HeaderNames.MAX_FORWARDS, "70"));
    h.add(new HeaderField(HeaderNames.FROM, self().withTag(stack.newTag()).toString()));
    h.add(new HeaderField(HeaderNames.TO, self().toString()));
    h.add(new HeaderField(HeaderNames.CALL_ID, registerCallId));
    h.add(new HeaderField(HeaderNames.CSEQ, registerSeq.incrementAndGet() + " REGISTER"));
    h.add(new HeaderField(HeaderNames.CONTACT, contactValue));
    h.add(new HeaderField(HeaderNames.EXPIRES, expires));
    SipRequest reg = SipRequest.create(SipRequest.REGISTER, SipUri.of(null, aor.host(), -1), h, Bytes.EMPTY);
    return await(reg, config.timers().timeout().plusSeconds(2));
  }

  private NameAddress self() {
    return new NameAddress(config.displayName(), aor.aorUri(), Parameters.NONE);
  }

  /** Sends {@code r} to the proxy and waits for its final response. */
  private SipResponse await(SipRequest r, Duration limit) throws SipException {
    CompletableFuture<SipResponse> f = new CompletableFuture<>();
    stack.send(r, config.proxy(), new SipStack.ResponseListener() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse response, boolean retransmission) {
        if (response.status() >= 200) {
          f.complete(response);
        }
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        f.completeExceptionally(new SipException(0, r.method() + ": no final response (timeout or transport failure)"));
      }
    });
    return get(f, limit, r.method());
  }

  private static SipResponse get(CompletableFuture<SipResponse> f, Duration limit, String what) throws SipException {
    try {
      return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SipException s) {
        throw s;
      }
      throw new SipException(0, what + ": " + e.getCause());
    } catch (TimeoutException e) {
      throw new SipException(0, what + ": no final response within " + limit.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SipException(0, what + ": interrupted");
    }
  }

  // ------------------------------------------------------------------ INVITE

  /**
   * Calls {@code target} with {@code offer} (Content-Type application/sdp) and waits for the final
   * response. A 2xx is ACKed (RFC 3261 §13.2.2.4) and gives an established {@link Call}; with no
   * final response within {@code timeout} the INVITE is cancelled (RFC 3261 §9.1) and the result
   * is the 487 (or a synthetic 408).
   *
   * @throws SipException if the INVITE could not be sent (the transport failed at once)
   */
  public CallResult invite(String target, SessionDescription offer, Duration timeout) throws SipException {
    return invite(target, offer, timeout, List.of());
  }

  /** {@link #invite(String, SessionDescription, Duration)} with extra header fields (tests: a forged P-Asserted-Identity …). */
  public CallResult invite(String target, SessionDescription offer, Duration timeout, List<HeaderField> extra) throws SipException {
    return invite(target, offer, timeout, extra, null);
  }

  /**
   * An INVITE whose session needs reliable provisional responses ({@code Require: 100rel}, RFC
   * 3262 §4): each reliable provisional is acknowledged with a PRACK carrying what {@code
   * provisionals} answers; the 2xx is ACKed as usual. Without {@code provisionals} ({@code null})
   * the INVITE only says {@code Supported: 100rel}, and reliable provisionals are PRACKed without a
   * body. Returns after the final response to the INVITE and to every PRACK sent.
   */
  public CallResult invite(String target, SessionDescription offer, Duration timeout, List<HeaderField> extra, ReliableProvisionals provisionals)
      throws SipException {
    Uri to = Uri.of(target);
    String callId = stack.newCallId(local.host());
    List<HeaderField> h = new ArrayList<>();
    h.add(new HeaderField(HeaderNames.VIA, stack.newVia(local).toString()));
    h.add(new HeaderField(HeaderNames.MAX_FORWARDS, "70"));
    h.add(new HeaderField(HeaderNames.FROM, self().withTag(stack.newTag()).toString()));
    h.add(new HeaderField(HeaderNames.TO, new NameAddress(to).toString()));
    h.add(new HeaderField(HeaderNames.CALL_ID, callId));
    h.add(new HeaderField(HeaderNames.CSEQ, "1 INVITE"));
    h.add(new HeaderField(HeaderNames.CONTACT, "<" + contact + ">"));
    h.add(new HeaderField(HeaderNames.ALLOW, "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK"));
    h.add(new HeaderField(HeaderNames.SUPPORTED, "100rel")); // RFC 3262 §4: "SHOULD include this in all INVITE requests"
    if (provisionals != null) {
      h.add(new HeaderField(HeaderNames.REQUIRE, "100rel"));
    }
    h.addAll(extra);
    SipRequest inv = SipRequest.create(SipRequest.INVITE, to, h, Bytes.EMPTY).withBody(MediaType.SDP, offer.encode());
    CompletableFuture<SipResponse> fin = new CompletableFuture<>();
    Call[] established = new Call[1];
    Early early = new Early(inv, provisionals);
    stack.send(inv, config.proxy(), new SipStack.ResponseListener() {
      @Override
      public void onResponse(ClientTransaction tx, SipResponse r, boolean retransmission) {
        if (r.status() < 200) {
          if (!retransmission && r.status() > 100 && r.hasOptionTag(HeaderNames.REQUIRE, "100rel") && r.rseq().isPresent()) {
            early.reliable(r); // once per RSeq, in order: the transaction layer filtered (RFC 3262 §4)
          }
          return;
        }
        if (r.isSuccess()) {
          synchronized (established) {
            Call c = established[0];
            if (c == null) {
              try {
                c = new Call(early.confirmed(Dialog.asUac(inv, r)), inv.cseq().number(), r);
              } catch (IllegalArgumentException e) {
                fin.complete(r);
                return;
              }
              established[0] = c;
              calls.put(callId, c);
            }
            if (c.dialog.remoteTag().equals(r.to().tag().orElse(""))) {
              c.sendAck(); // and again for each retransmitted 2xx
            } else {
              killFork(inv, r); // a second dialog (forking): ACK and BYE it
            }
          }
        }
        fin.complete(r);
      }

      @Override
      public void onTimeout(ClientTransaction tx) {
        fin.complete(SipResponse.to(inv, 408, "Request Timeout (no final response)", null));
      }
    });
    SipResponse r;
    try {
      r = fin.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      stack.send(SipRequests.cancel(inv), config.proxy(), NOTHING);
      r = get(fin, config.timers().timeout(), "INVITE (cancelled)");
    } catch (ExecutionException e) {
      throw new SipException(0, "INVITE: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SipException(0, "INVITE: interrupted");
    }
    early.awaitPracks(config.timers().timeout().plusSeconds(2));
    Call c;
    synchronized (established) {
      c = r.isSuccess() ? established[0] : null;
    }
    return new CallResult(r, sdpOf(r), Optional.ofNullable(c));
  }

  private static Optional<SessionDescription> sdpOf(org.ddsec.protocol.sip.SipMessage m) {
    if (!m.body().isEmpty() && m.contentType().map(t -> t.is(MediaType.SDP)).orElse(false)) {
      try {
        return Optional.of(SessionDescription.parse(m.body()));
      } catch (SipParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * The early dialog of one INVITE (RFC 3262 §4: "the provisional response MUST establish a dialog
   * if one is not yet created"): the PRACKs sent in it advance its CSeq, which the confirmed dialog
   * carries on. The PRACKs' final responses are awaited before {@code invite} returns.
   */
  private final class Early {
    private final SipRequest invite;
    private final ReliableProvisionals handler;
    private Dialog dialog;
    private int outstanding;

    Early(SipRequest invite, ReliableProvisionals handler) {
      this.invite = invite;
      this.handler = handler;
    }

    /** A reliable provisional: PRACK it on a worker (the handler may take a while: it runs key management). */
    void reliable(SipResponse r) {
      synchronized (this) {
        outstanding++;
      }
      workers.execute(() -> {
        boolean sent = false;
        try {
          sent = prack(r);
        } catch (RuntimeException e) {
          LOG.warn("{}: PRACK for {} {} not sent: {}", config.name(), r.status(), r.callId(), e.toString());
        } finally {
          if (!sent) {
            done();
          }
        }
      });
    }

    private boolean prack(SipResponse r) {
      Prack what = handler == null ? Prack.empty() : handler.onReliableProvisional(r, sdpOf(r));
      SipRequest prack;
      synchronized (this) {
        Dialog d = dialog != null && dialog.remoteTag().equals(r.to().tag().orElse("")) ? dialog : Dialog.asUac(invite, r);
        Dialog.Next n = d.nextRequest(SipRequest.PRACK, stack.newVia(local), null);
        dialog = n.dialog();
        prack = n.request().withHeader(HeaderNames.RACK, RAck.of(r).toString());
      }
      if (what.offer().isPresent()) {
        prack = prack.withBody(MediaType.SDP, what.offer().get().encode());
      }
      stack.send(prack, config.proxy(), new SipStack.ResponseListener() {
        @Override
        public void onResponse(ClientTransaction tx, SipResponse response, boolean retransmission) {
          if (response.status() < 200) {
            return;
          }
          workers.execute(() -> {
            try {
              if (handler != null) {
                handler.onPrackAnswered(response, sdpOf(response));
              }
            } finally {
              done();
            }
          });
        }

        @Override
        public void onTimeout(ClientTransaction tx) {
          workers.execute(() -> {
            try {
              if (handler != null) {
                handler.onPrackAnswered(SipResponse.to(tx.request(), 408, "Request Timeout (no answer to the PRACK)", null), Optional.empty());
              }
            } finally {
              done();
            }
          });
        }
      });
      if (what.abandon()) {
        stack.send(SipRequests.cancel(invite), config.proxy(), NOTHING);
      }
      return true;
    }

    private synchronized void done() {
      outstanding--;
      notifyAll();
    }

    /** The dialog a 2xx confirms, with the CSeq of the PRACKs sent in its early dialog (RFC 3261 §12.2.1.1). */
    synchronized Dialog confirmed(Dialog fromTheTwoHundred) {
      return dialog != null && dialog.remoteTag().equals(fromTheTwoHundred.remoteTag())
          ? fromTheTwoHundred.withLocalSeq(Math.max(dialog.localSeq(), fromTheTwoHundred.localSeq())) : fromTheTwoHundred;
    }

    synchronized void awaitPracks(Duration limit) {
      long end = System.nanoTime() + limit.toNanos();
      while (outstanding > 0) {
        long left = (end - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        try {
          wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void killFork(SipRequest inv, SipResponse r) {
    try {
      Dialog d = Dialog.asUac(inv, r);
      stack.sendStateless(d.ack(inv.cseq().number(), stack.newVia(local)), config.proxy());
      stack.send(d.nextRequest(SipRequest.BYE, stack.newVia(local), null).request(), config.proxy(), NOTHING);
    } catch (IllegalArgumentException e) {
      // nothing to hang up
    }
  }

  private static final SipStack.ResponseListener NOTHING = new SipStack.ResponseListener() {
    @Override
    public void onResponse(ClientTransaction tx, SipResponse response, boolean retransmission) {}

    @Override
    public void onTimeout(ClientTransaction tx) {}
  };

  /** An established INVITE dialog (placed or received). */
  public final class Call {
    private Dialog dialog;
    private final long inviteSeq;
    private final SipResponse answerResponse;
    private SipRequest ack;
    private volatile boolean ended;
    private final CompletableFuture<Void> endedByPeer = new CompletableFuture<>();

    Call(Dialog dialog, long inviteSeq, SipResponse answerResponse) {
      this.dialog = dialog;
      this.inviteSeq = inviteSeq;
      this.answerResponse = answerResponse;
    }

    public String callId() {
      return dialog.callId();
    }

    /** The 2xx that established the call (for a placed call) or null (for a received one). */
    public SipResponse answerResponse() {
      return answerResponse;
    }

    public synchronized Dialog dialog() {
      return dialog;
    }

    /** Whether BYE was sent or received. */
    public boolean ended() {
      return ended;
    }

    /** Completes when the peer hangs up (its BYE). */
    public CompletableFuture<Void> endedByPeer() {
      return endedByPeer;
    }

    synchronized void sendAck() {
      if (ack == null) {
        ack = dialog.ack(inviteSeq, stack.newVia(local));
      }
      stack.sendStateless(ack, config.proxy());
    }

    /**
     * Hangs up (RFC 3261 §15.1.1) and waits for the response; returns its status. A call ended
     * already returns 0 at once.
     */
    public int bye() throws SipException {
      SipRequest bye;
      synchronized (this) {
        if (ended) {
          return 0;
        }
        ended = true;
        Dialog.Next n = dialog.nextRequest(SipRequest.BYE, stack.newVia(local), null);
        dialog = n.dialog();
        bye = n.request();
      }
      calls.remove(callId(), this);
      return await(bye, config.timers().timeout().plusSeconds(2)).status();
    }

    void peerEnded() {
      ended = true;
      calls.remove(callId(), this);
      endedByPeer.complete(null);
    }
  }

  // ------------------------------------------------------------------ UAS side

  private final class Uas implements SipStack.Handler {
    @Override
    public void onRequest(SipStack s, ServerTransaction tx) {
      SipRequest r = tx.request();
      if (r.isMethod(SipRequest.BYE)) {
        Call c = calls.get(r.callId());
        if (c == null || !c.dialog().matches(r)) {
          s.respond(tx, SipResponse.to(r, 481));
          return;
        }
        s.respond(tx, SipResponse.to(r, 200));
        c.peerEnded();
        IncomingCallHandler h = incoming;
        if (h != null) {
          workers.execute(() -> h.onEnded(r.callId()));
        }
        return;
      }
      if (r.isMethod(SipRequest.OPTIONS)) {
        s.respond(tx, SipResponse.to(r, 200, null, s.newTag()));
        return;
      }
      if (!r.isMethod(SipRequest.INVITE)) {
        s.respond(tx, SipResponse.to(r, 405, null, s.newTag()).withHeader(HeaderNames.ALLOW, "INVITE, ACK, BYE, CANCEL, OPTIONS"));
        return;
      }
      if (r.to().tag().isPresent()) {
        s.respond(tx, SipResponse.to(r, calls.containsKey(r.callId()) ? 488 : 481));
        return;
      }
      IncomingCallHandler h = incoming;
      if (h == null) {
        s.respond(tx, SipResponse.to(r, 480, null, s.newTag()));
        return;
      }
      workers.execute(() -> answerIncoming(tx, r, h));
    }

    @Override
    public void onCancel(SipStack s, ServerTransaction invite, SipRequest cancel) {
      s.respond(invite, SipResponse.to(invite.request(), 487, null, s.newTag()));
      IncomingCallHandler h = incoming;
      if (h != null) {
        workers.execute(() -> h.onEnded(invite.request().callId()));
      }
    }
  }

  private void answerIncoming(ServerTransaction tx, SipRequest r, IncomingCallHandler h) {
    Optional<SessionDescription> offer = Optional.empty();
    if (r.contentType().map(t -> t.is(MediaType.SDP)).orElse(false)) {
      try {
        offer = Optional.of(SessionDescription.parse(r.body()));
      } catch (SipParseException e) {
        stack.respond(tx, SipResponse.to(r, 400, "Bad Request (" + e.field() + ")", stack.newTag()));
        return;
      }
    }
    Optional<String> pai = r.assertedIdentities().stream().filter(a -> a.uri() instanceof SipUri).map(a -> ((SipUri) a.uri()).aor()).findFirst();
    String from = r.from().uri() instanceof SipUri f ? f.aor() : r.from().uri().toString();
    Answer a;
    try {
      a = h.onIncomingCall(new IncomingCall(r.callId(), from, pai, offer, r));
    } catch (RuntimeException e) {
      a = new Answer.Reject(500, "Server Internal Error");
    }
    String tag = stack.newTag();
    if (a instanceof Answer.Reject rej) {
      stack.respond(tx, SipResponse.to(r, rej.status(), rej.reason(), tag));
      return;
    }
    SessionDescription sdp = ((Answer.Accept) a).sdp();
    SipResponse ok = SipResponse.to(r, 200, null, tag).withHeader(HeaderNames.CONTACT, "<" + contact + ">");
    for (NameAddress rr : r.recordRoutes()) {
      ok = ok.withHeaderAdded(HeaderNames.RECORD_ROUTE, rr.toString());
    }
    ok = ok.withBody(MediaType.SDP, sdp.encode());
    try {
      Call c = new Call(Dialog.asUas(r, tag, 1), r.cseq().number(), null);
      calls.put(r.callId(), c);
    } catch (IllegalArgumentException e) {
      stack.respond(tx, SipResponse.to(r, 400, "Bad Request (" + e.getMessage() + ")", tag));
      return;
    }
    stack.respond(tx, ok);
  }

  /** The call with {@code callId}, placed or received, while it lasts. */
  public Optional<Call> call(String callId) {
    return Optional.ofNullable(calls.get(callId));
  }

  private static String bracket(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  @Override
  public void close() {
    stack.close();
    workers.shutdownNow();
  }
}
