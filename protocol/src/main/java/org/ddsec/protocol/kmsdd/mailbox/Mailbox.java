package org.ddsec.protocol.kmsdd.mailbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.MikeyLabels.TicketMessage;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.KemacPayload;
import org.ddsec.mikey.payload.KeyDataPayload;
import org.ddsec.mikey.payload.KeyDataType;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.RandRole;
import org.ddsec.mikey.payload.RandRolePayload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.protocol.kmsdd.BaseTickets;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.InboxMessages;
import org.ddsec.protocol.kmsdd.KmsDdProfile;
import org.ddsec.protocol.kmsdd.ReceivedTicket;
import org.ddsec.protocol.kmsdd.Thdr.KeysThdr;
import org.ddsec.protocol.kmsdd.Thdr.RequestThdr;
import org.ddsec.protocol.kmsdd.Thdr.TokenThdr;
import org.ddsec.protocol.kmsdd.TransferInit;
import org.ddsec.protocol.mikey.KemacPayloads;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.store.ReplayCache;
import org.ddsec.protocol.trace.Trace;

/**
 * B's mailbox, the deferred delivery server of KMS-DD: it answers a forwarded TRANSFER_INIT for
 * one of its users by resolving A's ticket at the KMS (seed Fig. 17/19 steps 3–7), stores the
 * retrieval token with A's TRANSFER_INIT, and hands both to the recipient later (Fig. 18 steps
 * 2–3). It never holds K, the SRTP keys, Ka or Kb.
 *
 * <p>States per deposit: a pending resolve (keyed by the RESOLVE_INIT's CSB ID, with a deadline)
 * → stored, or → refused. A response that does not authenticate leaves the pending state as it
 * was; an Error message from the KMS ends it. Nothing is stored before the KMS's RESOLVE_RESP
 * verified (and, with e2m, before A's TRANSFER_INIT verified under MPKi).
 */
public final class Mailbox {

  /** The mailbox's identity and peers. */
  public record Config(String mailboxId, String keyId, String kmsId, Duration maxSkew, Duration pendingTimeout) {
    public Config {
      Objects.requireNonNull(mailboxId, "mailboxId");
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(kmsId, "kmsId");
      Objects.requireNonNull(maxSkew, "maxSkew");
      Objects.requireNonNull(pendingTimeout, "pendingTimeout");
    }

    public static Config of(String mailboxId, String keyId, String kmsId) {
      return new Config(mailboxId, keyId, kmsId, KmsDdProfile.DEFAULT_MAX_SKEW, Duration.ofSeconds(30));
    }
  }

  /** Where an outbound message goes. */
  public enum Destination {
    KMS,
    CALLER,
    /** Nothing is sent: the input was dropped (see the refusal). */
    NONE
  }

  /** The result of one input: a message for a destination, and why the input was refused if it was. */
  public record Outcome(Destination to, Bytes message, Optional<MikeyException> refusal) {
    static Outcome send(Destination to, Bytes message) {
      return new Outcome(to, message, Optional.empty());
    }

    static Outcome refuse(Destination to, Bytes message, MikeyException why) {
      return new Outcome(to, message, Optional.of(why));
    }

    static Outcome drop(MikeyException why) {
      return new Outcome(Destination.NONE, Bytes.EMPTY, Optional.of(why));
    }
  }

  private record Pending(TransferInit ti, Bytes resolveInit, Bytes randRr, boolean e2m, Instant deadline) {}

  private final Config config;
  private final SecretBytes km;
  private final Predicate<String> serves;
  private final MailboxStore store;
  private final ReplayCache replay;
  private final Clock clock;
  private final RandomSource random;
  private final Trace trace;
  private final InsecureAuditTap tap;
  private final Map<Long, Pending> pending = new HashMap<>();

