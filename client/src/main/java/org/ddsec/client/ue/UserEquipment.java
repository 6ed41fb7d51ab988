package org.ddsec.client.ue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import javax.net.ssl.SSLContext;
import org.ddsec.client.gba.UeGbaClient;
import org.ddsec.client.kms.KmsClient;
import org.ddsec.client.kms.KmsClientException;
import org.ddsec.client.mailbox.MailboxClient;
import org.ddsec.client.mailbox.MailboxClientException;
import org.ddsec.client.mailbox.MessageSummary;
import org.ddsec.client.media.RtpSender;
import org.ddsec.client.sip.SipException;
import org.ddsec.client.sip.SipUserAgent;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.media.audio.AudioConversion;
import org.ddsec.media.audio.G711;
import org.ddsec.media.audio.PcmAudio;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.playback.MessagePlayer;
import org.ddsec.media.srtp.SrtpMasterKey;
import org.ddsec.media.srtp.SrtpSuite;
import org.ddsec.media.stream.VoiceStream;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.mikey.TrafficKeys;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyException;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.gba.GbaClientException;
import org.ddsec.protocol.gba.Usim;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.CommunityDocument;
import org.ddsec.protocol.ibakedd.DeferredMessage;
import org.ddsec.protocol.ibakedd.IbakeCall;
import org.ddsec.protocol.ibakedd.IbakeMessages;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.initiator.Initiator;
import org.ddsec.protocol.ibakedd.provisioning.KeyRequester;
import org.ddsec.protocol.ibakedd.recipient.IbakeRecipient;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.caller.CallKeys;
import org.ddsec.protocol.kmsdd.caller.Caller;
import org.ddsec.protocol.kmsdd.recipient.Recipient;
import org.ddsec.protocol.kmsdd.recipient.RetrievedKeys;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.SipParseException;
import org.ddsec.protocol.sip.sdp.Attribute;
import org.ddsec.protocol.sip.sdp.KeyMgmt;
import org.ddsec.protocol.sip.sdp.MediaDescription;
import org.ddsec.protocol.sip.sdp.SessionDescription;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.sip.SipObserver;

/**
 * A UE of deferred delivery, on real protocols: GBA bootstrapping with its USIM over HTTPS (Ub),
 * SIP REGISTER and INVITE over TLS to the IMS core, the KMS-DD caller and recipient roles — and
 * the IBAKE-DD ones (seed Fig. 27: key provisioning from the IBAKE KMS under Ks_NAF, the
 * initiator's two rounds in the INVITE/183 and PRACK/200, the recipient opening the ESK) — SRTP
 * streaming of a voice message over UDP, the mailbox's HTTPS inbox with GBA-based Digest (TS
 * 33.222), the KMS over HTTPS, and playback of the stored SRTP.
 *
 * <p>Blocking; one operation at a time. Key material stays in {@link SecretBytes}; the one
 * exception is {@link Deposit#insecureKeys()}, which the demo uses to prove the mailbox never
 * stored K.
 */
public final class UserEquipment implements AutoCloseable {

  /**
   * Who the UE is and where its network is.
   *
   * @param ibakeMode the MIKEY-IBAKE profile of its IBAKE-DD calls and retrievals (the mailbox's
   *     must be the same)
   * @param ibake whether the deployment's deferred delivery is IBAKE-DD rather than KMS-DD: which
   *     family a front end such as {@code ./ddsec ue} uses ({@link #callMailbox} or {@link
   *     #callMailboxIbake}, …); the UE itself offers both
   */
  public record Config(String impu, String impi, SecretBytes k, SecretBytes opc, URI bsfUb, Hop imsCore, String kmsId, String kmsFqdn,
      URI kms, String mailboxId, String mailboxFqdn, URI mailbox, SSLContext tls, boolean e2m, Duration timeout, IbakeMode ibakeMode,
      boolean ibake) {

    /** A KMS-DD configuration (ddsec's signed IBAKE profile should IBAKE-DD be used). */
    public Config(String impu, String impi, SecretBytes k, SecretBytes opc, URI bsfUb, Hop imsCore, String kmsId, String kmsFqdn, URI kms,
        String mailboxId, String mailboxFqdn, URI mailbox, SSLContext tls, boolean e2m, Duration timeout) {
      this(impu, impi, k, opc, bsfUb, imsCore, kmsId, kmsFqdn, kms, mailboxId, mailboxFqdn, mailbox, tls, e2m, timeout, IbakeMode.DDSEC_SIGNED,
          false);
    }

    public Config withIbakeMode(IbakeMode m) {
      return new Config(impu, impi, k, opc, bsfUb, imsCore, kmsId, kmsFqdn, kms, mailboxId, mailboxFqdn, mailbox, tls, e2m, timeout, m, ibake);
    }

    /** This configuration for an IBAKE-DD deployment in profile {@code m}. */
    public Config withIbake(IbakeMode m) {
      return new Config(impu, impi, k, opc, bsfUb, imsCore, kmsId, kmsFqdn, kms, mailboxId, mailboxFqdn, mailbox, tls, e2m, timeout, m, true);
    }

    public Config {
      Objects.requireNonNull(impu, "impu");
      Objects.requireNonNull(impi, "impi");
      Objects.requireNonNull(k, "k");
      Objects.requireNonNull(opc, "opc");
      Objects.requireNonNull(bsfUb, "bsfUb");
      Objects.requireNonNull(imsCore, "imsCore");
      Objects.requireNonNull(kmsId, "kmsId");
      Objects.requireNonNull(kmsFqdn, "kmsFqdn");
      Objects.requireNonNull(kms, "kms");
      Objects.requireNonNull(mailboxId, "mailboxId");
      Objects.requireNonNull(mailboxFqdn, "mailboxFqdn");
      Objects.requireNonNull(mailbox, "mailbox");
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(ibakeMode, "ibakeMode");
    }

    /** The SIP user part, used as the UA's name in traces. */
    public String name() {
      return impu.replaceFirst("^sips?:", "").replaceFirst("@.*", "");
    }
  }

