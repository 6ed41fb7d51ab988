package org.ddsec.protocol.ibakedd.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.eccsi.EccsiKms;
import org.ddsec.crypto.ibe.eccsi.EccsiParameters;
import org.ddsec.crypto.ibe.sakke.SakkeKms;
import org.ddsec.crypto.ibe.sakke.SakkeParameters;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.protocol.flow.Channel;
import org.ddsec.protocol.flow.Envelope;
import org.ddsec.protocol.flow.InMemoryNetwork;
import org.ddsec.protocol.flow.ManualClock;
import org.ddsec.protocol.flow.Refusal;
import org.ddsec.protocol.gba.InMemoryNafKeys;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.DeferredMessage;
import org.ddsec.protocol.ibakedd.IbakeCall;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.IbakeSession;
import org.ddsec.protocol.ibakedd.ResponderOutcome;
import org.ddsec.protocol.ibakedd.SecureRandoms;
import org.ddsec.protocol.ibakedd.StoredMessage;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.initiator.Initiator;
import org.ddsec.protocol.ibakedd.kms.IbakeKms;
import org.ddsec.protocol.ibakedd.mailbox.IbakeMailbox;
import org.ddsec.protocol.ibakedd.mailbox.InMemoryMessageStore;
import org.ddsec.protocol.ibakedd.provisioning.KeyRequester;
import org.ddsec.protocol.ibakedd.recipient.IbakeRecipient;
import org.ddsec.protocol.ibakedd.responder.Responder;
import org.ddsec.protocol.kmsdd.kms.InMemoryMailboxRegistry;
import org.ddsec.protocol.kmsdd.kms.MailboxEntry;
import org.ddsec.protocol.kmsdd.mailbox.InsecureAuditTap;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.store.InMemoryReplayCache;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.protocol.trace.TraceEvent;

/**
 * The parties of IBAKE-DD — UEs (each an initiator, a live responder and a recipient), B's
 * mailbox, the IBAKE KMS — plus the IMS core, wired by an in-memory network: the same role code
 * the services run. GBA bootstrapping is done in memory (each user's Ks_NAF for the KMS's NAF_Id
 * made resolvable by B-TID, as a BSF would over Zn); key provisioning (RFC 6267 §4.2.1) runs over
 * the network like every other exchange. Used by {@code ./ddsec flow ibake-dd} and the tests.
 *
 * <p>The IMS core routes an I_MESSAGE_1 to the callee when it is online and to its mailbox
 * otherwise (call forwarding to voicemail); it reads the callee from the message's IDRr, standing
 * in for the INVITE's Request-URI, and keeps the dialog by CSB ID for the rest of the exchange.
 * Steps are traced with the seed's Fig. 27 numbers ({@code 27.n}) for a deposit and {@code L.n}
 * for a live call.
 */
public final class IbakeDdWorld {

  public static final String IMS = "IMS core";
  public static final String KMS_ID = "sip:ibake-kms.ims.example";
  public static final String KMS_FQDN = "ibake-kms.ims.example";
  public static final String MAILBOX_ID = "sip:vm.ims.example";
  public static final String MAILBOX_KEY_ID = "psk-vm-1";
  public static final String BSF = "bsf.ims.example";
  /** When every world starts: December 2026 (UTC). */
  public static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

  /** A user: IMPU, GBA key, identity-based keys, and its four roles. */
  public static final class User {
    final String impu;
    final String bTid;
    final SecretBytes ksNaf;
    final UserKeys keys;
    final KeyRequester requester;
    final Initiator initiator;
    final Responder responder;
    final IbakeRecipient recipient;
    final List<IbakeCall> calls = new ArrayList<>();
    final List<IbakeSession> sessions = new ArrayList<>();
    final List<DeferredMessage> messages = new ArrayList<>();

    User(String impu, String bTid, SecretBytes ksNaf, UserKeys keys, KeyRequester requester, Initiator initiator, Responder responder,
        IbakeRecipient recipient) {
      this.impu = impu;
      this.bTid = bTid;
      this.ksNaf = ksNaf;
      this.keys = keys;
      this.requester = requester;
      this.initiator = initiator;
      this.responder = responder;
      this.recipient = recipient;
    }

    public String impu() {
      return impu;
    }

    public String bTid() {
      return bTid;
    }

    /** This user's Ks_NAF for the KMS; exposed for tests that hunt for it. */
    public SecretBytes insecureKsNaf() {
      return ksNaf;
    }