  public Mailbox(Config config, SecretBytes km, Predicate<String> serves, MailboxStore store, ReplayCache replay, Clock clock,
      RandomSource random, Trace trace, InsecureAuditTap tap) {
    this.config = Objects.requireNonNull(config, "config");
    this.km = Objects.requireNonNull(km, "km");
    this.serves = Objects.requireNonNull(serves, "serves");
    this.store = Objects.requireNonNull(store, "store");
    this.replay = Objects.requireNonNull(replay, "replay");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.trace = Objects.requireNonNull(trace, "trace");
    this.tap = Objects.requireNonNull(tap, "tap");
  }

  public String mailboxId() {
    return config.mailboxId();
  }

  /** Deposits awaiting the KMS. */
  public synchronized int pendingCount() {
    return pending.size();
  }

  /**
   * Seed Fig. 17 step 3 → 4: a TRANSFER_INIT forwarded by the IMS core. Returns the
   * RESOLVE_INIT_PSK for the KMS, or an Error message for the caller.
   */
  public synchronized Outcome onTransferInit(Bytes bytes) {
    Instant now = clock.instant();
    expire(now);
    tap.observed("received TRANSFER_INIT", bytes.toByteArray());
    TransferInit ti;
    try {
      ti = TransferInit.parse(bytes);
      MikeyMessages.checkSkew(ti.t(), now, config.maxSkew(), "T");
      if (!serves.test(ti.idB())) {
        throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", ti.idB() + " (expected: a user of " + config.mailboxId() + ")");
      }
      boolean e2m = RequestThdr.parse(BaseTickets.structure(ti.requestTicket()).thdrData()).e2m();
      Bytes id = ti.t().tsValue().concat(ti.ra()).concat(ti.message().payloadBytes(ti.message().payloads().size() - 1));
      if (!replay.firstSeen(id, MikeyMessages.instant(ti.t()).plus(config.maxSkew()), now)) {
        throw new MikeyException(Reason.REPLAY, "V", "this TRANSFER_INIT was received before (expected: a fresh message)");
      }
      String fig = e2m ? "19" : "17";
      long csb = random.nextU32();
      Bytes randRr = Bytes.of(random.bytes(KmsDdProfile.RAND_BYTES));
      CommonHeader h = new CommonHeader(DataType.RESOLVE_INIT_PSK, true, KmsDdProfile.PRF_CODE, csb, new CsIdMap.EmptyMap(0));
      List<Payload> body = List.of(MikeyMessages.timestamp(now), new RandRolePayload(RandRole.RANDRR, randRr),
          MikeyMessages.uri(IdRole.IDRR, config.mailboxId()), MikeyMessages.uri(IdRole.IDRKMS, config.kmsId()),
          ti.requestTicket().ticket(), MikeyMessages.uri(IdRole.IDRPSK, config.keyId()));
      MikeyMessage ri;
      try (MessageKeys k = keys(TicketMessage.INITIAL, csb, randRr)) {
        ri = VerificationPayloads.seal(h, body, KmsDdProfile.MAC, k.authKey(), Bytes.utf8(config.mailboxId()).toByteArray(),
            Bytes.utf8(config.kmsId()).toByteArray());
      }
      pending.put(csb, new Pending(ti, ri.encoded(), randRr, e2m, now.plus(config.pendingTimeout())));
      trace.record(fig + ".4", config.mailboxId(), config.kmsId(), "RESOLVE_INIT_PSK",
          MikeyMessages.summary(ri) + "\nV under Km = Em(ID-A, ID-Bm)");
      tap.observed("sent RESOLVE_INIT", ri.encoded().toByteArray());
      return Outcome.send(Destination.KMS, ri.encoded());
    } catch (MikeyException e) {
      if (e.reason() == Reason.REPLAY) {
        // RFC 3830 §5.4: a replayed message is discarded. Answering it would end the caller's
        // live exchange, whose CSB ID the copy carries.
        return Outcome.drop(e);
      }
      return refuseCaller(MikeyMessages.csbIdOf(bytes.toByteArray()), e, now);
    }
  }

