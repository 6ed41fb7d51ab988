package org.ddsec.protocol.kmsdd.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.GbaKeys;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.mikey.MikeyException;
import org.ddsec.protocol.gba.InMemoryNafKeys;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.caller.CallKeys;
import org.ddsec.protocol.kmsdd.caller.Caller;
import org.ddsec.protocol.kmsdd.kms.InMemoryKeyRing;
import org.ddsec.protocol.kmsdd.kms.InMemoryMailboxRegistry;
import org.ddsec.protocol.kmsdd.kms.Kms;
import org.ddsec.protocol.kmsdd.kms.MailboxEntry;
import org.ddsec.protocol.kmsdd.mailbox.InMemoryMailboxStore;
import org.ddsec.protocol.kmsdd.mailbox.InsecureAuditTap;
import org.ddsec.protocol.kmsdd.mailbox.Mailbox;
import org.ddsec.protocol.kmsdd.recipient.Recipient;
import org.ddsec.protocol.kmsdd.recipient.RetrievedKeys;
import org.ddsec.protocol.flow.InMemoryNetwork;
import org.ddsec.protocol.flow.ManualClock;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.store.InMemoryReplayCache;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.protocol.trace.TraceLog;

/**
 * The four parties of KMS-DD plus the IMS core, wired by an in-memory network: the same role
 * code the services run, with GBA bootstrapping done in memory (each user's Ks_NAF made resolvable
 * by B-TID, as a BSF would over Zn). Used by {@code ./ddsec flow kms-dd} and the flow tests.
 *
 * <p>The network delivers {@link Envelope}s one at a time from a queue. An {@link Interceptor}
 * sees each envelope before delivery and may drop, alter or duplicate it; with {@code reorder}
 * the next envelope is drawn at random from the queue. Every typed refusal any party reports is
 * collected in {@link #refusals()}.
 */
public final class KmsDdWorld {

  public static final String IMS = "IMS core";
  public static final String KMS_ID = "sip:kms.ims.example";
  public static final String KMS_FQDN = "kms.ims.example";
  public static final String MAILBOX_ID = "sip:vm.ims.example";
  public static final String MAILBOX_KEY_ID = "km-vm-1";
  public static final String BSF = "bsf.ims.example";

  /** What kind of exchange an envelope belongs to. */
  public enum Channel {
    /** SIP INVITE / 200 OK bodies (TRANSFER_INIT, TRANSFER_RESP, Error). */
    SIP,
    /** HTTPS {@code application/mikey} to and from the KMS. */
    KMS,
    /** HTTPS inbox request/response between a recipient and its mailbox. */
    INBOX
  }

  /** One message on the wire. */
  public record Envelope(String from, String to, Channel channel, Bytes body) {}

  /** Sees each envelope before it is delivered; returns what to deliver instead (none, it, altered, several). */
  @FunctionalInterface
  public interface Interceptor {
    Interceptor NONE = List::of;

    List<Envelope> intercept(Envelope e);
  }

  /** A refusal reported by a party, with the envelope that caused it. */
  public record Refusal(String party, MikeyException error) {}

  /** A user: IMPU, GBA keys, and a caller and a recipient role. */
  public static final class User {
    final String impu;
    final String bTid;
    final SecretBytes ksNaf;
    final Caller caller;
    final Recipient recipient;
    final List<CallKeys> calls = new ArrayList<>();
    final List<RetrievedKeys> retrieved = new ArrayList<>();

    User(String impu, String bTid, SecretBytes ksNaf, Caller caller, Recipient recipient) {
      this.impu = impu;
      this.bTid = bTid;
      this.ksNaf = ksNaf;
      this.caller = caller;
      this.recipient = recipient;
    }

    public String impu() {
      return impu;
    }

    public String bTid() {
      return bTid;
    }

    /** This user's Ks_NAF for the KMS (Ka or Kb); exposed for tests that hunt for it. */
    public SecretBytes insecureKsNaf() {
      return ksNaf;
    }

    public Caller caller() {
      return caller;
    }

    public Recipient recipient() {
      return recipient;
    }

    public List<CallKeys> calls() {
      return List.copyOf(calls);
    }

    public List<RetrievedKeys> retrieved() {
      return List.copyOf(retrieved);
    }
  }

  private final boolean e2m;
  private final ManualClock clock;
  private final RandomSource random;
  private final Trace trace;
  private final InMemoryNafKeys nafKeys = new InMemoryNafKeys();
  private final InMemoryKeyRing keyRing;
  private final InMemoryMailboxRegistry registry = new InMemoryMailboxRegistry();
  private final InMemoryReplayCache kmsReplay = new InMemoryReplayCache();
  private final InMemoryReplayCache mailboxReplay = new InMemoryReplayCache();
  private final InMemoryMailboxStore store = new InMemoryMailboxStore();
  private final Kms kms;
  private final Mailbox mailbox;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<Long, String> dialogs = new HashMap<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private final InMemoryNetwork<Envelope> network;