    public UserKeys keys() {
      return keys;
    }

    public KeyRequester requester() {
      return requester;
    }

    public Initiator initiator() {
      return initiator;
    }

    public Responder responder() {
      return responder;
    }

    public IbakeRecipient recipient() {
      return recipient;
    }

    /** Exchanges this user completed as initiator. */
    public List<IbakeCall> calls() {
      return List.copyOf(calls);
    }

    /** Live sessions this user answered. */
    public List<IbakeSession> sessions() {
      return List.copyOf(sessions);
    }

    /** Deferred messages this user opened. */
    public List<DeferredMessage> messages() {
      return List.copyOf(messages);
    }
  }

  private record Dialog(String caller, String target) {}

  private final IbakeMode mode;
  private final ManualClock clock;
  private final RandomSource random;
  private final Trace trace;
  private String stepPrefix = "27.";
  private final SakkeKms sakke;
  private final EccsiKms eccsi;
  private final InMemoryNafKeys nafKeys = new InMemoryNafKeys();
  private final InMemoryMailboxRegistry servers = new InMemoryMailboxRegistry();
  private final InMemoryReplayCache kmsReplay = new InMemoryReplayCache();
  private final InMemoryReplayCache mailboxReplay = new InMemoryReplayCache();
  private final InMemoryMessageStore store = new InMemoryMessageStore();
  private final IbakeKms kms;
  private final Community community;
  private final UserKeys mailboxKeys;
  private final KeyRequester mailboxRequester;
  private final IbakeMailbox mailbox;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, NafKey> gba = new HashMap<>();
  private final Set<String> online = new HashSet<>();
  private final Map<Long, Dialog> dialogs = new HashMap<>();
  private final List<Refusal> refusals = new ArrayList<>();
  private final InMemoryNetwork<Envelope> network;

  /**
   * @param users IMPUs, e.g. {@code sip:alice@ims.example}; all served by the one mailbox, all
   *     offline until {@link #setOnline}; each is bootstrapped and provisioned with the keys of
   *     the current month
   */
  public IbakeDdWorld(List<String> users, IbakeMode mode, long seed, Trace trace, InsecureAuditTap mailboxTap) {
    this(users, mode, seed, trace, mailboxTap, null);
  }

  public IbakeDdWorld(List<String> users, IbakeMode mode, long seed) {
    this(users, mode, seed, Trace.NONE, InsecureAuditTap.NONE);
  }

  /**
   * A world with {@code template}'s KMS, users, GBA keys and identity-based keys (shared, they are
   * immutable) but everything else new — clock at {@link #START}, randomness from {@code seed},
   * empty replay caches, stores and exchanges — and no provisioning run. It saves the cost of
   * validating every key again (a pairing per key) in tests that need many fresh worlds.
   */
  public IbakeDdWorld fork(IbakeMode mode, long seed, Trace trace, InsecureAuditTap mailboxTap) {
    return new IbakeDdWorld(List.copyOf(users.keySet()), mode, seed, trace, mailboxTap, this);
  }

  public IbakeDdWorld fork(IbakeMode mode, long seed) {
    return fork(mode, seed, Trace.NONE, InsecureAuditTap.NONE);
  }

