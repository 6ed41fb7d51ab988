package org.ddsec.client.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLSession;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.media.capture.PcapFormatException;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.media.capture.StoredMessageMetadata;
import org.ddsec.mikey.MikeyException;
import org.ddsec.protocol.gba.DigestException;
import org.ddsec.protocol.gba.GbaDigest;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.InboxMessages;

/**
 * The recipient's HTTPS client of the mailbox (seed Fig. 18 steps 2–3 and the media), logged in
 * with GBA-based HTTP Digest (TS 33.222 §5.3): username = B-TID, password = base64 of the UE's
 * Ks_NAF for the mailbox's NAF_Id (its FQDN and the Ua id (01 00 01 yy zz) of the TLS cipher
 * suite the connection negotiated, TS 33.220 Annex H.3). The key is derived on demand by {@code
 * ksNaf} (e.g. {@code bootstrapped::ksNaf}), per cipher suite, and never kept.
 *
 * <p>The first request is sent without credentials; the 401 challenge is answered, and later
 * requests reuse the nonce with increasing nonce counts until the mailbox declares it stale.
 * Thread-safe (requests are serialised).
 */
public final class MailboxClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String mailboxFqdn;
  private final String bTid;
  private final Function<NafId, SecretBytes> ksNaf;
  private final Duration timeout;
  private final RandomSource random;
  private final HttpClient http;
  private String challenge;
  private long nc;

  /**
   * @param mailboxBase the mailbox's HTTPS base, e.g. {@code https://127.0.0.1:8460/}
   * @param tls trusts the mailbox's CA (no client certificate is used)
   * @param mailboxFqdn the mailbox's NAF FQDN (what its realm names)
   * @param bTid the UE's B-TID
   * @param ksNaf derives the UE's Ks_NAF for a NAF_Id (e.g. {@code Bootstrapped::ksNaf})
   */
  public MailboxClient(URI mailboxBase, javax.net.ssl.SSLContext tls, String mailboxFqdn, String bTid, Function<NafId, SecretBytes> ksNaf,
      Duration timeout, RandomSource random) {
    this.base = Objects.requireNonNull(mailboxBase, "mailboxBase");
    this.mailboxFqdn = Objects.requireNonNull(mailboxFqdn, "mailboxFqdn");
    this.bTid = Objects.requireNonNull(bTid, "bTid");
    this.ksNaf = Objects.requireNonNull(ksNaf, "ksNaf");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.random = Objects.requireNonNull(random, "random");
    this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Where the IBAKE-DD messages are on the mailbox ({@code server.mailbox.MailboxHttpServer.IBAKE_BASE}). */
  public static final String IBAKE = "/mailbox/v1/ibake";
  private static final String KMS_DD = "/mailbox/v1";

  /** {@code GET /mailbox/v1/messages}: this subscriber's messages, oldest first. */
  public List<MessageSummary> list() throws MailboxClientException {
    return list(KMS_DD);
  }

  /** {@code GET /mailbox/v1/ibake/messages}: this subscriber's IBAKE-DD messages, oldest first ({@code from}: ID-A as the mailbox authenticated it). */
  public List<MessageSummary> ibakeList() throws MailboxClientException {
    return list(IBAKE);
  }

  /**
   * {@code GET /mailbox/v1/ibake/inbox?impu=…}: the IBAKE-DD inbox response (seed Fig. 27 step 11)
   * as {@code application/vnd.ddsec.ibake-inbox} bytes for {@code IbakeRecipient.onInboxResponse}
   * (call {@code inboxRequest()} first).
   */
  public Bytes ibakeInbox(String impu) throws MailboxClientException {
    return Bytes.of(get(IBAKE + "/inbox?impu=" + URLEncoder.encode(impu, StandardCharsets.UTF_8), "application/vnd.ddsec.ibake-inbox"));
  }

  /** {@code GET /mailbox/v1/ibake/messages/{msg-id}}: the IBAKE-DD inbox response with that one entry. */
  public Bytes ibakeEntry(Bytes msgId) throws MailboxClientException {
    return Bytes.of(get(IBAKE + "/messages/" + msgId.hex(), "application/vnd.ddsec.ibake-inbox"));
  }

  /** The stored media of an IBAKE-DD message, as {@link #storedFiles} for KMS-DD. */
  public StoredFiles ibakeStoredFiles(Bytes msgId) throws MailboxClientException {
    return storedFiles(IBAKE, msgId);
  }

  private List<MessageSummary> list(String base) throws MailboxClientException {
    byte[] body = get(base + "/messages", "application/json");
    try {
      List<MessageSummary> out = new ArrayList<>();
      for (JsonNode n : JSON.readTree(body)) {
        out.add(new MessageSummary(Bytes.fromHex(n.get("msgId").asText()), n.get("from").asText(), n.get("to").asText(),
            Instant.parse(n.get("depositedAt").asText()), n.get("packets").asLong(), n.get("durationMs").asLong()));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new MailboxClientException(MailboxClientException.Reason.REFUSED, 200, "message list: not the expected JSON", e);
    }
  }

  /**
   * {@code GET /mailbox/v1/inbox?impu=…}: the seed's inbox response (Fig. 18 step 3) for one of
   * the subscriber's IMPUs, as {@code application/vnd.ddsec.inbox} bytes for {@code
   * Recipient.onInboxResponse} (call {@code Recipient.inboxRequest()} first).
   */
  public Bytes inbox(String impu) throws MailboxClientException {
    return Bytes.of(get("/mailbox/v1/inbox?impu=" + URLEncoder.encode(impu, StandardCharsets.UTF_8), "application/vnd.ddsec.inbox"));
  }

  /** {@code GET /mailbox/v1/messages/{msg-id}}: one message's security parameters. */
  public DepositParameters parameters(Bytes msgId) throws MailboxClientException {
    Bytes b = entry(msgId);
    try {
      List<DepositParameters> l = InboxMessages.decodeResponse(b);
      if (l.size() != 1 || !l.get(0).msgId().equals(msgId)) {
        throw new MailboxClientException(MailboxClientException.Reason.REFUSED, 200, "parameters: not the message asked for", null);
      }
      return l.get(0);
    } catch (MikeyException e) {
      throw new MailboxClientException(MailboxClientException.Reason.REFUSED, 200, "parameters: " + e.getMessage(), e);
    }
  }

  /**
   * {@code GET /mailbox/v1/messages/{msg-id}} as received: an {@code application/vnd.ddsec.inbox}
   * answer with that one entry, for {@code Recipient.onInboxResponse} (after {@code inboxRequest()}).
   */
  public Bytes entry(Bytes msgId) throws MailboxClientException {
    return Bytes.of(get("/mailbox/v1/messages/" + msgId.hex(), "application/vnd.ddsec.inbox"));
  }

  /**
   * A stored message as the mailbox keeps it: the metadata text and the pcap bytes exactly as
   * served, and the two parsed and checked against each other. No key is involved.
   */
  public record StoredFiles(Bytes metadata, Bytes pcap, StoredMessage message) {}

  /**
   * The stored media: {@code /media} (the pcap) and {@code /metadata}, checked against each other
   * (length, SHA-256, packet count, SSRC) by {@link StoredMessage#of}.
   */
  public StoredMessage media(Bytes msgId) throws MailboxClientException {
    return storedFiles(msgId).message();
  }

  /** {@link #media} with the bytes as served (to save them as {@code <id>.pcap} and {@code <id>.meta}). */
  public StoredFiles storedFiles(Bytes msgId) throws MailboxClientException {
    return storedFiles(KMS_DD, msgId);
  }

  private StoredFiles storedFiles(String base, Bytes msgId) throws MailboxClientException {
    byte[] meta = get(base + "/messages/" + msgId.hex() + "/metadata", "text/plain");
    byte[] pcap = get(base + "/messages/" + msgId.hex() + "/media", "application/vnd.tcpdump.pcap");
    try {
      return new StoredFiles(Bytes.of(meta), Bytes.of(pcap), StoredMessage.of(StoredMessageMetadata.parse(meta), pcap));
    } catch (PcapFormatException e) {
      throw new MailboxClientException(MailboxClientException.Reason.REFUSED, 200, "media: " + e.getMessage(), e);
    }
  }

  /** The raw pcap of a message (to save it as a file). */
  public byte[] mediaPcap(Bytes msgId) throws MailboxClientException {
    return get("/mailbox/v1/messages/" + msgId.hex() + "/media", "application/vnd.tcpdump.pcap");
  }

  private synchronized byte[] get(String target, String accept) throws MailboxClientException {
    URI u = base.resolve(target);
    HttpResponse<byte[]> r = send(u, target, accept, challenge == null ? null : authorization(target, null));
    for (int round = 0; r.statusCode() == 401 && round < 2; round++) {
      String www = r.headers().firstValue("WWW-Authenticate").orElse(null);
      if (www == null) {
        break;
      }
      challenge = www;
      nc = 0;
      r = send(u, target, accept, authorization(target, r.sslSession().orElse(null)));
    }
    return switch (r.statusCode()) {
      case 200 -> r.body();
      case 401 -> throw refused(MailboxClientException.Reason.UNAUTHORIZED, r);
      case 404 -> throw refused(MailboxClientException.Reason.NOT_FOUND, r);
      default -> throw refused(MailboxClientException.Reason.REFUSED, r);
    };
  }

  private SSLSession lastSession;

  private String authorization(String target, SSLSession session) throws MailboxClientException {
    if (session != null) {
      lastSession = session;
    }
    if (lastSession == null) {
      throw new MailboxClientException(MailboxClientException.Reason.REFUSED, -1, "no TLS session to derive the NAF_Id from", null);
    }
    NafId id;
    try {
      id = GbaDigest.nafId(mailboxFqdn, lastSession.getCipherSuite());
    } catch (IllegalArgumentException e) {
      throw new MailboxClientException(MailboxClientException.Reason.REFUSED, -1, e.getMessage(), e);
    }
    try (SecretBytes k = ksNaf.apply(id)) {
      return GbaDigest.authorization(challenge, bTid, k, "GET", target, Bytes.EMPTY, Bytes.of(random.bytes(8)).hex(), ++nc);
    } catch (DigestException e) {
      throw new MailboxClientException(MailboxClientException.Reason.REFUSED, 401, "challenge: " + e.getMessage(), e);
    }
  }

  private HttpResponse<byte[]> send(URI u, String target, String accept, String authorization) throws MailboxClientException {
    HttpRequest.Builder b = HttpRequest.newBuilder(u).timeout(timeout).GET().header("Accept", accept)
        .header("User-Agent", "ddsec-ue " + GbaDigest.USER_AGENT_TOKEN);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      r.sslSession().ifPresent(s -> lastSession = s);
      return r;
    } catch (IOException e) {
      throw new MailboxClientException(MailboxClientException.Reason.UNAVAILABLE, -1, "mailbox " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MailboxClientException(MailboxClientException.Reason.UNAVAILABLE, -1, "interrupted", e);
    }
  }

  private static MailboxClientException refused(MailboxClientException.Reason reason, HttpResponse<byte[]> r) {
    String t = new String(r.body(), StandardCharsets.UTF_8).strip();
    t = t.length() > 200 ? t.substring(0, 200) + "…" : t;
    return new MailboxClientException(reason, r.statusCode(), "mailbox answered " + r.statusCode() + ": " + t.replaceAll("[\\r\\n]+", " "), null);
  }

  @Override
  public String toString() {
    return "MailboxClient[" + base + ", " + bTid + "]";
  }
}