  /**
   * @param users IMPUs, e.g. {@code sip:alice@ims.example}; all served by the one mailbox
   * @param e2m whether callers ask for e2m protection (seed Fig. 19)
   */
  public KmsDdWorld(List<String> users, boolean e2m, long seed, Trace trace, InsecureAuditTap mailboxTap) {
    this.e2m = e2m;
    this.clock = new ManualClock(Instant.parse("2026-12-01T09:00:00Z"));
    this.random = RandomSource.insecureSeeded(seed);
    this.trace = Objects.requireNonNull(trace, "trace");
    this.network = new InMemoryNetwork<>(random, this::deliver);
    this.keyRing = new InMemoryKeyRing(Kms.Config.of(KMS_ID).retention(), random, clock.instant());
    SecretBytes km = SecretBytes.wrap(random.bytes(32));
    registry.addMailbox(new MailboxEntry(MAILBOX_ID, MAILBOX_KEY_ID, km));
    this.kms = new Kms(Kms.Config.of(KMS_ID), keyRing, registry, nafKeys, kmsReplay, clock, random, trace);
    Set<String> served = Set.copyOf(users);
    this.mailbox = new Mailbox(Mailbox.Config.of(MAILBOX_ID, MAILBOX_KEY_ID, KMS_ID), km, served::contains, store, mailboxReplay, clock,
        random, trace, mailboxTap);
    for (String impu : users) {
      registry.assign(impu, MAILBOX_ID);
      bootstrap(impu, Duration.ofHours(24));
    }
  }

  public KmsDdWorld(List<String> users, boolean e2m, long seed) {
    this(users, e2m, seed, new TraceLog(), InsecureAuditTap.NONE);
  }

  /**
   * (Re-)runs GBA for {@code impu} (seed Fig. 17 step 1a / Fig. 18 step 1b, in memory): a fresh Ks
   * and B-TID, and Ks_NAF for the KMS's NAF_Id valid for {@code lifetime}.
   */
  public User bootstrap(String impu, Duration lifetime) {
    byte[] rand = random.bytes(16);
    String impi = impu.replaceFirst("^sip:", "") + ".impi";
    String bTid = GbaKeys.btid(rand, BSF);
    SecretBytes ks = SecretBytes.wrap(random.bytes(32));
    SecretBytes ksNaf = GbaKeys.ksNaf(ks, rand, impi, NafId.kms(KMS_FQDN));
    ks.close();
    nafKeys.put(new NafKey(bTid, impi, Set.of(impu), ksNaf, clock.instant().plus(lifetime)));
    Caller c = new Caller(Caller.Config.of(impu, bTid, KMS_ID, e2m), ksNaf, clock, random, trace);
    Recipient r = new Recipient(Recipient.Config.of(impu, bTid, KMS_ID, MAILBOX_ID), ksNaf, clock, random, trace);
    User u = new User(impu, bTid, ksNaf, c, r);
    users.put(impu, u);
    return u;
  }

  /**
   * Records the set-up steps of the figures for a ladder: GBA bootstrapping of the caller (Fig.
   * 17/19 step 1a) and recipient (Fig. 18 step 1b), and the mailbox–KMS key Km (step 1m).
   */
  public void traceSetUp(String caller, String recipient) {
    String fig = e2m ? "19" : "17";
    trace.record(fig + ".1a", caller, caller, "GBA bootstrap (Ub, HTTP Digest AKA)",
        "B-TID " + user(caller).bTid + "; Ka = Ks_NAF for " + KMS_FQDN + " (Ua id 01 00 00 00 06)");
    trace.record(fig + ".1m", MAILBOX_ID, MAILBOX_ID, "shares Km with the KMS", "pre-provisioned, named " + MAILBOX_KEY_ID + " in IDRpsk");
    trace.record("18.1b", recipient, recipient, "GBA bootstrap (Ub, HTTP Digest AKA)",
        "B-TID " + user(recipient).bTid + "; Kb = Ks_NAF for " + KMS_FQDN);
  }

  public void setInterceptor(Interceptor i) {
    Objects.requireNonNull(i, "interceptor");
    network.setInterceptor(i::intercept);
  }

  public void setReorder(boolean reorder) {
    network.setReorder(reorder);
  }

  public ManualClock clock() {
    return clock;
  }

  public User user(String impu) {
    User u = users.get(impu);
    if (u == null) {
      throw new IllegalArgumentException("user: " + impu);
    }
    return u;
  }

  public Kms kms() {
    return kms;
  }

  public Mailbox mailbox() {
    return mailbox;
  }

  public InMemoryMailboxStore mailboxStore() {
    return store;
  }

  public InMemoryKeyRing keyRing() {
    return keyRing;
  }

  public InMemoryMailboxRegistry registry() {
    return registry;
  }

  public InMemoryNafKeys nafKeys() {
    return nafKeys;
  }

  public InMemoryReplayCache kmsReplayCache() {
    return kmsReplay;
  }

  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  /** Every envelope delivered so far, in order (after interception). */
  public List<Envelope> delivered() {
    return network.delivered();
  }