  private IbakeDdWorld(List<String> users, IbakeMode mode, long seed, Trace trace, InsecureAuditTap mailboxTap, IbakeDdWorld template) {
    this.mode = Objects.requireNonNull(mode, "mode");
    this.clock = new ManualClock(START);
    this.random = RandomSource.insecureSeeded(seed);
    Trace sink = Objects.requireNonNull(trace, "trace");
    this.trace = e -> sink.record(e.step().chars().allMatch(Character::isDigit)
        ? new TraceEvent(stepPrefix + e.step(), e.from(), e.to(), e.message(), e.summary()) : e);
    this.network = new InMemoryNetwork<>(random, this::deliver);
    this.sakke = template != null ? template.sakke : SakkeKms.generate(SakkeParameters.parameterSet1(), SecureRandoms.of(random));
    this.eccsi = template != null ? template.eccsi : EccsiKms.generate(EccsiParameters.p256(), SecureRandoms.of(random));
    SecretBytes mailboxPsk = template != null ? template.servers.byKeyId(MAILBOX_KEY_ID).orElseThrow().km()
        : SecretBytes.wrap(random.bytes(32));
    servers.addMailbox(new MailboxEntry(MAILBOX_ID, MAILBOX_KEY_ID, mailboxPsk));
    this.kms = new IbakeKms(IbakeKms.Config.of(KMS_ID), sakke, eccsi, nafKeys, servers, kmsReplay, clock, random, this.trace);
    this.community = kms.community();
    this.mailboxKeys = new UserKeys(MAILBOX_ID);
    this.mailboxRequester = new KeyRequester(new KeyRequester.Config(MAILBOX_ID, MAILBOX_KEY_ID, KMS_ID), mailboxPsk, community, mailboxKeys,
        clock, random, this.trace);
    Set<String> served = Set.copyOf(users);
    this.mailbox = new IbakeMailbox(IbakeMailbox.Config.of(MAILBOX_ID, mode), community, mailboxKeys, served::contains, store, mailboxReplay,
        clock, random, this.trace, mailboxTap);
    if (template != null) {
      template.mailboxKeys.periods().forEach(p -> mailboxKeys.put(template.mailboxKeys.get(p).orElseThrow()));
      for (String impu : users) {
        User t = template.user(impu);
        NafKey k = template.gba.get(impu);
        UserKeys keys = new UserKeys(impu);
        t.keys.periods().forEach(p -> keys.put(t.keys.get(p).orElseThrow()));
        register(k, keys);
      }
      return;
    }
    for (String impu : users) {
      bootstrap(impu, Duration.ofDays(60));
    }
    KeyPeriod now = KeyPeriod.containing(clock.instant());
    provision(MAILBOX_ID, List.of(now));
    for (String impu : users) {
      provision(impu, List.of(now));
    }
  }

  /**
   * (Re-)runs GBA for {@code impu} in memory: a fresh Ks and B-TID, and Ks_NAF for the KMS's
   * NAF_Id valid for {@code lifetime}. The user's identity-based keys are kept.
   */
  public User bootstrap(String impu, Duration lifetime) {
    byte[] rand = random.bytes(16);
    String impi = impu.replaceFirst("^sip:", "") + ".impi";
    String bTid = GbaKeys.btid(rand, BSF);
    SecretBytes ks = SecretBytes.wrap(random.bytes(32));
    SecretBytes ksNaf = GbaKeys.ksNaf(ks, rand, impi, NafId.kms(KMS_FQDN));
    ks.close();
    UserKeys keys = users.containsKey(impu) ? users.get(impu).keys : new UserKeys(impu);
    return register(new NafKey(bTid, impi, Set.of(impu), ksNaf, clock.instant().plus(lifetime)), keys);
  }

  private User register(NafKey gbaKey, UserKeys keys) {
    String impu = keys.uri();
    nafKeys.put(gbaKey);
    gba.put(impu, gbaKey);
    User u = new User(impu, gbaKey.bTid(), gbaKey.ksNaf(), keys,
        new KeyRequester(new KeyRequester.Config(impu, gbaKey.bTid(), KMS_ID), gbaKey.ksNaf(), community, keys, clock, random, trace),
        new Initiator(Initiator.Config.of(impu, mode, (idB, responder) -> responder.equals(MAILBOX_ID)), community, keys, clock, random, trace),
        new Responder(Responder.Config.of(impu, mode), community, keys, new InMemoryReplayCache(), clock, random, trace),
        new IbakeRecipient(IbakeRecipient.Config.of(impu, MAILBOX_ID, mode), community, keys, clock, trace));
    users.put(impu, u);
    return u;
  }

  /**
   * RFC 6267 §4.2.1 for {@code who} (a user or the mailbox): REQUEST_KEY_PSK over the network to
   * the KMS and the keys of {@code periods} from its REQUEST_KEY_RESP.
   *
   * @return whether the keys arrived (see {@link #refusals()} otherwise)
   */
  public boolean provision(String who, List<KeyPeriod> periods) {
    KeyRequester r = who.equals(MAILBOX_ID) ? mailboxRequester : user(who).requester;
    UserKeys k = who.equals(MAILBOX_ID) ? mailboxKeys : user(who).keys;
    int refused = refusals.size();
    send(new Envelope(who, KMS_ID, Channel.KMS, r.request(periods)));
    run();
    return refusals.size() == refused && k.periods().containsAll(periods);
  }

  public IbakeMode mode() {
    return mode;
  }

  public ManualClock clock() {
    return clock;
  }

  public Community community() {
    return community;
  }

  public User user(String impu) {
    User u = users.get(impu);
    if (u == null) {
      throw new IllegalArgumentException("user: " + impu);
    }
    return u;
  }

