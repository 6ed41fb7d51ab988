package org.ddsec.server.ims;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ddsec.protocol.sip.HeaderNames;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.NameAddress;
import org.ddsec.protocol.sip.Parameters;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipRequests;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.Transport;
import org.ddsec.protocol.sip.Uri;
import org.ddsec.protocol.sip.Via;
import org.ddsec.protocol.sip.dialog.Dialog;
import org.ddsec.protocol.sip.transaction.ClientTransaction;
import org.ddsec.protocol.sip.transaction.ServerTransaction;
import org.ddsec.server.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction-stateful proxy of the IMS core (RFC 3261 §16) with its registrar, location
 * service and call forwarding to the mailbox:
 *
 * <ul>
 *   <li>§16.3 checks (URI scheme 416, Max-Forwards 483, Proxy-Require 420); §16.4 loose-route
 *       preprocessing (its own Route values are removed);
 *   <li>REGISTER for the home domain goes to the {@link Registrar};
 *   <li>an INVITE for a registered user goes to the binding's contact over the registered flow,
 *       with History-Info (RFC 7044) and a no-answer timer; a user who is not registered, or who
 *       sends no final response within the timer (or cannot be reached), gets the INVITE at their
 *       mailbox — Request-URI with RFC 4458 {@code target} and {@code cause} (480 / 408), a
 *       History-Info entry {@code mp}-mapped to the original target, the callee branch cancelled;
 *   <li>P-Asserted-Identity (RFC 3325 §5): whatever a UE sent is removed; the caller's AOR is
 *       asserted when the request comes over the flow that registered it;
 *   <li>Record-Route on dialog-creating INVITEs (double when the two sides use different
 *       transports, RFC 5658), so ACK, BYE and re-INVITEs traverse the core; the ACK for a 2xx is
 *       forwarded statelessly (§16.11), everything else statefully;
 *   <li>CANCEL (§16.10) cancels the pending branch.
 * </ul>
 */