  /**
   * Seed Fig. 17/19: {@code from} calls {@code to}, who is offline, so the call lands at the
   * mailbox. Runs the network until it is quiet.
   *
   * @return the caller's keys, or empty if the deposit was refused (see {@link #refusals()})
   */
  public Optional<CallKeys> deposit(String from, String to) {
    User a = user(from);
    int before = a.calls.size();
    long ssrc = random.nextU32();
    send(new Envelope(from, IMS, Channel.SIP, a.caller.call(to, ssrc)));
    run();
    return a.calls.size() > before ? Optional.of(a.calls.get(a.calls.size() - 1)) : Optional.empty();
  }

  /**
   * Seed Fig. 18: {@code who} comes online, lists its inbox and retrieves the key of every message
   * in it. Runs the network until it is quiet.
   *
   * @return the keys retrieved in this run
   */
  public List<RetrievedKeys> retrieveAll(String who) {
    User b = user(who);
    int before = b.retrieved.size();
    send(new Envelope(who, MAILBOX_ID, Channel.INBOX, b.recipient.inboxRequest()));
    run();
    return List.copyOf(b.retrieved.subList(before, b.retrieved.size()));
  }

  /** Puts an envelope on the wire (for tests that inject their own). */
  public void send(Envelope e) {
    network.send(e);
  }

  /** Delivers envelopes until none is left. */
  public void run() {
    network.run();
  }

  private void deliver(Envelope e) {
    if (e.to().equals(IMS)) {
      ims(e);
    } else if (e.to().equals(MAILBOX_ID)) {
      mailbox(e);
    } else if (e.to().equals(KMS_ID)) {
      // The in-memory network knows the sender, as mutual TLS tells the KMS service.
      Kms.Result r = kms.handle(e.body(), e.from().equals(MAILBOX_ID) ? Optional.of(MAILBOX_ID) : Optional.empty());
      r.refusal().ifPresent(x -> refusals.add(new Refusal(KMS_ID, x)));
      send(new Envelope(KMS_ID, e.from(), Channel.KMS, r.response()));
    } else {
      user(e);
    }
  }

  /** The IMS core: B is not registered, so an INVITE goes to B's mailbox (call forwarding to voicemail). */
  private void ims(Envelope e) {
    long csb = MikeyMessages.csbIdOf(e.body().toByteArray());
    String fig = e2m ? "19" : "17";
    if (users.containsKey(e.from())) {
      dialogs.put(csb, e.from());
      trace.record(fig + ".3", IMS, MAILBOX_ID, "INVITE forwarded (callee offline)", "TRANSFER_INIT unchanged, Request-URI and P-Asserted-Identity kept");
      send(new Envelope(IMS, MAILBOX_ID, Channel.SIP, e.body()));
    } else {
      String caller = dialogs.get(csb);
      if (caller == null) {
        refusals.add(new Refusal(IMS, new MikeyException(MikeyException.Reason.REFUSED, "dialog", "no INVITE for this response")));
        return;
      }
      trace.record(fig + ".8", IMS, caller, "200 OK forwarded", "TRANSFER_RESP unchanged");
      send(new Envelope(IMS, caller, Channel.SIP, e.body()));
    }
  }

  private void mailbox(Envelope e) {
    Mailbox.Outcome o;
    switch (e.channel()) {
      case SIP -> o = mailbox.onTransferInit(e.body());
      case KMS -> o = mailbox.onResolveResp(e.body());
      default -> {
        o = mailbox.onInboxRequest(e.body());
        if (o.to() == Mailbox.Destination.CALLER) {
          send(new Envelope(MAILBOX_ID, e.from(), Channel.INBOX, o.message()));
        }
        o.refusal().ifPresent(x -> refusals.add(new Refusal(MAILBOX_ID, x)));
        return;
      }
    }
    o.refusal().ifPresent(x -> refusals.add(new Refusal(MAILBOX_ID, x)));
    switch (o.to()) {
      case KMS -> send(new Envelope(MAILBOX_ID, KMS_ID, Channel.KMS, o.message()));
      case CALLER -> send(new Envelope(MAILBOX_ID, IMS, Channel.SIP, o.message()));
      default -> { }
    }
  }

  private void user(Envelope e) {
    User u = users.get(e.to());
    if (u == null) {
      return;
    }
    try {
      switch (e.channel()) {
        case SIP -> u.calls.add(u.caller.onResponse(e.body()));
        case KMS -> u.retrieved.add(u.recipient.onResolveResp(e.body()));
        case INBOX -> {
          for (DepositParameters d : u.recipient.onInboxResponse(e.body())) {
            try {
              send(new Envelope(u.impu, KMS_ID, Channel.KMS, u.recipient.retrieve(d)));
            } catch (MikeyException x) {
              refusals.add(new Refusal(u.impu, x));
            }
          }
        }
      }
    } catch (MikeyException x) {
      refusals.add(new Refusal(u.impu, x));
    }
  }
}