  public IbakeKms kms() {
    return kms;
  }

  /** The KMS's SAKKE master (for tests that play a KMS issuing bad keys). */
  public SakkeKms insecureSakkeKms() {
    return sakke;
  }

  public EccsiKms insecureEccsiKms() {
    return eccsi;
  }

  public IbakeMailbox mailbox() {
    return mailbox;
  }

  public UserKeys mailboxKeys() {
    return mailboxKeys;
  }

  public KeyRequester mailboxRequester() {
    return mailboxRequester;
  }

  public InMemoryMessageStore mailboxStore() {
    return store;
  }

  public InMemoryNafKeys nafKeys() {
    return nafKeys;
  }

  public InMemoryMailboxRegistry servers() {
    return servers;
  }

  public void setOnline(String impu, boolean isOnline) {
    user(impu);
    if (isOnline) {
      online.add(impu);
    } else {
      online.remove(impu);
    }
  }

  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  public void setInterceptor(InMemoryNetwork.Interceptor<Envelope> i) {
    network.setInterceptor(i);
  }

  public void setReorder(boolean reorder) {
    network.setReorder(reorder);
  }

  /** Every envelope delivered so far, in order (after interception). */
  public List<Envelope> delivered() {
    return network.delivered();
  }

  /** Puts an envelope on the wire (for tests that inject their own). */
  public void send(Envelope e) {
    network.send(e);
  }

  /** Delivers envelopes until none is left. */
  public void run() {
    network.run();
  }

  /**
   * Seed Fig. 27: {@code from} calls {@code to}, who is offline, so the call lands at the mailbox
   * and A leaves a message. Runs the network until it is quiet.
   *
   * @return A's keys for the message, or empty if the deposit did not complete
   */
  public Optional<IbakeCall> deposit(String from, String to) {
    setOnline(to, false);
    stepPrefix = "27.";
    Optional<IbakeCall> c = start(from, to);
    c.ifPresent(k -> trace.record("9", from, k.answeredBy(), "voice message (SRTP)",
        "SSRC " + k.ssrc() + " under the SRTP keys from SK (media layer, not run in memory); the mailbox stores it beside the ESK"));
    return c;
  }

  /**
   * RFC 6267 §4.2.2, B online: the live four-message exchange. Runs the network until it is quiet.
   *
   * @return A's keys, or empty if the exchange did not complete (B's are in {@link User#sessions()})
   */
  public Optional<IbakeCall> call(String from, String to) {
    setOnline(to, true);
    stepPrefix = "L.";
    return start(from, to);
  }

  private Optional<IbakeCall> start(String from, String to) {
    User a = user(from);
    int before = a.calls.size();
    try {
      send(new Envelope(from, IMS, Channel.SIP, a.initiator.call(to, random.nextU32())));
    } catch (MikeyException e) {
      refusals.add(new Refusal(from, e));
      return Optional.empty();
    }
    run();
    return a.calls.size() > before ? Optional.of(a.calls.get(a.calls.size() - 1)) : Optional.empty();
  }

  /**
   * Seed Fig. 27 steps 10–12: {@code who} comes online, lists its inbox and opens every message in
   * it. Runs the network until it is quiet.
   *
   * @return the messages opened in this run
   */
  public List<DeferredMessage> retrieveAll(String who) {
    User b = user(who);
    stepPrefix = "27.";
    int before = b.messages.size();
    send(new Envelope(who, MAILBOX_ID, Channel.INBOX, b.recipient.inboxRequest()));
    run();
    return List.copyOf(b.messages.subList(before, b.messages.size()));
  }

  private void deliver(Envelope e) {
    if (e.to().equals(IMS)) {
      ims(e);
    } else if (e.to().equals(KMS_ID)) {
      IbakeKms.Result r = kms.handle(e.body());
      r.refusal().ifPresent(x -> refusals.add(new Refusal(KMS_ID, x)));
      send(new Envelope(KMS_ID, e.from(), Channel.KMS, r.response()));
    } else if (e.to().equals(MAILBOX_ID)) {
      toMailbox(e);
    } else {
      toUser(e);
    }
  }