  /**
   * A message left in a mailbox: the call, what was sent ({@code sent} is null when the call was
   * hung up without streaming), and (for the demo's proof only) the keys: KMS-DD's {@code
   * insecureKeys} or IBAKE-DD's {@code insecureIbakeKeys} (the other is null).
   */
  public record Deposit(String callId, Bytes msgId, String answeredBy, int packets, InetSocketAddress mediaTo, PcmAudio sent, G711 codec,
      CallKeys insecureKeys, IbakeCall insecureIbakeKeys) {

    /** SSRC of the voice stream. */
    public long ssrc() {
      return insecureKeys != null ? insecureKeys.ssrc() : insecureIbakeKeys.ssrc();
    }

    /** The SRTP master key and salt the message went under (for the demo's proof only). */
    public TrafficKeys insecureSrtp() {
      return insecureKeys != null ? insecureKeys.srtp() : insecureIbakeKeys.srtp();
    }
  }

  /**
   * A message played back: its originator — as the KMS authenticated it (KMS-DD), or as A's ECCSI
   * signature shows it (IBAKE-DD, signed profile; the mailbox's word and the ESK's ID in the strict
   * one) — and the audio; for the demo's proof only, the keys (one of the two is null).
   */
  public record Playback(Bytes msgId, String originator, PcmAudio audio, MessagePlayer.Playback details, RetrievedKeys insecureKeys,
      DeferredMessage insecureIbakeKeys) {}

  /** Anything that stopped an operation; the message names the step and never holds key material. */
  public static final class UeException extends Exception {
    private static final long serialVersionUID = 1L;

    public UeException(String message, Throwable cause) {
      super(message, cause);
    }

    public UeException(String message) {
      super(message);
    }
  }

  private final Config config;
  private final Clock clock;
  private final RandomSource random;
  private final Trace trace;
  private final Trace ibakeTrace;
  private final SipObserver sipObserver;
  private Bootstrapped gba;
  private SipUserAgent sip;
  private Community community;
  private UserKeys ibakeKeys;