final class Proxy implements SipStack.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);

  private final ImsCoreConfig config;
  private final Registrar registrar;
  private final ScheduledExecutorService scheduler;
  private final Map<ServerTransaction, Call> calls = new ConcurrentHashMap<>();
  private volatile SipStack stack;

  Proxy(ImsCoreConfig config, Registrar registrar, ScheduledExecutorService scheduler) {
    this.config = config;
    this.registrar = registrar;
    this.scheduler = scheduler;
  }

  void attach(SipStack s) {
    this.stack = s;
  }

  /** One proxied request and its branches (sequential: the callee, then possibly the mailbox). */
  private static final class Call {
    final ServerTransaction server;
    final SipRequest base; // as received, own Routes removed, identity headers set, Max-Forwards not yet decremented
    final List<NameAddress> history = new ArrayList<>();
    String parentIndex;
    int nextChild = 1;
    String targetAor;
    Branch active;
    boolean finalSent;
    boolean cancelledByCaller;
    ScheduledFuture<?> noAnswer;

    Call(ServerTransaction server, SipRequest base) {
      this.server = server;
      this.base = base;
    }
  }

  private static final class Branch {
    final SipRequest request;
    final Hop hop;
    final boolean mailbox;
    final int historyPosition;
    ClientTransaction tx;
    boolean provisional;
    boolean cancelPending;
    boolean cancelSent;
    boolean abandoned;

    Branch(SipRequest request, Hop hop, boolean mailbox, int historyPosition) {
      this.request = request;
      this.hop = hop;
      this.mailbox = mailbox;
      this.historyPosition = historyPosition;
    }
  }

  // ------------------------------------------------------------------ requests

  @Override
  public void onRequest(SipStack s, ServerTransaction tx) {
    SipRequest r = tx.request();
    if (!(r.requestUri() instanceof SipUri)) {
      s.respond(tx, SipResponse.to(r, 416, null, s.newTag()));
      return;
    }
    SipRequest fwd = r;
    while (!fwd.routes().isEmpty() && isOurs(fwd.routes().get(0).uri())) {
      fwd = fwd.withoutFirst(HeaderNames.ROUTE); // RFC 3261 §16.4
    }
    SipUri ruri = (SipUri) fwd.requestUri();
    boolean forUs = fwd.routes().isEmpty() && (isOurs(ruri) || ruri.user() == null && ruri.host().equalsIgnoreCase(config.domain()));
    if (r.isMethod(SipRequest.REGISTER) && forUs) {
      s.respond(tx, registrar.register(r, tx.hop(), s.newTag()));
      return;
    }
    if (forUs && ruri.user() == null) {
      int st = r.isMethod(SipRequest.OPTIONS) ? 200 : 404;
      s.respond(tx, SipResponse.to(r, st, null, s.newTag()).withHeader(HeaderNames.ALLOW, "INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER"));
      return;
    }
    if (r.maxForwards() == 0) {
      s.respond(tx, SipResponse.to(r, 483, null, s.newTag())); // §16.3 step 3; RFC 4475 §3.3.11
      return;
    }
    List<String> proxyRequire = r.headers(HeaderNames.PROXY_REQUIRE);
    if (!proxyRequire.isEmpty()) {
      s.respond(tx, SipResponse.to(r, 420, null, s.newTag()).withHeader(HeaderNames.UNSUPPORTED, String.join(", ", proxyRequire)));
      return;
    }
    fwd = assertIdentity(fwd, tx.hop());
    Call call = new Call(tx, fwd);
    boolean inDialog = r.to().tag().isPresent();
    if (!fwd.routes().isEmpty()) {
      Optional<Hop> hop = hopFor(fwd.routes().get(0).uri());
      if (hop.isEmpty()) {
        s.respond(tx, SipResponse.to(r, 416, "Unsupported URI Scheme (Route)", s.newTag()));
        return;
      }
      forward(call, fwd, hop.get(), false, -1);
      return;
    }
    if (!inDialog && ruri.host().equalsIgnoreCase(config.domain())) {
      route(call, ruri);
      return;
    }
    Optional<Hop> hop = hopFor(ruri);
    if (hop.isEmpty() || isOwnHop(hop.get())) {
      s.respond(tx, SipResponse.to(r, hop.isEmpty() ? 416 : 482, null, s.newTag()));
      return;
    }
    forward(call, fwd, hop.get(), false, -1);
  }

  /** Location service and call forwarding for a request to an AOR of the home domain (RFC 3261 §16.5). */
  private void route(Call call, SipUri ruri) {
    SipRequest r = call.base;
    String aor = ruri.aor();
    call.targetAor = aor;
    Optional<Binding> b = registrar.lookup(aor);
    boolean invite = r.isMethod(SipRequest.INVITE);
    if (invite) {
      startHistory(call);
    }
    if (b.isPresent()) {
      SipUri contact = b.get().contact();
      Hop hop = b.get().flow().transport() == Transport.TLS && !stack.tlsConnected(b.get().flow()) ? Hop.of(contact) : b.get().flow();
      SipRequest out = r.withRequestUri(contact);
      int pos = -1;
      if (invite) {
        String idx = call.parentIndex + "." + call.nextChild++;
        call.history.add(new NameAddress(contact).withParam("index", idx).withParam("rc", call.parentIndex));
        pos = call.history.size() - 1;
        out = withHistory(out, call.history);
      }
      synchronized (call) {
        forward(call, out, hop, false, pos);
        if (invite) {
          call.noAnswer = scheduler.schedule(() -> noAnswer(call), config.noAnswerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
      }
      return;
    }
    if (invite && config.mailboxFor(aor).isPresent()) {
      // not registered: RFC 4458 cause 480 ("deflection immediate response"); Reason on the original entry (RFC 7044 §10.2)
      int last = call.history.size() - 1;
      call.history.set(last, withReason(call.history.get(last), 480));
      synchronized (call) {
        toMailbox(call, 480);
      }
      return;
    }
    stack.respond(call.server, SipResponse.to(r, 480, "Temporarily Unavailable (not registered)", stack.newTag()));
  }

  private void startHistory(Call call) {
    SipRequest r = call.base;
    call.history.addAll(r.historyInfo());
    NameAddress last = call.history.isEmpty() ? null : call.history.get(call.history.size() - 1);
    if (last == null) {
      call.parentIndex = "1"; // RFC 7044 §9.1, §10.3: the first entry, on behalf of the previous hop
      call.history.add(new NameAddress(stripHeaders(r.requestUri())).withParam("index", "1"));
    } else if (!sameUri(last.uri(), r.requestUri())) {
      call.parentIndex = last.params().get("index").orElse("1") + ".0"; // §10.3 rule 6: a gap
      call.history.add(new NameAddress(stripHeaders(r.requestUri())).withParam("index", call.parentIndex));
    } else {
      call.parentIndex = last.params().get("index").orElse("1");
    }
  }

  /** Retargets {@code call} to the callee's mailbox with RFC 4458 {@code target} and {@code cause}. Caller holds the lock. */
  private void toMailbox(Call call, int cause) {
    SipUri mailbox = config.mailboxFor(call.targetAor).orElseThrow();
    SipUri target = mailbox.withParam("target", call.targetAor).withParam("cause", Integer.toString(cause));
    String idx = call.parentIndex + "." + call.nextChild++;
    call.history.add(new NameAddress(target).withParam("index", idx).withParam("mp", call.parentIndex));
    SipRequest out = withHistory(call.base.withRequestUri(target), call.history);
    Optional<Hop> hop = hopFor(mailbox);
    if (hop.isEmpty()) {
      finalUpstream(call, SipResponse.to(call.base, 500, "Server Internal Error (mailbox URI unusable)", stack.newTag()));
      return;
    }
    LOG.debug("forwarding {} for {} to mailbox {} (cause {})", call.base.callId(), call.targetAor, mailbox, cause);
    forward(call, out, hop.get(), true, call.history.size() - 1);
  }

  private void noAnswer(Call call) {
    synchronized (call) {
      Branch b = call.active;
      if (call.finalSent || call.cancelledByCaller || b == null || b.mailbox || b.abandoned) {
        return;
      }
      abandon(b);
      call.history.set(b.historyPosition, withReason(call.history.get(b.historyPosition), 408)); // RFC 7044 §10.2: no answer = 408
      toMailbox(call, 408);
    }
  }

  /** Cancels a branch the call no longer wants (RFC 3261 §16.10; CANCEL only after a provisional, §9.1). Caller holds the lock. */
  private void abandon(Branch b) {
    b.abandoned = true;
    cancel(b);
  }

  private void cancel(Branch b) {
    if (b.cancelSent || b.tx == null) {
      return;
    }
    if (!b.provisional) {
      b.cancelPending = true;
      return;
    }
    b.cancelSent = true;
    stack.send(SipRequests.cancel(b.request), b.hop, IGNORE);
  }

  private static final SipStack.ResponseListener IGNORE = new SipStack.ResponseListener() {
    @Override
    public void onResponse(ClientTransaction tx, SipResponse response, boolean retransmission) {}

    @Override
    public void onTimeout(ClientTransaction tx) {}
  };

  /** Forwards {@code out} to {@code hop} in a new client transaction (RFC 3261 §16.6). */
  private void forward(Call call, SipRequest out, Hop hop, boolean mailbox, int historyPosition) {
    SipRequest r = out;
    int mf = r.maxForwards();
    r = r.withHeader(HeaderNames.MAX_FORWARDS, Integer.toString(mf < 0 ? 70 : mf - 1));
    if (r.isMethod(SipRequest.INVITE) && r.to().tag().isEmpty()) {
      Transport in = call.server.hop().transport();
      Transport outT = hop.transport();
      r = r.withHeaderFirst(HeaderNames.RECORD_ROUTE, recordRoute(in));
      if (in != outT) {
        r = r.withHeaderFirst(HeaderNames.RECORD_ROUTE, recordRoute(outT)); // RFC 5658 double Record-Route
      }
    }
    Via via = stack.newVia(localHop(hop.transport()));
    r = r.withHeaderFirst(HeaderNames.VIA, via.toString());
    Branch b = new Branch(r, hop, mailbox, historyPosition);
    synchronized (call) {
      call.active = b;
      if (!call.server.request().isMethod(SipRequest.ACK)) {
        calls.put(call.server, call);
      }
      b.tx = stack.send(r, hop, new BranchListener(call, b));
    }
  }

  private final class BranchListener implements SipStack.ResponseListener {
    private final Call call;
    private final Branch b;

    BranchListener(Call call, Branch b) {
      this.call = call;
      this.b = b;
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse response, boolean retransmission) {
      SipResponse up = response.withoutFirst(HeaderNames.VIA); // RFC 3261 §16.7 step 3
      synchronized (call) {
        int st = response.status();
        if (st < 200) {
          b.provisional = true;
          if (b.cancelPending) {
            b.cancelPending = false;
            cancel(b);
          }
          if (st > 100 && !b.abandoned && !call.finalSent) {
            stack.respond(call.server, up); // 100 is hop-by-hop (§16.7 step 5)
          }
          return;
        }
        if (b.abandoned) {
          if (st < 300) {
            hangUp(b, response); // the callee answered after we went to the mailbox
          }
          return; // the 487 for our CANCEL, or a late error
        }
        cancelTimer(call);
        if (st < 300) {
          call.finalSent = true;
          stack.respond(call.server, up); // every 2xx, retransmissions too (RFC 6026 §8.5)
          calls.remove(call.server);
          return;
        }
        finalUpstream(call, up);
      }
    }

    @Override
    public void onTimeout(ClientTransaction tx) {
      synchronized (call) {
        if (b.abandoned || call.finalSent) {
          return;
        }
        cancelTimer(call);
        if (tx.isInvite() && !b.mailbox && !call.cancelledByCaller && call.targetAor != null && config.mailboxFor(call.targetAor).isPresent()
            && b.historyPosition >= 0) {
          b.abandoned = true;
          call.history.set(b.historyPosition, withReason(call.history.get(b.historyPosition), 408)); // unreachable counts as no answer
          toMailbox(call, 408);
          return;
        }
        finalUpstream(call, SipResponse.to(call.server.request(), 408, null, stack.newTag()));
      }
    }
  }

  private void finalUpstream(Call call, SipResponse r) {
    call.finalSent = true;
    stack.respond(call.server, r);
    calls.remove(call.server);
  }

  private static void cancelTimer(Call call) {
    if (call.noAnswer != null) {
      call.noAnswer.cancel(false);
      call.noAnswer = null;
    }
  }

  /** ACKs and BYEs a 2xx that came from a branch the proxy had cancelled (a callee answering too late). */
  private void hangUp(Branch b, SipResponse ok) {
    try {
      Dialog d = Dialog.asUac(b.request, ok);
      SipRequest ack = d.ack(b.request.cseq().number(), stack.newVia(localHop(b.hop.transport())));
      stack.sendStateless(ack, b.hop);
      SipRequest bye = d.nextRequest(SipRequest.BYE, stack.newVia(localHop(b.hop.transport())), null).request();
      stack.send(bye, b.hop, IGNORE);
    } catch (IllegalArgumentException e) {
      LOG.debug("late 2xx without dialog information: {}", e.getMessage());
    }
  }

  // ------------------------------------------------------------------ ACK, CANCEL

  @Override
  public void onAck(SipStack s, SipRequest ack, Hop from, ServerTransaction invite) {
    SipRequest fwd = ack;
    while (!fwd.routes().isEmpty() && isOurs(fwd.routes().get(0).uri())) {
      fwd = fwd.withoutFirst(HeaderNames.ROUTE);
    }
    Optional<Hop> hop = fwd.routes().isEmpty() ? hopFor(fwd.requestUri()) : hopFor(fwd.routes().get(0).uri());
    if (hop.isEmpty() || isOwnHop(hop.get()) || fwd.maxForwards() == 0) {
      return; // an ACK is never answered
    }
    fwd = assertIdentity(fwd, from);
    int mf = fwd.maxForwards();
    fwd = fwd.withHeader(HeaderNames.MAX_FORWARDS, Integer.toString(mf < 0 ? 70 : mf - 1));
    // §16.11: a stateless forward gets a branch computed from the incoming one, so retransmissions get the same
    Via via = Via.of(hop.get().transport(), localHop(hop.get().transport()).host(), localHop(hop.get().transport()).port(),
        statelessBranch(ack.topVia().branch().orElse(ack.callId() + ack.cseq())));
    s.sendStateless(fwd.withHeaderFirst(HeaderNames.VIA, via.toString()), hop.get());
  }

  @Override
  public void onCancel(SipStack s, ServerTransaction invite, SipRequest cancel) {
    Call call = calls.get(invite);
    if (call == null) {
      return;
    }
    synchronized (call) {
      call.cancelledByCaller = true;
      cancelTimer(call);
      if (call.active != null && !call.finalSent) {
        cancel(call.active);
      }
    }
  }

  @Override
  public void onStrayResponse(SipStack s, SipResponse response, Hop from) {
    LOG.debug("stray response {} {} from {} dropped", response.status(), response.callId(), from);
  }

  // ------------------------------------------------------------------ helpers

  /** RFC 3325 §5: remove P-Asserted/-Preferred-Identity from a UE; assert the caller's AOR if it registered over this flow. */
  private SipRequest assertIdentity(SipRequest r, Hop flow) {
    SipRequest out = r.withoutHeader(HeaderNames.P_ASSERTED_IDENTITY).withoutHeader(HeaderNames.P_PREFERRED_IDENTITY);
    if (r.from().uri() instanceof SipUri f && registrar.registeredOver(f.aor(), flow)) {
      out = out.withHeader(HeaderNames.P_ASSERTED_IDENTITY, new NameAddress(r.from().displayName(), f.aorUri(), Parameters.NONE).toString());
    }
    return out;
  }

  private static SipRequest withHistory(SipRequest r, List<NameAddress> history) {
    SipRequest out = r.withoutHeader(HeaderNames.HISTORY_INFO);
    for (NameAddress h : history) {
      out = out.withHeaderAdded(HeaderNames.HISTORY_INFO, h.toString());
    }
    return out;
  }

  /** The entry with {@code Reason: SIP;cause=<status>} in its URI's headers (RFC 7044 §10.2). */
  private static NameAddress withReason(NameAddress entry, int status) {
    if (!(entry.uri() instanceof SipUri u)) {
      return entry;
    }
    return new NameAddress(entry.displayName(), u.withHeaders(u.headers().with("Reason", "SIP;cause=" + status)), entry.params());
  }

  private static Uri stripHeaders(Uri u) {
    return u instanceof SipUri s ? s.withoutHeaders() : u;
  }

  private static boolean sameUri(Uri a, Uri b) {
    return stripHeaders(a).toString().equalsIgnoreCase(stripHeaders(b).toString());
  }

  private String recordRoute(Transport t) {
    Hop h = localHop(t);
    return "<" + new SipUri(false, null, null, bracket(h.host()), h.port(), Parameters.NONE.with("transport", t.name().toLowerCase(Locale.ROOT))
        .with("lr", null), Parameters.NONE) + ">";
  }

  private static String bracket(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }

  private Hop localHop(Transport t) {
    Optional<Hop> h = stack.localHop(t);
    if (h.isPresent()) {
      return h.get();
    }
    Hop udp = stack.localHop(Transport.UDP).orElseThrow();
    return new Hop(t, udp.host(), Hop.defaultPort(t));
  }

  /** Whether {@code u} names this proxy: one of its listening host:port pairs (or the domain without user). */
  private boolean isOurs(Uri u) {
    if (!(u instanceof SipUri s)) {
      return false;
    }
    for (Transport t : Transport.values()) {
      Optional<Hop> h = stack.localHop(t);
      if (h.isPresent()) {
        String host = s.host().startsWith("[") ? s.host().substring(1, s.host().length() - 1) : s.host();
        if (host.equalsIgnoreCase(h.get().host()) && (s.port() == h.get().port() || s.port() < 0 && h.get().port() == Hop.defaultPort(t))) {
          return true;
        }
      }
    }
    return s.user() == null && s.host().equalsIgnoreCase(config.domain());
  }

  private boolean isOwnHop(Hop h) {
    for (Transport t : Transport.values()) {
      Optional<Hop> own = stack.localHop(t);
      if (own.isPresent() && own.get().host().equalsIgnoreCase(h.host()) && own.get().port() == h.port()) {
        return true;
      }
    }
    return false;
  }

  /** Where a request for {@code u} goes: the registered flow of a contact, else the URI's host and port (RFC 3263 without DNS). */
  private Optional<Hop> hopFor(Uri u) {
    if (!(u instanceof SipUri s)) {
      return Optional.empty();
    }
    Optional<Binding> b = registrar.byContact(s);
    if (b.isPresent() && (b.get().flow().transport() != Transport.TLS || stack.tlsConnected(b.get().flow()))) {
      return Optional.of(b.get().flow());
    }
    try {
      return Optional.of(Hop.of(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String statelessBranch(String incoming) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(("ddsec-ack|" + incoming).getBytes(StandardCharsets.UTF_8));
      return Via.MAGIC_COOKIE + HexFormat.of().formatHex(h, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is always available", e);
    }
  }
}
