package org.ddsec.server.mailbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.CommunityDocument;
import org.ddsec.protocol.ibakedd.IbakeMessages;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.IbakeProfile;
import org.ddsec.protocol.ibakedd.ResponderOutcome;
import org.ddsec.protocol.ibakedd.StoredMessage;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.mailbox.IbakeMailbox;
import org.ddsec.protocol.ibakedd.provisioning.KeyRequester;
import org.ddsec.protocol.kmsdd.mailbox.InsecureAuditTap;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.store.ReplayCache;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.mailbox.store.JdbcIbakeMessageStore;
import org.ddsec.server.mailbox.store.MediaSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IBAKE-DD half of the mailbox service (seed Fig. 27 steps 2–9): the {@link IbakeMailbox}
 * role behind the SIP front's two-round contract, with the mailbox's own identity-based keys.
 *
 * <ul>
 *   <li>Keys: the community (Z_T, KPAK) from the KMS's {@code GET /kms/v1/ibake/community} over TLS,
 *       then REQUEST_KEY_PSK under Km for the mailbox's identity of this month and the next (RFC
 *       6267 §4.2.1, steps K.1–K.4), validated by {@link KeyRequester}. At start, and again when a
 *       month lacks keys; the KMS being down makes IBAKE INVITEs 503 until it is back.
 *   <li>INVITE with I_MESSAGE_1: the SIP identities must be the MIKEY ones (P-Asserted-Identity =
 *       IDRi, callee = IDRr); the role answers R_MESSAGE_1 with only its [y]P; an RTP socket is
 *       reserved and its port answered in the reliable 183 (the capture cannot begin yet: the
 *       msg-id is the digest of the ESK, which comes in the PRACK).
 *   <li>PRACK with I_MESSAGE_2: the role authenticates A (and, signed, A's signature over the ESK)
 *       and "stores" the message — only staged here ({@link StagingMessageStore}); the capture
 *       begins and the deposit continues exactly like a KMS-DD one: SRTP into {@code media.capture}
 *       files, committed on BYE, then the {@code ibake_message} row (the commit point).
 * </ul>
 *
 * Thread-safe; the role serialises its own state.
 */
final class IbakeDeposits {

  private static final Logger LOG = LoggerFactory.getLogger(IbakeDeposits.class);

  /** An exchange between the reliable 183 and the PRACK. */
  private record Pending(DepositOffer offer, DatagramChannel channel, long csb, long ssrc, long roc, String idA, String idB, Instant createdAt) {}

  private final MailboxService service;
  private final MailboxConfig config;
  private final IbakeMode mode;
  private final KmsLink kms;
  private final JdbcIbakeMessageStore store;
  private final StagingMessageStore staging;
  private final ReplayCache replay;
  private final UserKeys keys;
  private final Clock clock;
  private final RandomSource random;
  private final Trace trace;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile IbakeMailbox role;
  private KeyRequester requester;

  IbakeDeposits(MailboxService service, MailboxConfig config, IbakeMode mode, KmsLink kms, JdbcIbakeMessageStore store, ReplayCache replay,
      Clock clock, RandomSource random, Trace trace) {
    this.service = service;
    this.config = config;
    this.mode = mode;
    this.kms = kms;
    this.store = store;
    this.staging = new StagingMessageStore(store);
    this.replay = replay;
    this.keys = new UserKeys(config.role().mailboxId());
    this.clock = clock;
    this.random = random;
    this.trace = Trace.numbered("27", trace); // the role reports the bare step numbers of seed Fig. 27
  }

  IbakeMode mode() {
    return mode;
  }

  int pending() {
    return pending.size();
  }

  /** The key periods the mailbox holds keys for. */
  List<KeyPeriod> keyPeriods() {
    return List.copyOf(keys.periods());
  }

  /**
   * Makes sure the mailbox holds its keys for the current month and the next: fetches the community
   * first if needed. Returns whether it does (false: the KMS could not be asked or refused; logged).
   */
  synchronized boolean provision() {
    KeyPeriod now = KeyPeriod.containing(clock.instant());
    if (role != null && keys.get(now).isPresent() && keys.get(now.next()).isPresent()) {
      return true;
    }
    try {
      if (role == null) {
        Community c = CommunityDocument.decode(kms.get(org.ddsec.server.kms.KmsServer.COMMUNITY, CommunityDocument.MEDIA_TYPE,
            CommunityDocument.MAX_BYTES));
        if (!c.kmsId().equals(config.role().kmsId())) {
          throw new MikeyException(MikeyException.Reason.IDENTITY_REFUSED, "kms-id", c.kmsId() + " (expected: " + config.role().kmsId() + ")");
        }
        requester = new KeyRequester(new KeyRequester.Config(config.role().mailboxId(), config.role().keyId(), config.role().kmsId()), config.km(),
            c, keys, clock, random, trace);
        role = new IbakeMailbox(new IbakeMailbox.Config(config.role().mailboxId(), mode, config.role().maxSkew(), config.role().pendingTimeout()), c,
            keys, u -> config.users().contains(u), staging, replay, clock, random, trace, InsecureAuditTap.NONE);
      }
      List<KeyPeriod> missing = java.util.stream.Stream.of(now, now.next()).filter(p -> keys.get(p).isEmpty()).toList();
      if (!missing.isEmpty()) {
        List<KeyPeriod> got = requester.onResponse(kms.exchange(requester.request(missing)));
        LOG.info("mailbox ibake keys periods={} (RSK and SSK validated)", got);
      }
      return keys.get(now).isPresent();
    } catch (KmsLink.Unavailable e) {
      LOG.warn("mailbox ibake keys outcome=unavailable reason=\"{}\"", String.valueOf(e.getMessage()).replace('"', '\''));
    } catch (MikeyException e) {
      LOG.warn("mailbox ibake keys outcome=refused err={} reason=\"{}\"", e.errorCode().rfcName(), e.getMessage().replace('"', '\''));
    }
    return false;
  }

  /** Seed Fig. 27 steps 2–3: an INVITE whose offer holds an I_MESSAGE_1. */
  DepositAnswer onInvite(DepositOffer offer) {
    String callee = MailboxService.normalise(offer.callee());
    if (!offer.reliableProvisionals()) {
      return service.reject(offer, 421, "100rel required: MIKEY-IBAKE takes a reliable 183 and a PRACK (RFC 3262)", Bytes.EMPTY, null);
    }
    IbakeMessages.Received r;
    try {
      r = IbakeMessages.parse(offer.mikey(), DataType.I_MESSAGE_1, mode);
    } catch (MikeyException e) {
      return service.reject(offer, SipStatus.NOT_ACCEPTABLE_HERE, "key management refused: " + e.errorCode().rfcName(),
          MikeyMessages.error(MikeyMessages.csbIdOf(offer.mikey().toByteArray()), e.errorCode(), clock.instant()).encoded(), e);
    }
    if (!r.idR().equals(callee) || !r.idI().equals(MailboxService.normalise(offer.caller()))) {
      return service.reject(offer, SipStatus.FORBIDDEN, "SIP and MIKEY identities differ", Bytes.EMPTY, null);
    }
    if (!provision()) {
      return service.reject(offer, SipStatus.SERVICE_UNAVAILABLE, "no IBAKE keys (KMS unreachable)", Bytes.EMPTY, null);
    }
    ResponderOutcome<StoredMessage> o = role.onMessage(offer.mikey());
    if (o.refusal().isPresent() || o.reply().isEmpty()) {
      MikeyException e = o.refusal().orElseThrow();
      return service.reject(offer, e.reason() == MikeyException.Reason.REPLAY ? SipStatus.FORBIDDEN : SipStatus.of(e),
          "key management refused: " + e.errorCode().rfcName(), o.reply().orElse(Bytes.EMPTY), e);
    }
    CsIdMap.SrtpCs cs = IbakeMessages.crypto(r.message());
    DatagramChannel ch;
    try {
      ch = service.openRtp();
    } catch (IOException e) {
      return service.reject(offer, SipStatus.SERVICE_UNAVAILABLE, "cannot receive media", o.reply().get(), e);
    }
    InetSocketAddress local;
    try {
      local = (InetSocketAddress) ch.getLocalAddress();
    } catch (IOException e) {
      close(ch);
      return service.reject(offer, SipStatus.SERVICE_UNAVAILABLE, "cannot receive media", Bytes.EMPTY, e);
    }
    pending.put(offer.callId(), new Pending(offer, ch, r.csbId(), cs.ssrc(), cs.roc(), r.idI(), r.idR(), clock.instant()));
    LOG.info("mailbox invite call-id={} solution=ibake-dd outcome=progress from={} to={} rtp={} ssrc={}", offer.callId(), r.idI(), r.idR(), local,
        cs.ssrc());
    return new DepositAnswer.Progress(o.reply().get(), local, offer.payloadType());
  }

  /** Seed Fig. 27 steps 6–7: the PRACK's I_MESSAGE_2; the message is staged and its capture begins. */
  DepositAnswer onPrack(String callId, Bytes mikey) {
    Pending p = pending.remove(callId);
    if (p == null) {
      return new DepositAnswer.Reject(SipStatus.NOT_ACCEPTABLE_HERE, "no MIKEY-IBAKE exchange awaits this PRACK", Bytes.EMPTY);
    }
    DepositOffer offer = p.offer();
    if (mikey.length() < 2 || (mikey.get(1) & 0xFF) != DataType.I_MESSAGE_2.code() || MikeyMessages.csbIdOf(mikey.toByteArray()) != p.csb()) {
      close(p.channel());
      return service.reject(offer, SipStatus.NOT_ACCEPTABLE_HERE, "PRACK offer: not the I_MESSAGE_2 of this exchange", Bytes.EMPTY, null);
    }
    ResponderOutcome<StoredMessage> o = role.onMessage(mikey);
    if (o.established().isEmpty() || o.reply().isEmpty()) {
      close(p.channel());
      MikeyException e = o.refusal().orElseThrow();
      return service.reject(offer, e.reason() == MikeyException.Reason.REPLAY ? SipStatus.FORBIDDEN : SipStatus.of(e),
          "key management refused: " + e.errorCode().rfcName(), o.reply().orElse(Bytes.EMPTY), e);
    }
    StoredMessage m = o.established().get();
    MessageRow row = new MessageRow(m);
    return service.beginDeposit(offer, row, p.roc(), p.csb(), IbakeProfile.CS_ID, p.ssrc(), p.channel(), o.reply().get());
  }

  /** The dialog ended before its PRACK was answered: returns whether it was one of ours (its socket closed). */
  boolean onEndedBeforePrack(String callId, DepositHandler.EndReason reason) {
    Pending p = pending.remove(callId);
    if (p == null) {
      return false;
    }
    close(p.channel());
    LOG.info("mailbox deposit call-id={} solution=ibake-dd outcome=discarded reason={} (before the PRACK)", callId,
        reason.name().toLowerCase(java.util.Locale.ROOT));
    return true;
  }

  /** Backstop: exchanges whose PRACK never came (the front's PRACK timeout is 64·T1) are dropped after {@code limit}. */
  void expire(Instant limit) {
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      if (e.getValue().createdAt().isBefore(limit) && pending.remove(e.getKey(), e.getValue())) {
        close(e.getValue().channel());
      }
    }
  }

  void close() {
    for (String id : List.copyOf(pending.keySet())) {
      onEndedBeforePrack(id, DepositHandler.EndReason.ERROR);
    }
  }

  private static void close(DatagramChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** IBAKE-DD's row: {@code ibake_message}, staged in {@link StagingMessageStore}. */
  private final class MessageRow implements PendingRow {
    private final StoredMessage message;

    MessageRow(StoredMessage message) {
      this.message = Objects.requireNonNull(message, "message");
    }

    @Override
    public Bytes msgId() {
      return message.msgId();
    }

    @Override
    public void commit(MediaSummary media) {
      Instant at = staging.staged(message.msgId()).map(d -> d.depositedAt()).orElse(clock.instant());
      store.store(message, at, Optional.of(media));
    }

    @Override
    public void release() {
      staging.release(message.msgId());
    }
  }
}
