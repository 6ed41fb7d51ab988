package org.ddsec.protocol.ibakedd.recipient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.mikey.TrafficKeys;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.payload.EskPayload;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.DeferredMessage;
import org.ddsec.protocol.ibakedd.IbakeInbox;
import org.ddsec.protocol.ibakedd.IbakeMessages;
import org.ddsec.protocol.ibakedd.IbakeMessages.EskContent;
import org.ddsec.protocol.ibakedd.IbakeMessages.Received;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.IbakeProfile;
import org.ddsec.protocol.ibakedd.StoredMessage;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.trace.Trace;

/**
 * UE-B coming online (seed Fig. 27 steps 10–12): lists its messages at the mailbox and opens
 * each one — "B can obtain the encrypted value of aP from the mailbox server" — by decrypting the
 * ESK {@code E_B(ID-A, SK)} with its own key for the month the message was left in, then derives
 * the SRTP master key and salt of the stored media from SK.
 *
 * <p>In the signed profile B does not rely on the mailbox for the originator or the integrity of
 * the key: it verifies A's ECCSI signature over the stored I_MESSAGE_2, ESK included, itself. In
 * the strict RFC 6267 profile it can only compare the mailbox's word with the identity inside the
 * ESK, which whoever made the ESK chose.
 *
 * <p>States: idle → awaiting the inbox → idle. Opening an entry changes no state.
 */
public final class IbakeRecipient {

  /** B's identity, its mailbox, the profile, and how old a stored message may be. */
  public record Config(String uri, String mailboxUri, IbakeMode mode, Duration retention, Duration maxSkew) {
    public Config {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(mailboxUri, "mailboxUri");
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(retention, "retention");
      Objects.requireNonNull(maxSkew, "maxSkew");
    }

    public static Config of(String uri, String mailboxUri, IbakeMode mode) {
      return new Config(uri, mailboxUri, mode, IbakeProfile.DEFAULT_RETENTION, IbakeProfile.DEFAULT_MAX_SKEW);
    }
  }

  private final Config config;
  private final Community community;
  private final UserKeys keys;
  private final Clock clock;
  private final Trace trace;
  private boolean awaitingInbox;

  public IbakeRecipient(Config config, Community community, UserKeys keys, Clock clock, Trace trace) {
    this.config = Objects.requireNonNull(config, "config");
    this.community = Objects.requireNonNull(community, "community");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.trace = Objects.requireNonNull(trace, "trace");
  }

  public String uri() {
    return config.uri();
  }

  /** Seed Fig. 27 step 10: ask the mailbox for our messages. */
  public synchronized Bytes inboxRequest() {
    awaitingInbox = true;
    trace.record("10", config.uri(), config.mailboxUri(), "inbox request (HTTPS, GBA)",
        "ID-B = " + config.uri() + "; B authenticates to the mailbox (not shown in the seed's figure)");
    return IbakeInbox.encodeRequest(config.uri());
  }

  /**
   * Seed Fig. 27 step 11: the mailbox's list.
   *
   * @throws MikeyException REFUSED if no inbox request is open; a decoding reason
   */
  public synchronized List<StoredMessage> onInboxResponse(Bytes bytes) throws MikeyException {
    if (!awaitingInbox) {
      throw new MikeyException(Reason.REFUSED, "inbox response", "unsolicited (expected: an answer to our request)");
    }
    List<StoredMessage> entries = IbakeInbox.decodeResponse(bytes);
    awaitingInbox = false;
    return entries;
  }

  /**
   * Seed Fig. 27 step 12: opens one stored message.
   *
   * @throws MikeyException IDENTITY_REFUSED when the entry is not for us, names another originator
   *     than its I_MESSAGE_2 or ESK, or was not left at our mailbox; AUTH_FAILURE when A's
   *     signature (signed profile) or the ESK's IBE does not verify; INVALID_TIMESTAMP for a message
   *     beyond retention; REFUSED when we hold no key for the month it was left in; MALFORMED or
   *     TICKET_REFUSED for a stored message that is not what the entry says
   */
  public DeferredMessage open(StoredMessage entry) throws MikeyException {
    if (!entry.idB().equals(config.uri())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "inbox ID-B", entry.idB() + " (expected: " + config.uri() + ")");
    }
    Received r = IbakeMessages.parse(entry.iMessage2(), DataType.I_MESSAGE_2, config.mode());
    if (!r.idI().equals(entry.idA())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "inbox ID-A", entry.idA() + " (expected: " + r.idI() + ", the IDRi of the stored I_MESSAGE_2)");
    }
    if (!r.idR().equals(config.mailboxUri())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRr", r.idR() + " (expected: " + config.mailboxUri() + ", our mailbox)");
    }
    EskPayload esk = r.esk().orElseThrow(() -> new MikeyException(Reason.MALFORMED, "ESK", "missing (expected: E_B(ID-A, SK))"));
    if (!IbakeMessages.messageId(esk).equals(entry.msgId())) {
      throw new MikeyException(Reason.TICKET_REFUSED, "inbox msg-id", entry.msgId().hex() + " (expected: "
          + IbakeMessages.messageId(esk).hex() + ", the digest of the ESK)");
    }
    // The stored hop: A's T against the retention period, not against the clock skew.
    Instant sent = r.instant();
    Instant now = clock.instant();
    if (sent.isAfter(now.plus(config.maxSkew())) || sent.plus(config.retention()).isBefore(now)) {
      throw new MikeyException(Reason.INVALID_TIMESTAMP, "T", sent + " (expected: within the retention of " + config.retention().toDays()
          + " days before " + now + ")");
    }
    KeyPeriod period = KeyPeriod.containing(sent);
    boolean verified = config.mode() == IbakeMode.DDSEC_SIGNED;
    if (verified) {
      IbakeMessages.verifySignature(r, community, IbakeMessages.identity(period, r.idI(), "IDRi"));
    }
    var mine = keys.get(period).orElseThrow(() -> new MikeyException(Reason.REFUSED, "key period",
        period + " (expected: a month we hold keys for: " + keys.periods() + ")"));
    EskContent c = IbakeMessages.decryptEsk(mine.rsk(), DataType.I_MESSAGE_2, r.csbId(), esk);
    if (!c.id().equals(r.idI())) {
      c.close();
      throw new MikeyException(Reason.IDENTITY_REFUSED, "ESK ID", c.id() + " (expected: " + r.idI() + ", the originator)");
    }
    TrafficKeys srtp = IbakeMessages.srtpKeys(c.sk(), r.csbId(), r.rand().orElseThrow());
    trace.record("12", config.uri(), config.uri(), "opens the message",
        (verified ? "A's ECCSI signature over I_MESSAGE_2 (ESK included) verified: originator " + r.idI() + "\n"
            : "originator " + r.idI() + " on the mailbox's word and the ESK's ID (strict RFC 6267: nothing signed)\n")
            + "ESK decrypted with B's RSK for " + period + " -> SK -> SRTP master key + salt; plays the message");
    return new DeferredMessage(entry.msgId(), r.idI(), verified, r.csbId(), IbakeMessages.crypto(r.message()).ssrc(), c.sk(), srtp);
  }
}