  /** The IMS core: routes an I_MESSAGE_1 by its callee (online: B; offline: B's mailbox), the rest by dialog. */
  private void ims(Envelope e) {
    long csb = MikeyMessages.csbIdOf(e.body().toByteArray());
    Dialog d = dialogs.get(csb);
    if (d == null && users.containsKey(e.from())) {
      String callee;
      try {
        MikeyMessage m = MikeyCodec.decode(e.body());
        if (m.dataType() != DataType.I_MESSAGE_1) {
          throw new MikeyException(MikeyException.Reason.REFUSED, "dialog", "no INVITE for this request");
        }
        callee = MikeyMessages.uriIdentity(m.payloads(), IdRole.IDRR);
      } catch (MikeyException x) {
        refusals.add(new Refusal(IMS, x));
        return;
      }
      String target = online.contains(callee) ? callee : MAILBOX_ID;
      d = new Dialog(e.from(), target);
      dialogs.put(csb, d);
      trace.record("2", IMS, target, online.contains(callee) ? "INVITE to B" : "INVITE forwarded (callee offline)",
          "I_MESSAGE_1 unchanged" + (online.contains(callee) ? "" : "; B's deferred delivery server answers"));
      send(new Envelope(IMS, target, Channel.SIP, e.body()));
      return;
    }
    if (d == null) {
      refusals.add(new Refusal(IMS, new MikeyException(MikeyException.Reason.REFUSED, "dialog", "no INVITE for this message")));
      return;
    }
    if (e.from().equals(d.caller())) {
      trace.record("6", IMS, d.target(), "forwarded", "I_MESSAGE_2 unchanged");
      send(new Envelope(IMS, d.target(), Channel.SIP, e.body()));
    } else {
      boolean second = isType(e.body(), DataType.R_MESSAGE_2);
      trace.record(second ? "8" : "4", IMS, d.caller(), "forwarded", (second ? "R_MESSAGE_2" : "R_MESSAGE_1") + " unchanged");
      send(new Envelope(IMS, d.caller(), Channel.SIP, e.body()));
    }
  }

  private static boolean isType(Bytes b, DataType t) {
    byte[] r = b.toByteArray();
    return r.length > 1 && (r[1] & 0xFF) == t.code();
  }

  private void toMailbox(Envelope e) {
    if (e.channel() == Channel.INBOX) {
      mailbox.onInboxRequest(e.body()).ifPresent(resp -> send(new Envelope(MAILBOX_ID, e.from(), Channel.INBOX, resp)));
      return;
    }
    if (e.channel() == Channel.KMS) {
      try {
        mailboxRequester.onResponse(e.body());
      } catch (MikeyException x) {
        refusals.add(new Refusal(MAILBOX_ID, x));
      }
      return;
    }
    ResponderOutcome<StoredMessage> o = mailbox.onMessage(e.body());
    o.refusal().ifPresent(x -> refusals.add(new Refusal(MAILBOX_ID, x)));
    o.reply().ifPresent(r -> send(new Envelope(MAILBOX_ID, IMS, Channel.SIP, r)));
  }

  private void toUser(Envelope e) {
    User u = users.get(e.to());
    if (u == null) {
      return;
    }
    try {
      switch (e.channel()) {
        case KMS -> u.requester.onResponse(e.body());
        case INBOX -> {
          for (StoredMessage m : u.recipient.onInboxResponse(e.body())) {
            try {
              u.messages.add(u.recipient.open(m));
            } catch (MikeyException x) {
              refusals.add(new Refusal(u.impu, x));
            }
          }
        }
        case SIP -> {
          if (!isForInitiator(u, e.body())) {
            ResponderOutcome<IbakeSession> o = u.responder.onMessage(e.body());
            o.refusal().ifPresent(x -> refusals.add(new Refusal(u.impu, x)));
            o.established().ifPresent(u.sessions::add);
            o.reply().ifPresent(r -> send(new Envelope(u.impu, IMS, Channel.SIP, r)));
          } else {
            Initiator.Outcome o = u.initiator.onMessage(e.body());
            o.reply().ifPresent(r -> send(new Envelope(u.impu, IMS, Channel.SIP, r)));
            o.done().ifPresent(u.calls::add);
          }
        }
      }
    } catch (MikeyException x) {
      refusals.add(new Refusal(u.impu, x));
    }
  }

  /** Whether a SIP body goes to {@code u}'s initiator (it called) rather than its responder (it was called). */
  private boolean isForInitiator(User u, Bytes body) {
    Dialog d = dialogs.get(MikeyMessages.csbIdOf(body.toByteArray()));
    if (d != null) {
      return d.caller().equals(u.impu);
    }
    return !isType(body, DataType.I_MESSAGE_1) && !isType(body, DataType.I_MESSAGE_2);
  }
}
