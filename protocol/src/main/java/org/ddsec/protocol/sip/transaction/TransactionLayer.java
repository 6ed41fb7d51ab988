package org.ddsec.protocol.sip.transaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.RAck;
import org.ddsec.protocol.sip.SipMessage;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipRequests;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.Via;

/**
 * The RFC 3261 §17 transaction layer as a sans-I/O state machine: INVITE and non-INVITE client
 * and server transactions (Figures 5–8), with the RFC 6026 "Accepted" state for INVITE after a
 * 2xx, matching by branch (§17.1.3, §17.2.3; RFC 2543 requests by Call-ID, CSeq, From tag and
 * Via), retransmission over unreliable transports and timers A–M on an injected {@link Clock}.
 * Every call returns the {@link Effect}s to carry out, in order; timers fire only when the
 * runtime calls {@link #tick()} (at {@link #nextDeadline()}).
 *
 * <p>As a {@link Role#USER_AGENT} the layer also runs the UAS core's 2xx retransmission until the
 * ACK (RFC 3261 §13.3.1.4) and reports a missing ACK; a {@link Role#PROXY} forwards 2xx and ACKs
 * end to end instead. A user agent also gets RFC 3262 (100rel): {@link #respondReliably} sends a
 * reliable provisional response and retransmits it (T1 doubling, no cap) until a matching PRACK
 * ({@link Effect.PrackArrived}) or 64·T1 ({@link Effect.PrackTimedOut}); PRACKs that match
 * nothing are answered 481; a 2xx waits until a provisional with a body was PRACKed; on the client
 * side reliable provisionals reach the TU once each and in RSeq order (§4). A proxy forwards
 * PRACKs and reliable provisionals like any other message. Server INVITE transactions answer 100 Trying at once (§17.2.1). When more
 * than {@code maxTransactions} are open, new requests get 503 statelessly.
 *
 * <p>Not thread-safe: the runtime serialises calls.
 */
public final class TransactionLayer {

  /** Whether the layer sits under a user agent or under a proxy. */
  public enum Role {
    USER_AGENT,
    PROXY
  }

  private final Clock clock;
  private final TimerSettings t;
  private final Role role;
  private final int maxTransactions;
  private final Map<String, ClientTransaction> clients = new HashMap<>();
  private final Map<String, ServerTransaction> servers = new HashMap<>();
  private final Map<String, ServerTransaction> accepted = new HashMap<>();
  private final Map<String, ServerTransaction> awaitingPrack = new HashMap<>();
  private final PriorityQueue<Queued> queue = new PriorityQueue<>((a, b) -> a.deadline.compareTo(b.deadline));
  private long seq;

  private record Queued(Instant deadline, Transaction tx, TimerName name, long seq) {}

