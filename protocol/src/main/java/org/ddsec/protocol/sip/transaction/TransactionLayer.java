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
 * end to end instead. Server INVITE transactions answer 100 Trying at once (§17.2.1). When more
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
            if (tx.state == TransactionState.CALLING) {
              tx.state = TransactionState.PROCEEDING;
              disarm(tx, TimerName.A);
              disarm(tx, TimerName.B);
            }
            out.add(new Effect.ResponseArrived(tx, r, false));
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
    out.add(new Effect.RequestArrived(tx));
    return out;
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

  /** Matches the ACK for a 2xx to its INVITE: Call-ID, CSeq number, From tag (RFC 3261 §12.2.2, §13.2.2.4). */
  private static String dialogKey(SipRequest r) {
    return r.callId() + "|" + r.cseq().number() + "|" + r.from().tag().orElse("");
  }
}