  public UserEquipment(Config config, Clock clock, RandomSource random, Trace trace, SipObserver sipObserver) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.trace = Objects.requireNonNull(trace, "trace");
    this.ibakeTrace = Trace.numbered("27", trace); // the MIKEY-IBAKE roles report the bare steps of seed Fig. 27
    this.sipObserver = Objects.requireNonNull(sipObserver, "sipObserver");
  }

  public String impu() {
    return config.impu();
  }

  /** GBA bootstrapping over Ub (TS 33.220 §4.5.2, RFC 3310): the B-TID and Ks. Seed Fig. 17 step 1a / Fig. 18 step 1b. */
  public Bootstrapped bootstrap(String step) throws UeException {
    UeGbaClient ub = new UeGbaClient(config.bsfUb(), config.tls(), config.timeout(), random);
    try (Usim usim = new Usim(config.k(), config.opc())) {
      gba = ub.bootstrap(config.impi(), usim);
    } catch (GbaClientException e) {
      throw new UeException("GBA bootstrap of " + config.impi() + " failed: " + e.getMessage(), e);
    }
    trace.record(step, config.impu(), "BSF", "GBA bootstrap: GET " + config.bsfUb().getPath() + " -> 401, GET (RES digest) -> 200",
        "HTTP Digest AKA (RFC 3310, AKAv1-MD5, qop=auth-int): nonce = base64(RAND || AUTN), USIM checks AUTN\n"
            + "B-TID " + gba.bTid() + "; Ks = CK || IK; Ks_NAF(" + config.kmsFqdn() + ") and Ks_NAF(" + config.mailboxFqdn() + ") derived locally");
    return gba;
  }

  /** SIP REGISTER with the IMS core over TLS (the Gm hop), for one hour. */
  public SipUserAgent.Registration register() throws UeException {
    return register(Duration.ofHours(1));
  }

  /** SIP REGISTER with the IMS core over TLS (the Gm hop), asking for {@code expires}. */
  public SipUserAgent.Registration register(Duration expires) throws UeException {
    try {
      return sipAgent().register(expires);
    } catch (SipException | IOException e) {
      throw new UeException("REGISTER of " + config.impu() + " failed: " + e.getMessage(), e);
    }
  }

  /** Removes this UE's binding from the registrar ({@code Expires: 0}): the UE is offline again. */
  public void unregister() throws UeException {
    try {
      sipAgent().unregister();
    } catch (SipException | IOException e) {
      throw new UeException("REGISTER (remove) of " + config.impu() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Calls {@code callee}; when the call lands at the callee's mailbox (the IMS core forwards it),
   * runs the KMS-DD deposit (seed Fig. 17: TRANSFER_INIT in the INVITE, TRANSFER_RESP in the 200
   * OK), then streams {@code audio} as SRTP to the mailbox, one packet per {@code pacing}, and
   * hangs up.
   */
  public Deposit leaveMessage(String callee, PcmAudio audio, G711 codec, Duration pacing, IntConsumer progress) throws UeException {
    try (OutgoingDeposit d = callMailbox(callee, codec)) {
      d.stream(audio, pacing, progress);
      return d.hangUp();
    }
  }

  /** The number of SRTP packets (20 ms frames of 8 kHz mono, the last padded) {@code audio} makes: a progress bar's length. */
  public static int packetsOf(PcmAudio audio) {
    return (AudioConversion.toNarrowbandMono(audio).frames() + G711.FRAME_SAMPLES - 1) / G711.FRAME_SAMPLES;
  }

  /**
   * The first half of {@link #leaveMessage}: the INVITE with the TRANSFER_INIT, the 200 OK from
   * the callee's mailbox (ACK sent) and the TRANSFER_RESP checked. The caller then {@linkplain
   * OutgoingDeposit#stream streams} and {@linkplain OutgoingDeposit#hangUp hangs up}; closing it
   * without hanging up sends BYE too. A deposit hung up before any packet leaves nothing stored.
   *
   * @throws UeException for a final error response, an answer without SDP or MIKEY, a refused
   *     TRANSFER_RESP (the call is then hung up) or a transport failure
   */
  public OutgoingDeposit callMailbox(String callee, G711 codec) throws UeException {
    Bootstrapped b = requireGba();
    SecretBytes ka = b.ksNaf(NafId.kms(config.kmsFqdn()));
    Caller caller = new Caller(Caller.Config.of(config.impu(), b.bTid(), config.kmsId(), config.e2m()), ka, clock, random, trace);
    long ssrc = random.nextU32();
    Bytes transferInit = caller.call(callee, ssrc);
    DatagramSocket rtp = null;
    try {
      rtp = mediaSocket();
      SessionDescription offer = offer(random.nextU32(), transferInit, rtp, codec);
      SipUserAgent.CallResult r = sipAgent().invite(callee, offer, config.timeout());
      if (!r.established() || r.answer().isEmpty()) {
        r.call().ifPresent(this::hangUpQuietly);
        throw new UeException("INVITE " + callee + ": " + r.status() + " " + r.response().reason());
      }
      SipUserAgent.Call call = r.call().get();
      SessionDescription answer = r.answer().get();
      MediaDescription m = answer.firstMedia("audio").orElse(null);
      Bytes transferResp = m == null ? null : KeyMgmt.mikeyFor(answer, m).orElse(null);
      if (transferResp == null) {
        hangUpQuietly(call);
        throw new UeException("SDP answer: " + (m == null ? "no m=audio" : "no a=key-mgmt:mikey"));
      }
      CallKeys keys;
      InetSocketAddress to;
      try {
        keys = caller.onResponse(transferResp);
        to = new InetSocketAddress(connectionAddress(answer, m), m.port());
      } catch (MikeyException e) {
        hangUpQuietly(call);
        throw new UeException("TRANSFER_RESP refused: " + e.getMessage(), e);
      } catch (UeException e) {
        hangUpQuietly(call);
        throw e;
      }
      OutgoingDeposit d = new OutgoingDeposit(call, new Agreed(keys.msgId(), keys.answeredBy(), keys.ssrc(), keys.srtp(), keys, null,
          (config.e2m() ? "19" : "17") + ".9"), rtp, to, codec);
      rtp = null;
      return d;
    } catch (SipException | SipParseException | IOException e) {
      throw new UeException("call to " + callee + " failed: " + e.getMessage(), e);
    } finally {
      if (rtp != null) {
        rtp.close();
      }
    }
  }

  /** What either solution's key management agreed for a deposit: where the media go and under which keys. */
  private record Agreed(Bytes msgId, String answeredBy, long ssrc, TrafficKeys srtp, CallKeys kmsDd, IbakeCall ibake, String mediaStep) {}

  /**
   * A call the callee's mailbox answered: dialog established (ACK sent), the deposit's keys
   * agreed (KMS-DD or IBAKE-DD), the RTP socket open. Not thread-safe.
   */
  public final class OutgoingDeposit implements AutoCloseable {
    private final SipUserAgent.Call call;
    private final Agreed keys;
    private final DatagramSocket rtp;
    private final InetSocketAddress to;
    private final G711 codec;
    private PcmAudio sent;
    private int packets;
    private boolean hungUp;

    private OutgoingDeposit(SipUserAgent.Call call, Agreed keys, DatagramSocket rtp, InetSocketAddress to, G711 codec) {
      this.call = call;
      this.keys = keys;
      this.rtp = rtp;
      this.to = to;
      this.codec = codec;
    }

    public String callId() {
      return call.callId();
    }

    /** The msg-id of the deposit (the TRANSFER_INIT's; IBAKE-DD: the digest of the ESK). */
    public Bytes msgId() {
      return keys.msgId();
    }

    /** Who answered (the mailbox, as the KMS authenticated it, or as IBAKE authenticated it). */
    public String answeredBy() {
      return keys.answeredBy();
    }

    /** Where the mailbox receives the SRTP (its SDP answer). */
    public InetSocketAddress mediaTo() {
      return to;
    }

    /**
     * Streams {@code audio} as SRTP (seed Fig. 17 step 9), one packet per {@code pacing}; {@code
     * progress} is told the packets sent so far. Once per deposit.
     */
    public int stream(PcmAudio audio, Duration pacing, IntConsumer progress) throws UeException {
      if (sent != null || hungUp) {
        throw new IllegalStateException("stream: " + (hungUp ? "hung up" : "already streamed") + " (expected: once, before hangUp)");
      }
      List<byte[]> srtp;
      try (SrtpMasterKey key = SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, keys.srtp().tek(), keys.srtp().salt())) {
        srtp = VoiceStream.srtpPackets(audio, codec, key, new VoiceStream.Start(keys.ssrc(), (int) (random.nextU32() & 0x7FFF), random.nextU32(), 0));
      }
      try {
        packets = RtpSender.send(rtp, to, srtp, pacing, progress);
      } catch (IOException e) {
        throw new UeException("SRTP to " + to + " failed: " + e.getMessage(), e);
      }
      sent = audio;
      trace.record(keys.mediaStep(), config.impu(), config.mailboxId(), "SRTP voice message (RTP/SAVP, UDP)",
          packets + " packets, one per 20 ms, " + codec + " + AES_CM_128_HMAC_SHA1_80 under keys from " + (keys.ibake() != null ? "SK" : "K")
              + "; to " + to
              + "\nthe mailbox stores them as received: it cannot decrypt them");
      return packets;
    }

    /** BYE (the mailbox commits what it received; with no packet it stores nothing). */
    public Deposit hangUp() throws UeException {
      if (hungUp) {
        throw new IllegalStateException("hangUp: already hung up");
      }
      hungUp = true;
      int bye;
      try {
        bye = call.bye();
      } catch (SipException e) {
        throw new UeException("BYE failed: " + e.getMessage(), e);
      } finally {
        rtp.close();
      }
      if (bye / 100 != 2) {
        throw new UeException("BYE: " + bye);
      }
      return new Deposit(call.callId(), keys.msgId(), keys.answeredBy(), packets, to, sent, codec, keys.kmsDd(), keys.ibake());
    }

    /** Hangs up if not done yet (a failure is ignored) and closes the RTP socket. */
    @Override
    public void close() {
      if (!hungUp) {
        hungUp = true;
        hangUpQuietly(call);
      }
      rtp.close();
    }
  }

  /** The messages waiting in our mailbox (seed Fig. 18 step 2), over HTTPS with GBA Digest. */
  public List<MessageSummary> inbox() throws UeException {
    try {
      return mailboxClient().list();
    } catch (MailboxClientException e) {
      throw new UeException("inbox: " + e.getMessage(), e);
    }
  }

  /**
   * Seed Fig. 18 steps 2–6 for every waiting message and playback: the security parameters from
   * the mailbox, K from the KMS, the stored SRTP from the mailbox, decrypted.
   */
  public List<Playback> retrieveAll() throws UeException {
    Retrieval r = new Retrieval();
    try {
      r.recipient.inboxRequest();
      List<DepositParameters> entries = r.recipient.onInboxResponse(r.mailbox.inbox(config.impu()));
      trace.record("18.3", config.mailboxId(), config.impu(), "200 OK application/vnd.ddsec.inbox",
          entries.size() + " message(s): msg-id, ID-A, ID-B, TRANSFER_INIT [Ea(Ra, ID-A, ID-B)], token Ekms(Ka)");
      List<Playback> out = new java.util.ArrayList<>();
      for (DepositParameters d : entries) {
        out.add(r.play(d));
      }
      return out;
    } catch (MikeyException e) {
      throw new UeException("retrieval refused: " + e.getMessage(), e);
    } catch (MailboxClientException | KmsClientException e) {
      throw new UeException("retrieval failed: " + e.getMessage(), e);
    }
  }

  /**
   * Seed Fig. 18 steps 2–6 for one message: its security parameters ({@code GET
   * /mailbox/v1/messages/{msg-id}}, checked as an inbox answer is), K from the KMS, the stored
   * SRTP, decrypted.
   *
   * @throws UeException also when the mailbox holds no such message for us (404)
   */
  public Playback retrieve(Bytes msgId) throws UeException {
    Retrieval r = new Retrieval();
    try {
      r.recipient.inboxRequest();
      List<DepositParameters> entries = r.recipient.onInboxResponse(r.mailbox.entry(msgId));
      if (entries.size() != 1 || !entries.get(0).msgId().equals(msgId)) {
        throw new UeException("message " + msgId.hex() + ": the mailbox answered " + entries.size() + " other entries (expected: that one)");
      }
      trace.record("18.3", config.mailboxId(), config.impu(), "200 OK application/vnd.ddsec.inbox",
          "message " + msgId.hex() + ": msg-id, ID-A, ID-B, TRANSFER_INIT [Ea(Ra, ID-A, ID-B)], token Ekms(Ka)");
      return r.play(entries.get(0));
    } catch (MikeyException e) {
      throw new UeException("retrieval refused: " + e.getMessage(), e);
    } catch (MailboxClientException | KmsClientException e) {
      throw new UeException("retrieval failed: " + e.getMessage(), e);
    }
  }

  /**
   * The stored media of one message as the mailbox keeps it — the SRTP capture and its metadata,
   * checked against each other — without any key (nothing is asked of the KMS).
   */
  public MailboxClient.StoredFiles fetch(Bytes msgId) throws UeException {
    try {
      return mailboxClient().storedFiles(msgId);
    } catch (MailboxClientException e) {
      throw new UeException("fetch " + msgId.hex() + ": " + e.getMessage(), e);
    }
  }

  /** One retrieval session: the recipient role under Kb, the mailbox and KMS clients. */
  private final class Retrieval {
    final Recipient recipient;
    final MailboxClient mailbox;
    final KmsClient kms;

    Retrieval() throws UeException {
      Bootstrapped b = requireGba();
      SecretBytes kb = b.ksNaf(NafId.kms(config.kmsFqdn()));
      recipient = new Recipient(Recipient.Config.of(config.impu(), b.bTid(), config.kmsId(), config.mailboxId()), kb, clock, random, trace);
      mailbox = mailboxClient();
      kms = new KmsClient(config.kms(), config.tls(), config.timeout());
    }

    /** Steps 4–8 for {@code d}: RESOLVE_INIT to the KMS, K from its RESOLVE_RESP, the stored SRTP, playback. */
    Playback play(DepositParameters d) throws MikeyException, MailboxClientException, KmsClientException {
      Bytes answer = kms.exchange(recipient.retrieve(d));
      RetrievedKeys keys = recipient.onResolveResp(answer);
      StoredMessage stored = mailbox.media(d.msgId());
      trace.record("18.7", config.mailboxId(), config.impu(), "200 OK application/vnd.tcpdump.pcap",
          "the stored SRTP of " + d.msgId().hex().substring(0, 8) + "…: " + stored.packets().size() + " packets, exactly as they arrived");
      try (SrtpMasterKey key = SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, keys.srtp().tek(), keys.srtp().salt())) {
        MessagePlayer.Playback p = MessagePlayer.play(stored, key);
        trace.record("18.8", config.impu(), config.impu(), "plays the message",
            "SRTP decrypted with keys from K: " + p.report() + "\nfrom " + keys.originator() + " (authenticated by the KMS)");
        return new Playback(d.msgId(), keys.originator(), p.audio(), p, keys, null);
      }
    }
  }

  // ---- IBAKE-DD (seed Fig. 27, docs/profile-ibake-dd.md) -------------------------------------------

  /**
   * RFC 6267 §4.2.1, steps K.1–K.4: the community's public parameters from the KMS ({@code GET
   * /kms/v1/ibake/community} over TLS; fetched once), then REQUEST_KEY_PSK under the GBA key Ks_NAF
   * for this UE's identifiers of {@code periods} that it does not hold yet, and the SAKKE RSK and
   * ECCSI SSK/PVT from the REQUEST_KEY_RESP — each validated before it is kept. Returns the
   * periods held afterwards.
   *
   * @throws UeException if the KMS cannot be reached, refuses, or sends a key that fails validation
   */
  public java.util.SortedSet<KeyPeriod> provisionIbakeKeys(List<KeyPeriod> periods) throws UeException {
    Bootstrapped b = requireGba();
    KmsClient kms = new KmsClient(config.kms(), config.tls(), config.timeout());
    try {
      if (community == null) {
        Community c = CommunityDocument.decode(kms.community());
        if (!c.kmsId().equals(config.kmsId())) {
          throw new UeException("KMS community: kms-id " + c.kmsId() + " (expected: " + config.kmsId() + ")");
        }
        community = c;
        ibakeKeys = new UserKeys(config.impu());
      }
      List<KeyPeriod> missing = periods.stream().distinct().filter(p -> ibakeKeys.get(p).isEmpty()).toList();
      if (!missing.isEmpty()) {
        try (SecretBytes ks = b.ksNaf(NafId.kms(config.kmsFqdn()))) {
          KeyRequester r = new KeyRequester(new KeyRequester.Config(config.impu(), b.bTid(), config.kmsId()), ks, community, ibakeKeys, clock,
              random, ibakeTrace);
          r.onResponse(kms.exchange(r.request(missing)));
        }
      }
      return ibakeKeys.periods();
    } catch (MikeyException e) {
      throw new UeException("IBAKE key provisioning refused: " + e.getMessage(), e);
    } catch (KmsClientException e) {
      throw new UeException("IBAKE key provisioning failed: " + e.getMessage(), e);
    }
  }

  /**
   * IBAKE-DD's {@link #leaveMessage}: {@link #callMailboxIbake}, stream, hang up.
   */
  public Deposit leaveIbakeMessage(String callee, PcmAudio audio, G711 codec, Duration pacing, IntConsumer progress) throws UeException {
    try (OutgoingDeposit d = callMailboxIbake(callee, codec)) {
      d.stream(audio, pacing, progress);
      return d.hangUp();
    }
  }

  /**
   * Seed Fig. 27 steps 1–8 on SIP (docs/sip.md): the INVITE ({@code Require: 100rel}) with
   * I_MESSAGE_1 in {@code a=key-mgmt:mikey}; the callee's mailbox answers a reliable 183 with
   * R_MESSAGE_1 (only its own [y]P: B did not receive the call); the PRACK carries I_MESSAGE_2
   * with the ESK E_B(ID-A, SK); its 200 OK the R_MESSAGE_2, which authenticates the mailbox; then
   * the 200 OK to the INVITE (ACK sent). The SRTP keys come from SK. Keys for this month are
   * provisioned first if the UE holds none.
   *
   * @throws UeException for a final error response, a refused or missing MIKEY-IBAKE answer (the
   *     call is then given up), a callee answering live (this UE leaves messages only), or a
   *     transport failure
   */
  public OutgoingDeposit callMailboxIbake(String callee, G711 codec) throws UeException {
    provisionIbakeKeys(List.of(KeyPeriod.containing(clock.instant())));
    Initiator a = new Initiator(Initiator.Config.of(config.impu(), config.ibakeMode(), (idB, responder) -> responder.equals(config.mailboxId())),
        community, ibakeKeys, clock, random, ibakeTrace);
    long ssrc = random.nextU32();
    Bytes i1;
    try {
      i1 = a.call(callee, ssrc);
    } catch (MikeyException e) {
      throw new UeException("I_MESSAGE_1: " + e.getMessage(), e);
    }
    DatagramSocket rtp = null;
    try {
      rtp = mediaSocket();
      long session = random.nextU32();
      SessionDescription offer = offer(session, i1, rtp, codec);
      IbakeRounds rounds = new IbakeRounds(a, session, rtp, codec);
      SipUserAgent.CallResult r = sipAgent().invite(callee, offer, config.timeout(), List.of(), rounds);
      if (!r.established()) {
        throw new UeException("INVITE " + callee + ": " + r.status() + " " + r.response().reason()
            + rounds.failure.map(f -> " (" + f + ")").orElse(""));
      }
      SipUserAgent.Call call = r.call().get();
      if (rounds.done.isEmpty() || rounds.mediaTo == null) {
        hangUpQuietly(call);
        throw new UeException("MIKEY-IBAKE: " + rounds.failure.orElse("the exchange did not complete (expected: R_MESSAGE_2 in the 200 OK to the PRACK)"));
      }
      IbakeCall k = rounds.done.get();
      if (!k.deferred()) {
        hangUpQuietly(call);
        throw new UeException("MIKEY-IBAKE: " + callee + " answered live (expected: the call lands at the mailbox)");
      }
      OutgoingDeposit d = new OutgoingDeposit(call, new Agreed(k.msgId().orElseThrow(), k.answeredBy(), k.ssrc(), k.srtp(), null, k, "27.9"), rtp,
          rounds.mediaTo, codec);
      rtp = null;
      return d;
    } catch (SipException | IOException e) {
      throw new UeException("call to " + callee + " failed: " + e.getMessage(), e);
    } finally {
      if (rtp != null) {
        rtp.close();
      }
    }
  }

  /**
   * The voice stream's UDP socket, on the local address of the UE's SIP flow to the IMS core —
   * the interface the network reaches this UE on (loopback in the test bed) — any free port.
   */
  private DatagramSocket mediaSocket() throws IOException {
    return new DatagramSocket(new InetSocketAddress(InetAddress.getByName(sipAgent().localHop().host()), 0));
  }

  /** A sendonly RTP/SAVP audio offer for {@code rtp}'s address and port, MIKEY in {@code a=key-mgmt} (RFC 4567). */
  private static SessionDescription offer(long session, Bytes mikey, DatagramSocket rtp, G711 codec) {
    return SessionDescription.audio(session, rtp.getLocalAddress().getHostAddress(), List.of(KeyMgmt.mikey(mikey).toAttribute()),
        rtp.getLocalPort(), "RTP/SAVP", List.of(codec.payloadType()), List.of(Attribute.flag("sendonly")));
  }

  /** The two key-management rounds of a call (RFC 3262 provisionals): R_MESSAGE_1 → I_MESSAGE_2 in the PRACK, R_MESSAGE_2 in its 200. */
  private final class IbakeRounds implements SipUserAgent.ReliableProvisionals {
    private final Initiator initiator;
    private final long session;
    private final DatagramSocket rtp;
    private final G711 codec;
    volatile Optional<IbakeCall> done = Optional.empty();
    volatile Optional<String> failure = Optional.empty();
    volatile InetSocketAddress mediaTo;

    IbakeRounds(Initiator initiator, long session, DatagramSocket rtp, G711 codec) {
      this.initiator = initiator;
      this.session = session;
      this.rtp = rtp;
      this.codec = codec;
    }

    @Override
    public SipUserAgent.Prack onReliableProvisional(SipResponse provisional, Optional<SessionDescription> answer) {
      try {
        Bytes r1 = mikeyOf(answer, "the " + provisional.status() + "'s SDP answer");
        Bytes i2 = initiator.onMessage(r1).reply().orElseThrow(() -> new UeException("R_MESSAGE_1 did not lead to an I_MESSAGE_2"));
        return SipUserAgent.Prack.with(offer(session + 1, i2, rtp, codec));
      } catch (MikeyException | UeException e) {
        failure = Optional.of("R_MESSAGE_1 refused: " + e.getMessage());
        return SipUserAgent.Prack.giveUp();
      }
    }

    @Override
    public void onPrackAnswered(SipResponse response, Optional<SessionDescription> answer) {
      if (!response.isSuccess()) {
        failure = Optional.of("PRACK: " + response.status() + " " + response.reason());
        return;
      }
      try {
        Bytes r2 = mikeyOf(answer, "the PRACK's SDP answer");
        MediaDescription m = answer.get().firstMedia("audio").orElseThrow();
        if (m.port() == 0) {
          failure = Optional.of("the mailbox refused I_MESSAGE_2: MIKEY " + MikeyMessages.errorCodeOf(r2).rfcName());
          return;
        }
        Optional<IbakeCall> k = initiator.onMessage(r2).done();
        mediaTo = new InetSocketAddress(connectionAddress(answer.get(), m), m.port());
        done = k;
      } catch (MikeyException | UeException e) {
        failure = Optional.of("R_MESSAGE_2 refused: " + e.getMessage());
      }
    }

    private Bytes mikeyOf(Optional<SessionDescription> sdp, String what) throws UeException {
      MediaDescription m = sdp.flatMap(x -> x.firstMedia("audio")).orElseThrow(() -> new UeException(what + ": no SDP with m=audio"));
      try {
        return KeyMgmt.mikeyFor(sdp.get(), m).orElseThrow(() -> new UeException(what + ": no a=key-mgmt:mikey"));
      } catch (SipParseException e) {
        throw new UeException(what + ": " + e.getMessage(), e);
      }
    }
  }

  /** Our IBAKE-DD messages at the mailbox ({@code GET /mailbox/v1/ibake/messages}, GBA Digest). */
  public List<MessageSummary> ibakeInbox() throws UeException {
    try {
      return mailboxClient().ibakeList();
    } catch (MailboxClientException e) {
      throw new UeException("inbox: " + e.getMessage(), e);
    }
  }

  /**
   * Seed Fig. 27 steps 10–12 for every waiting IBAKE-DD message: the inbox response (msg-id, ID-A,
   * ID-B, A's stored I_MESSAGE_2 with the ESK) over HTTPS with GBA Digest; keys for the months the
   * messages were left in (provisioned if missing); each ESK decrypted with B's RSK (and, signed
   * profile, A's signature checked by B itself), SK → SRTP keys, the stored SRTP decrypted.
   */
  public List<Playback> retrieveAllIbake() throws UeException {
    return retrieveIbake(Optional.empty());
  }

  /**
   * {@link #retrieveAllIbake} for one message.
   *
   * @throws UeException also when the mailbox holds no such message for us
   */
  public Playback retrieveIbake(Bytes msgId) throws UeException {
    List<Playback> one = retrieveIbake(Optional.of(msgId));
    if (one.isEmpty()) {
      throw new UeException("message " + msgId.hex() + ": not in " + config.impu() + "'s IBAKE-DD inbox");
    }
    return one.get(0);
  }

  /**
   * The stored media of one IBAKE-DD message as the mailbox keeps it (SRTP capture and metadata),
   * without any key.
   */
  public MailboxClient.StoredFiles fetchIbake(Bytes msgId) throws UeException {
    try {
      return mailboxClient().ibakeStoredFiles(msgId);
    } catch (MailboxClientException e) {
      throw new UeException("fetch " + msgId.hex() + ": " + e.getMessage(), e);
    }
  }

  private List<Playback> retrieveIbake(Optional<Bytes> only) throws UeException {
    try {
      MailboxClient mc = mailboxClient();
      provisionIbakeKeys(List.of(KeyPeriod.containing(clock.instant())));
      IbakeRecipient b = new IbakeRecipient(IbakeRecipient.Config.of(config.impu(), config.mailboxId(), config.ibakeMode()), community, ibakeKeys,
          clock, ibakeTrace);
      b.inboxRequest();
      List<org.ddsec.protocol.ibakedd.StoredMessage> entries = b.onInboxResponse(mc.ibakeInbox(config.impu())).stream()
          .filter(m -> only.isEmpty() || m.msgId().equals(only.get())).toList();
      trace.record("27.11", config.mailboxId(), config.impu(), "200 OK application/vnd.ddsec.ibake-inbox",
          entries.size() + " message(s): msg-id, ID-A (authenticated by the mailbox), ID-B, I_MESSAGE_2 with ESK E_B(ID-A, SK)");
      List<KeyPeriod> months = new java.util.ArrayList<>();
      for (org.ddsec.protocol.ibakedd.StoredMessage m : entries) {
        months.add(IbakeMessages.parse(m.iMessage2(), DataType.I_MESSAGE_2, config.ibakeMode()).period());
      }
      provisionIbakeKeys(months);
      List<Playback> out = new java.util.ArrayList<>();
      for (org.ddsec.protocol.ibakedd.StoredMessage m : entries) {
        DeferredMessage d = b.open(m);
        org.ddsec.media.capture.StoredMessage stored = mc.ibakeStoredFiles(m.msgId()).message();
        trace.record("27.12m", config.mailboxId(), config.impu(), "200 OK application/vnd.tcpdump.pcap",
            "the stored SRTP of " + m.msgId().hex().substring(0, 8) + "…: " + stored.packets().size() + " packets, exactly as they arrived");
        try (SrtpMasterKey key = SrtpMasterKey.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, d.srtp().tek(), d.srtp().salt())) {
          MessagePlayer.Playback p = MessagePlayer.play(stored, key);
          trace.record("27.12p", config.impu(), config.impu(), "plays the message", "SRTP decrypted with keys from SK: " + p.report() + "\nfrom "
              + d.originator() + (d.originatorVerified() ? " (A's ECCSI signature verified by B)" : " (the mailbox's word: strict RFC 6267)"));
          out.add(new Playback(m.msgId(), d.originator(), p.audio(), p, null, d));
        }
      }
      return out;
    } catch (MikeyException e) {
      throw new UeException("retrieval refused: " + e.getMessage(), e);
    } catch (MailboxClientException e) {
      throw new UeException("retrieval failed: " + e.getMessage(), e);
    }
  }

  private MailboxClient mailboxClient() throws UeException {
    Bootstrapped b = requireGba();
    return new MailboxClient(config.mailbox(), config.tls(), config.mailboxFqdn(), b.bTid(), b::ksNaf, config.timeout(), random);
  }

  private Bootstrapped requireGba() throws UeException {
    if (gba == null) {
      throw new UeException(config.impu() + ": not bootstrapped (run GBA first)");
    }
    return gba;
  }

  private SipUserAgent sipAgent() throws IOException {
    if (sip == null) {
      sip = SipUserAgent.start(SipUserAgent.Config.tls(config.name(), config.impu(), config.imsCore(), config.tls()).withObserver(sipObserver),
          clock, random);
    }
    return sip;
  }

  private static InetAddress connectionAddress(SessionDescription sdp, MediaDescription m) throws UeException {
    String host = m.connections().isEmpty()
        ? sdp.sessionConnection().map(c -> c.address()).orElseThrow(() -> new UeException("SDP answer: no c= line"))
        : m.connections().get(0).address();
    try {
      return InetAddress.getByName(host);
    } catch (IOException e) {
      throw new UeException("SDP answer: c= " + host + " is not an address", e);
    }
  }

  private void hangUpQuietly(SipUserAgent.Call c) {
    try {
      c.bye();
    } catch (SipException e) {
      // the call ends anyway; the deposit was refused
    }
  }

  /** The UA's SIP stack, once started (for tests and the demo's endpoint list). */
  public Optional<SipUserAgent> sipUserAgent() {
    return Optional.ofNullable(sip);
  }

  @Override
  public void close() {
    if (sip != null) {
      sip.close();
    }
    if (gba != null) {
      gba.close();
    }
  }
}