  public TransactionLayer(Clock clock, TimerSettings timers, Role role, int maxTransactions) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.t = Objects.requireNonNull(timers, "timers");
    this.role = Objects.requireNonNull(role, "role");
    if (maxTransactions < 1) {
      throw new IllegalArgumentException("maxTransactions: " + maxTransactions + " (expected: at least 1)");
    }
    this.maxTransactions = maxTransactions;
  }

  public TransactionLayer(Clock clock, TimerSettings timers, Role role) {
    this(clock, timers, role, 20_000);
  }

  /** Open transactions (client and server). */
  public int size() {
    return clients.size() + servers.size();
  }

  /** When {@link #tick()} should next be called, if any timer runs. */
  public Optional<Instant> nextDeadline() {
    while (!queue.isEmpty() && stale(queue.peek())) {
      queue.poll();
    }
    return queue.isEmpty() ? Optional.empty() : Optional.of(queue.peek().deadline);
  }

  // ---------------------------------------------------------------- client side

  /**
   * Starts a client transaction for {@code request} towards {@code to} and sends it (RFC 3261
   * §17.1.1.2, §17.1.2.2). The request's top Via must carry an RFC 3261 branch unique to it.
   *
   * @throws IllegalArgumentException for an ACK (never a transaction) or a branch without the cookie
   * @throws IllegalStateException if a transaction with that branch and method is open
   */
  public Started send(SipRequest request, Hop to) {
    if (request.isMethod(SipRequest.ACK)) {
      throw new IllegalArgumentException("ACK is sent without a transaction (RFC 3261 §17.1.1.3)");
    }
    if (!request.topVia().hasRfc3261Branch()) {
      throw new IllegalArgumentException("top Via branch: " + request.topVia().branch().orElse("none") + " (expected: z9hG4bK…)");
    }
    String key = clientKey(request.topVia().branch().get(), request.method());
    if (clients.containsKey(key)) {
      throw new IllegalStateException("client transaction " + key + " is already open");
    }
    ClientTransaction tx = new ClientTransaction(key, request, to);
    clients.put(key, tx);
    List<Effect> out = new ArrayList<>(2);
    out.add(new Effect.Transmit(request, to));
    if (tx.isInvite()) {
      if (!tx.reliable()) {
        arm(tx, TimerName.A, t.t1());
      }
      arm(tx, TimerName.B, t.timeout());
    } else {
      if (!tx.reliable()) {
        arm(tx, TimerName.E, t.t1());
      }
      arm(tx, TimerName.F, t.timeout());
    }
    return new Started(tx, out);
  }

  /** A started client transaction and the effects of starting it. */
  public record Started(ClientTransaction transaction, List<Effect> effects) {}

  /** The transport could not send for {@code tx}: it ends with a timeout (RFC 3261 §17.1.4). */
  public List<Effect> transportFailed(ClientTransaction tx) {
    List<Effect> out = new ArrayList<>(2);
    if (tx.state != TransactionState.TERMINATED && tx.state != TransactionState.COMPLETED && tx.state != TransactionState.ACCEPTED) {
      out.add(new Effect.ClientTimedOut(tx));
      terminate(tx, out);
    }
    return out;
  }

  private List<Effect> onResponse(SipResponse r, Hop from) {
    List<Effect> out = new ArrayList<>(2);
    Optional<String> branch = r.topVia().branch();
    ClientTransaction tx = branch.isEmpty() ? null : clients.get(clientKey(branch.get(), r.cseq().method()));
    if (tx == null) {
      out.add(new Effect.StrayResponse(r, from));
      return out;
    }
    int s = r.status();
    if (tx.isInvite()) {
      switch (tx.state) {
        case CALLING, PROCEEDING -> {
          if (s < 200) {
            Boolean fresh = role == Role.USER_AGENT ? reliableProvisional(tx, r) : Boolean.TRUE;
            if (fresh == null) {
              return out; // a broken or out-of-order reliable provisional: not processed (RFC 3262 §4)
            }
            if (tx.state == TransactionState.CALLING) {
              tx.state = TransactionState.PROCEEDING;
              disarm(tx, TimerName.A);
              disarm(tx, TimerName.B);
            }
            out.add(new Effect.ResponseArrived(tx, r, !fresh));
          } else if (s < 300) {
            tx.state = TransactionState.ACCEPTED;
            disarm(tx, TimerName.A);
            disarm(tx, TimerName.B);
            arm(tx, TimerName.M, t.timeout());
            out.add(new Effect.ResponseArrived(tx, r, false));
          } else {
            tx.state = TransactionState.COMPLETED;
            disarm(tx, TimerName.A);
            disarm(tx, TimerName.B);
            out.add(new Effect.Transmit(SipRequests.ackForNon2xx(tx.request, r), tx.hop));
            out.add(new Effect.ResponseArrived(tx, r, false));
            if (tx.reliable()) {
              terminate(tx, out);
            } else {
              arm(tx, TimerName.D, Duration.ofSeconds(32));
            }
          }
        }
        case ACCEPTED -> {
          if (s >= 200 && s < 300) {
            out.add(new Effect.ResponseArrived(tx, r, true));
          }
        }
        case COMPLETED -> {
          if (s >= 300) {
            out.add(new Effect.Transmit(SipRequests.ackForNon2xx(tx.request, r), tx.hop));
          }
        }
        default -> {
          // absorbed
        }
      }
    } else {
      switch (tx.state) {
        case TRYING, PROCEEDING -> {
          if (s < 200) {
            tx.state = TransactionState.PROCEEDING;
            out.add(new Effect.ResponseArrived(tx, r, false));
          } else {
            tx.state = TransactionState.COMPLETED;
            disarm(tx, TimerName.E);
            disarm(tx, TimerName.F);
            out.add(new Effect.ResponseArrived(tx, r, false));
            if (tx.reliable()) {
              terminate(tx, out);
            } else {
              arm(tx, TimerName.K, t.t4());
            }
          }
        }
        default -> {
          // Completed: retransmitted finals are absorbed
        }
      }
    }
    return out;
  }

  /**
   * RFC 3262 §4 at the UAC: whether a provisional response is new (TRUE), a retransmission of a
   * reliable one already received (FALSE: the TU is told, but must not PRACK again), or not to be
   * processed at all (null: a 1xx requiring 100rel without a valid RSeq or To tag, or one whose
   * RSeq is not exactly one above the last of its early dialog). Unreliable ones are always new.
   */
  private static Boolean reliableProvisional(ClientTransaction tx, SipResponse r) {
    if (r.status() == 100 || !r.hasOptionTag("Require", "100rel")) {
      return Boolean.TRUE;
    }
    if (r.rseq().isEmpty() || r.to().tag().isEmpty()) {
      return null;
    }
    long rseq = r.rseq().getAsLong();
    String tag = r.to().tag().get();
    Long last = tx.lastRSeq.get(tag);
    if (last == null || rseq == last + 1) {
      tx.lastRSeq.put(tag, rseq);
      return Boolean.TRUE;
    }
    return rseq <= last ? Boolean.FALSE : null;
  }

  // ---------------------------------------------------------------- server side

  /** A message from the network, parsed; {@code from} is where it came from (and where responses go). */
  public List<Effect> receive(SipMessage message, Hop from) {
    if (message instanceof SipResponse r) {
      return onResponse(r, from);
    }
    SipRequest req = (SipRequest) message;
    if (req.isMethod(SipRequest.ACK)) {
      return onAck(req, from);
    }
    if (req.isMethod(SipRequest.CANCEL)) {
      return onCancel(req, from);
    }
    List<Effect> out = new ArrayList<>(2);
    String key = serverKey(req, req.method());
    ServerTransaction tx = servers.get(key);
    if (tx != null) {
      retransmittedRequest(tx, out);
      return out;
    }
    if (size() >= maxTransactions) {
      out.add(new Effect.Transmit(SipResponse.to(req, 503, "Service Unavailable (overloaded)", null).withHeader("Retry-After", "5"), from));
      return out;
    }
    tx = new ServerTransaction(key, req, from);
    servers.put(key, tx);
    if (tx.isInvite()) {
      SipResponse trying = SipResponse.to(req, 100);
      tx.lastResponse = trying;
      out.add(new Effect.Transmit(trying, from));
    }
    if (role == Role.USER_AGENT && req.isMethod(SipRequest.PRACK)) {
      onPrack(tx, out);
      return out;
    }
    out.add(new Effect.RequestArrived(tx));
    return out;
  }

  /**
   * RFC 3262 §3: a PRACK matches the unacknowledged reliable provisional of an INVITE in the same
   * dialog whose RSeq, CSeq number and method its RAck names; then the retransmission stops and
   * the TU gets it. Otherwise the layer answers it: 400 without RAck (mandatory, §7.2), 481
   * when it matches nothing.
   */
  private void onPrack(ServerTransaction prack, List<Effect> out) {
    SipRequest r = prack.request;
    Optional<RAck> rack = r.rack();
    if (rack.isEmpty()) {
      out.addAll(respond(prack, SipResponse.to(r, 400, "Bad Request (RAck missing, RFC 3262 §7.2)", null)));
      return;
    }
    ServerTransaction inv = r.to().tag().isEmpty() ? null : awaitingPrack.get(prackKey(r.callId(), r.from().tag().orElse(""), r.to().tag().get()));
    RAck a = rack.get();
    if (inv == null || inv.unacknowledged == null || a.rseq() != inv.lastRSeq || a.cseq() != inv.request.cseq().number()
        || !a.method().equals(inv.request.cseq().method())) {
      out.addAll(respond(prack, SipResponse.to(r, 481, "Call/Transaction Does Not Exist (no such reliable provisional response)", null)));
      return;
    }
    inv.unacknowledged = null;
    disarm(inv, TimerName.RELIABLE_1XX);
    disarm(inv, TimerName.RELIABLE_1XX_TIMEOUT);
    out.add(new Effect.PrackArrived(prack, inv));
  }

  private void retransmittedRequest(ServerTransaction tx, List<Effect> out) {
    switch (tx.state) {
      case PROCEEDING, COMPLETED -> {
        if (tx.lastResponse != null) {
          out.add(new Effect.Transmit(tx.lastResponse, tx.hop));
        }
      }
      default -> {
        // Trying (non-INVITE), Accepted (RFC 6026 §7.1), Confirmed: absorbed
      }
    }
  }

  private List<Effect> onAck(SipRequest ack, Hop from) {
    List<Effect> out = new ArrayList<>(1);
    ServerTransaction tx = servers.get(serverKey(ack, SipRequest.INVITE));
    if (tx != null && (tx.state == TransactionState.COMPLETED || tx.state == TransactionState.CONFIRMED)) {
      if (tx.state == TransactionState.COMPLETED) {
        tx.state = TransactionState.CONFIRMED;
        tx.ackReceived = true;
        disarm(tx, TimerName.G);
        disarm(tx, TimerName.H);
        if (tx.reliable()) {
          terminate(tx, out);
        } else {
          arm(tx, TimerName.I, t.t4());
        }
      }
      return out;
    }
    ServerTransaction inv = accepted.get(dialogKey(ack));
    if (inv != null) {
      boolean first = !inv.ackReceived;
      inv.ackReceived = true;
      disarm(inv, TimerName.RETRANSMIT_2XX);
      if (first || role == Role.PROXY) {
        out.add(new Effect.AckArrived(ack, from, inv));
      }
      return out;
    }
    out.add(new Effect.AckArrived(ack, from, null));
    return out;
  }

  private List<Effect> onCancel(SipRequest cancel, Hop from) {
    List<Effect> out = new ArrayList<>(3);
    String key = serverKey(cancel, SipRequest.CANCEL);
    ServerTransaction ctx = servers.get(key);
    if (ctx != null) {
      retransmittedRequest(ctx, out);
      return out;
    }
    ctx = new ServerTransaction(key, cancel, from);
    servers.put(key, ctx);
    ServerTransaction inv = servers.get(serverKey(cancel, SipRequest.INVITE));
    if (inv == null) {
      out.addAll(respond(ctx, SipResponse.to(cancel, 481)));
      return out;
    }
    out.addAll(respond(ctx, SipResponse.to(cancel, 200, null, inv.lastResponse == null ? null : inv.lastResponse.to().tag().orElse(null))));
    if (!inv.finalSent()) {
      out.add(new Effect.CancelArrived(inv, cancel));
    }
    return out;
  }

  /**
   * Sends {@code response} in {@code tx} (RFC 3261 §17.2.1, §17.2.2; RFC 6026 §7.1).
   *
   * @throws IllegalStateException if the transaction can take no such response any more (a final
   *     response was sent already, or it terminated); nothing is sent then
   */
  public List<Effect> respond(ServerTransaction tx, SipResponse response) {
    Objects.requireNonNull(response, "response");
    List<Effect> out = new ArrayList<>(2);
    int s = response.status();
    if (tx.isInvite()) {
      switch (tx.state) {
        case PROCEEDING -> {
          if (role == Role.USER_AGENT && s > 100 && s < 200 && tx.request.hasOptionTag("Require", "100rel")) {
            throw new IllegalStateException("the INVITE requires 100rel: provisional " + s + " must be sent reliably (RFC 3262 §3)");
          }
          if (s >= 200 && s < 300 && tx.unacknowledged != null && !tx.unacknowledged.body().isEmpty()) {
            throw new IllegalStateException("2xx before the PRACK of a reliable provisional with a session description (RFC 3262 §5)");
          }
          if (s >= 200 && tx.unacknowledged != null) {
            // RFC 3262 §3: no more retransmissions after a final response; a late PRACK is still matched
            disarm(tx, TimerName.RELIABLE_1XX);
            disarm(tx, TimerName.RELIABLE_1XX_TIMEOUT);
          }
          tx.lastResponse = response;
          out.add(new Effect.Transmit(response, tx.hop));
          if (s >= 200 && s < 300) {
            tx.state = TransactionState.ACCEPTED;
            tx.dialogKey = dialogKey(tx.request);
            accepted.put(tx.dialogKey, tx);
            arm(tx, TimerName.L, t.timeout());
            if (role == Role.USER_AGENT) {
              arm(tx, TimerName.RETRANSMIT_2XX, t.t1());
            }
          } else if (s >= 300) {
            tx.state = TransactionState.COMPLETED;
            if (!tx.reliable()) {
              arm(tx, TimerName.G, t.t1());
            }
            arm(tx, TimerName.H, t.timeout());
          }
        }
        case ACCEPTED -> {
          if (s < 200 || s >= 300) {
            throw new IllegalStateException("INVITE transaction accepted already: cannot send " + s);
          }
          out.add(new Effect.Transmit(response, tx.hop));
        }
        default -> throw new IllegalStateException("INVITE transaction " + tx.state + ": cannot send " + s);
      }
    } else {
      switch (tx.state) {
        case TRYING, PROCEEDING -> {
          tx.lastResponse = response;
          out.add(new Effect.Transmit(response, tx.hop));
          if (s < 200) {
            tx.state = TransactionState.PROCEEDING;
          } else {
            tx.state = TransactionState.COMPLETED;
            if (tx.reliable()) {
              terminate(tx, out);
            } else {
              arm(tx, TimerName.J, t.timeout());
            }
          }
        }
        default -> throw new IllegalStateException(tx.request.method() + " transaction " + tx.state + ": cannot send " + s);
      }
    }
    return out;
  }

  /**
   * Sends {@code provisional} reliably in the INVITE server transaction {@code tx} (RFC 3262 §3):
   * the layer retransmits it at T1, 2·T1, 4·T1 … (no cap) until a matching PRACK arrives, and
   * reports {@link Effect.PrackTimedOut} after 64·T1. The TU builds the response with a To tag,
   * {@code Require: 100rel} and an RSeq (the first in 1..2^31-1, each next exactly one higher).
   *
   * @throws IllegalStateException if this layer is a proxy's, the INVITE did not offer 100rel
   *     (Supported or Require), the transaction is past Proceeding, or a reliable provisional is
   *     still unacknowledged; nothing is sent then
   * @throws IllegalArgumentException if the response is not 101–199 with a To tag, Require
   *     100rel and the right RSeq
   */
  public List<Effect> respondReliably(ServerTransaction tx, SipResponse provisional) {
    Objects.requireNonNull(provisional, "provisional");
    if (role != Role.USER_AGENT) {
      throw new IllegalStateException("reliable provisional responses are sent by a UAS (RFC 3262 §3)");
    }
    if (!tx.isInvite() || tx.state != TransactionState.PROCEEDING) {
      throw new IllegalStateException(tx.request.method() + " transaction " + tx.state + ": cannot send a reliable provisional");
    }
    SipRequest req = tx.request;
    if (!req.hasOptionTag("Supported", "100rel") && !req.hasOptionTag("Require", "100rel")) {
      throw new IllegalStateException("the INVITE offered no 100rel (Supported/Require): no reliable provisional (RFC 3262 §3)");
    }
    if (tx.unacknowledged != null) {
      throw new IllegalStateException("a reliable provisional (RSeq " + tx.lastRSeq + ") awaits its PRACK (RFC 3262 §3)");
    }
    int s = provisional.status();
    if (s <= 100 || s >= 200) {
      throw new IllegalArgumentException("status " + s + " (expected: 101..199, RFC 3262 §3)");
    }
    if (provisional.to().tag().isEmpty() || !provisional.hasOptionTag("Require", "100rel") || provisional.rseq().isEmpty()) {
      throw new IllegalArgumentException("reliable provisional without To tag, Require: 100rel or RSeq (RFC 3262 §3)");
    }
    long rseq = provisional.rseq().getAsLong();
    if (tx.lastRSeq < 0 ? rseq > 0x7FFF_FFFFL : rseq != tx.lastRSeq + 1) {
      throw new IllegalArgumentException("RSeq " + rseq + " (expected: " + (tx.lastRSeq < 0 ? "1..2^31-1" : tx.lastRSeq + 1) + ", RFC 3262 §3)");
    }
    List<Effect> out = new ArrayList<>(1);
    tx.lastRSeq = rseq;
    tx.unacknowledged = provisional;
    tx.lastResponse = provisional;
    String key = prackKey(req.callId(), req.from().tag().orElse(""), provisional.to().tag().get());
    if (tx.prackKey != null && !tx.prackKey.equals(key)) {
      awaitingPrack.remove(tx.prackKey, tx);
    }
    tx.prackKey = key;
    awaitingPrack.put(key, tx);
    out.add(new Effect.Transmit(provisional, tx.hop));
    arm(tx, TimerName.RELIABLE_1XX, t.t1());
    arm(tx, TimerName.RELIABLE_1XX_TIMEOUT, t.timeout());
    return out;
  }

  // ---------------------------------------------------------------- timers

  /** Fires every timer due by the clock's now, in deadline order. */
  public List<Effect> tick() {
    List<Effect> out = new ArrayList<>();
    Instant now = clock.instant();
    while (!queue.isEmpty() && !queue.peek().deadline.isAfter(now)) {
      Queued q = queue.poll();
      if (stale(q)) {
        continue;
      }
      Transaction.Armed a = q.tx.timers.remove(q.name);
      fire(q.tx, q.name, a, out);
    }
    return out;
  }

  private void fire(Transaction tx, TimerName name, Transaction.Armed a, List<Effect> out) {
    switch (name) {
      case A -> {
        out.add(new Effect.Transmit(tx.request, tx.hop));
        arm(tx, TimerName.A, a.interval().multipliedBy(2));
      }
      case E -> {
        out.add(new Effect.Transmit(tx.request, tx.hop));
        Duration next = tx.state == TransactionState.PROCEEDING ? t.t2() : min(a.interval().multipliedBy(2), t.t2());
        arm(tx, TimerName.E, next);
      }
      case B, F -> {
        out.add(new Effect.ClientTimedOut((ClientTransaction) tx));
        terminate(tx, out);
      }
      case G -> {
        ServerTransaction s = (ServerTransaction) tx;
        out.add(new Effect.Transmit(s.lastResponse, s.hop));
        arm(tx, TimerName.G, min(a.interval().multipliedBy(2), t.t2()));
      }
      case RETRANSMIT_2XX -> {
        ServerTransaction s = (ServerTransaction) tx;
        out.add(new Effect.Transmit(s.lastResponse, s.hop));
        arm(tx, TimerName.RETRANSMIT_2XX, min(a.interval().multipliedBy(2), t.t2()));
      }
      case RELIABLE_1XX -> {
        ServerTransaction s = (ServerTransaction) tx;
        if (s.unacknowledged != null && s.state == TransactionState.PROCEEDING) {
          out.add(new Effect.Transmit(s.unacknowledged, s.hop));
          arm(tx, TimerName.RELIABLE_1XX, a.interval().multipliedBy(2)); // RFC 3262 §3: doubling, no T2 cap
        }
      }
      case RELIABLE_1XX_TIMEOUT -> {
        ServerTransaction s = (ServerTransaction) tx;
        disarm(tx, TimerName.RELIABLE_1XX);
        if (s.unacknowledged != null && s.state == TransactionState.PROCEEDING) {
          out.add(new Effect.PrackTimedOut(s));
        }
      }
      case H -> {
        out.add(new Effect.AckTimedOut((ServerTransaction) tx));
        terminate(tx, out);
      }
      case L -> {
        ServerTransaction s = (ServerTransaction) tx;
        if (role == Role.USER_AGENT && !s.ackReceived) {
          out.add(new Effect.AckTimedOut(s));
        }
        terminate(tx, out);
      }
      case D, I, J, K, M -> terminate(tx, out);
      default -> throw new AssertionError(name);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private void arm(Transaction tx, TimerName name, Duration d) {
    long s = ++seq;
    Instant at = clock.instant().plus(d);
    tx.timers.put(name, new Transaction.Armed(at, d, s));
    queue.add(new Queued(at, tx, name, s));
  }

  private static void disarm(Transaction tx, TimerName name) {
    tx.timers.remove(name);
  }

  private static boolean stale(Queued q) {
    Transaction.Armed a = q.tx.timers.get(q.name);
    return a == null || a.seq() != q.seq || q.tx.state == TransactionState.TERMINATED;
  }

  private void terminate(Transaction tx, List<Effect> out) {
    if (tx.state == TransactionState.TERMINATED) {
      return;
    }
    tx.state = TransactionState.TERMINATED;
    tx.timers.clear();
    if (tx instanceof ClientTransaction) {
      clients.remove(tx.key, tx);
    } else {
      servers.remove(tx.key, tx);
      ServerTransaction s = (ServerTransaction) tx;
      if (s.dialogKey != null) {
        accepted.remove(s.dialogKey, s);
      }
      if (s.prackKey != null) {
        awaitingPrack.remove(s.prackKey, s);
      }
    }
    out.add(new Effect.Ended(tx));
  }

  // ---------------------------------------------------------------- keys

  private static String clientKey(String branch, String method) {
    return branch + "|" + method;
  }

  /** RFC 3261 §17.2.3: branch + sent-by + method (ACK matches INVITE); RFC 2543 fallback without a cookie. */
  private static String serverKey(SipRequest r, String method) {
    Via v = r.topVia();
    if (v.hasRfc3261Branch()) {
      return v.branch().get() + "|" + v.sentBy().toLowerCase(java.util.Locale.ROOT) + "|" + method;
    }
    return "2543|" + r.callId() + "|" + r.cseq().number() + "|" + r.from().tag().orElse("") + "|" + v + "|" + method;
  }

  /** A reliable provisional's early dialog: Call-ID, the UAC's From tag, the UAS's To tag (RFC 3262 §3 "within the same dialog"). */
  private static String prackKey(String callId, String fromTag, String toTag) {
    return callId + "|" + fromTag + "|" + toTag;
  }

  /** Matches the ACK for a 2xx to its INVITE: Call-ID, CSeq number, From tag (RFC 3261 §12.2.2, §13.2.2.4). */
  private static String dialogKey(SipRequest r) {
    return r.callId() + "|" + r.cseq().number() + "|" + r.from().tag().orElse("");
  }
}