  /**
   * Seed Fig. 17 step 6 → 7: the KMS's answer. Returns the TRANSFER_RESP (or an Error message) for
   * the caller, or drops a response that matches nothing or does not authenticate.
   */
  public synchronized Outcome onResolveResp(Bytes bytes) {
    Instant now = clock.instant();
    expire(now);
    tap.observed("received RESOLVE_RESP", bytes.toByteArray());
    long csb = MikeyMessages.csbIdOf(bytes.toByteArray());
    Pending p = pending.get(csb);
    if (p == null) {
      return Outcome.drop(new MikeyException(Reason.REFUSED, "CSB ID", String.format("%08x (expected: a pending request)", csb)));
    }
    MikeyMessage m;
    try {
      m = MikeyMessages.decodeAnswer(bytes, DataType.RESOLVE_RESP);
      try (MessageKeys k = keys(TicketMessage.RESPONSE, csb, p.randRr)) {
        VerificationPayloads.verify(m, k.authKey(), p.resolveInit.toByteArray());
      }
    } catch (MikeyException e) {
      if (e.reason() == Reason.PEER_ERROR) {
        pending.remove(csb);
        return refuseCaller(p.ti.csbId(), e, now);
      }
      return Outcome.drop(e);
    }
    // Authentic from here on: the deposit either completes or is refused for good.
    pending.remove(csb);
    String fig = p.e2m ? "19" : "17";
    try {
      Bytes msgId = p.ti.msgId();
      ReceivedTicket keysTicket = ReceivedTicket.find(m, KmsDdProfile.TICKET_KEYS, "keys TICKET");
      ReceivedTicket token = ReceivedTicket.find(m, KmsDdProfile.TICKET_TOKEN, "token TICKET");
      KmsDdProfile.checkPolicy(token.ticket().policy(), KmsDdProfile.TICKET_TOKEN, "token");
      if (!TokenThdr.parse(BaseTickets.structure(token).thdrData()).msgId().equals(msgId)
          || !KeysThdr.parse(BaseTickets.structure(keysTicket).thdrData()).msgId().equals(msgId)) {
        throw new MikeyException(Reason.TICKET_REFUSED, "THDR msg-id", "(expected: " + msgId.hex() + ", this deposit's)");
      }
      List<KemacPayload> kemacs = MikeyMessages.all(m.payloads(), KemacPayload.class);
      TimestampPayload t = MikeyMessages.one(m.payloads(), TimestampPayload.class, "T");
      byte[] ke2m = null;
      if (p.e2m) {
        if (kemacs.size() != 1) {
          throw new MikeyException(Reason.MALFORMED, "KEMAC", kemacs.size() + " payloads (expected: 1 with e2m)");
        }
        List<Payload> keys;
        try (MessageKeys k = keys(TicketMessage.RESPONSE, csb, p.randRr)) {
          keys = KemacPayloads.decryptVerified(kemacs.get(0), k, csb, t.asUint64(), PayloadType.KEY_DATA);
        }
        if (keys.size() != 2 || !(keys.get(0) instanceof KeyDataPayload mpki) || !(keys.get(1) instanceof KeyDataPayload e2mKey)
            || mpki.keyType() != KeyDataType.MPK || e2mKey.keyType() != KeyDataType.MPK) {
          throw new MikeyException(Reason.MALFORMED, "KEMAC data", "(expected: MPK = MPKi, MPK = Ke2m)");
        }
        tap.observed("decrypted MPKi", mpki.keyData().unsafeBytes());
        tap.observed("decrypted Ke2m", e2mKey.keyData().unsafeBytes());
        // Fig. 19: A is authenticated to the mailbox before anything is stored.
        p.ti.verify(mpki.keyData());
        ke2m = e2mKey.keyData().unsafeBytes();
        mpki.keyData().close();
      } else if (!kemacs.isEmpty()) {
        throw new MikeyException(Reason.MALFORMED, "KEMAC", "present (expected: none without e2m)");
      }

      DepositParameters params = new DepositParameters(msgId, p.ti.idA(), p.ti.idB(), p.ti.message().encoded(), token.body());
      store.store(new DepositRecord(params, now));
      tap.observed("stored token", token.body().toByteArray());
      tap.observed("stored TRANSFER_INIT", p.ti.message().encoded().toByteArray());

      // Fig. 17 step 7: TRANSFER_RESP with Ea(Ra, K[, Ke2m]).
      CommonHeader h = new CommonHeader(DataType.TRANSFER_RESP, false, KmsDdProfile.PRF_CODE, p.ti.csbId(), p.ti.message().header().csIdMap());
      MikeyMessage tr;
      if (p.e2m) {
        List<Payload> body = List.of(MikeyMessages.timestamp(now), MikeyMessages.uri(IdRole.IDRR, config.mailboxId()), keysTicket.ticket());
        try (SecretBytes e = SecretBytes.wrap(ke2m);
            MessageKeys k = MikeyKeyDerivation.ticketMessageKeys(KmsDdProfile.PRF, e, p.ti.csbId(), TicketMessage.RESPONSE,
                p.ti.ra().toByteArray(), new byte[0], KmsDdProfile.KEY_LENGTHS)) {
          tr = VerificationPayloads.seal(h, body, KmsDdProfile.MAC, k.authKey(), p.ti.message().encoded().toByteArray());
        }
      } else {
        // No key shared with A: T is the keys ticket's own (authenticated by the KMS), so that A can check it.
        TimestampPayload ticketT = (TimestampPayload) BaseTickets.structure(keysTicket).payloads().get(0);
        tr = MikeyCodec.encode(h, List.of(ticketT, MikeyMessages.uri(IdRole.IDRR, config.mailboxId()), keysTicket.ticket()));
      }
      trace.record(fig + ".7", config.mailboxId(), "IMS core", "TRANSFER_RESP (200 OK)",
          MikeyMessages.summary(tr) + "\nTICKET(0xFDD2) = Ea(Ra, K" + (p.e2m ? ", Ke2m)" : ")") + (p.e2m ? ", V under Ke2m" : ", no V (no key with A)")
              + "\nstored msg-id " + msgId.hex().substring(0, 8) + "…: TRANSFER_INIT + token Ekms(Ka)");
      tap.observed("sent TRANSFER_RESP", tr.encoded().toByteArray());
      return Outcome.send(Destination.CALLER, tr.encoded());
    } catch (MikeyException e) {
      return refuseCaller(p.ti.csbId(), e, now);
    } catch (IllegalStateException e) {
      return refuseCaller(p.ti.csbId(), new MikeyException(Reason.REPLAY, "msg-id", "already stored (expected: a new deposit)"), now);
    }
  }

  /** Seed Fig. 18 step 2 → 3: the recipient asks for its messages. */
  public synchronized Outcome onInboxRequest(Bytes request) {
    try {
      String idB = InboxMessages.decodeRequest(request);
      List<DepositParameters> out = new ArrayList<>();
      for (DepositRecord r : store.forRecipient(idB)) {
        out.add(r.parameters());
      }
      Bytes resp = InboxMessages.encodeResponse(out);
      trace.record("18.3", config.mailboxId(), idB, "inbox response",
          out.size() + " message(s): msg-id, ID-A, ID-B, TRANSFER_INIT [Ea(Ra, ID-A, ID-B)], token Ekms(Ka)");
      return Outcome.send(Destination.CALLER, resp);
    } catch (MikeyException e) {
      return Outcome.drop(e);
    }
  }

  private Outcome refuseCaller(long csbId, MikeyException e, Instant now) {
    trace.record("!", config.mailboxId(), config.mailboxId(), "refused", e.getMessage() + " -> ERR " + e.errorCode().rfcName());
    ErrorCode code = e.errorCode();
    return Outcome.refuse(Destination.CALLER, MikeyMessages.error(csbId, code, now).encoded(), e);
  }

  private MessageKeys keys(TicketMessage kind, long csb, Bytes randRr) {
    return MikeyKeyDerivation.ticketMessageKeys(KmsDdProfile.PRF, km, csb, kind, new byte[0], randRr.toByteArray(), KmsDdProfile.KEY_LENGTHS);
  }

  private void expire(Instant now) {
    pending.values().removeIf(p -> now.isAfter(p.deadline));
  }
}
