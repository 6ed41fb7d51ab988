package org.ddsec.server.mailbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;
import org.ddsec.media.capture.PcapFormatException;
import org.ddsec.media.capture.StoredMessage;
import org.ddsec.protocol.gba.GbaDigestVerifier;
import org.ddsec.protocol.ibakedd.IbakeInbox;
import org.ddsec.protocol.kmsdd.DepositParameters;
import org.ddsec.protocol.kmsdd.InboxMessages;
import org.ddsec.server.http.Https;
import org.ddsec.server.mailbox.media.FileStoredMessageStore;
import org.ddsec.server.mailbox.store.JdbcIbakeMessageStore;
import org.ddsec.server.mailbox.store.JdbcMailboxStore;
import org.ddsec.server.mailbox.store.MediaSummary;
import org.ddsec.server.mailbox.store.StoredDeposit;
import org.ddsec.server.mailbox.store.StoredIbakeMessage;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recipients' HTTPS interface of the mailbox (seed Fig. 18 steps 2–3 and the media), every
 * resource behind GBA-based HTTP Digest (TS 33.222 §5.3, {@link GbaDigestVerifier}). The
 * authenticated subscriber's IMPUs — from the BSF, never from the request — decide what it sees;
 * another user's message is answered 404 like a message that does not exist.
 *
 * <pre>
 * GET /mailbox/v1/messages                     application/json: the list (msg-id, from, to, deposited-at, packets, duration-ms)
 * GET /mailbox/v1/inbox[?impu=URI]             application/vnd.ddsec.inbox: InboxMessages response, all messages (of one IMPU)
 * GET /mailbox/v1/messages/{msg-id}            application/vnd.ddsec.inbox: that message's security parameters
 * GET /mailbox/v1/messages/{msg-id}/media      application/vnd.tcpdump.pcap: the stored SRTP capture
 * GET /mailbox/v1/messages/{msg-id}/metadata   text/plain: its stored-message metadata (docs/media.md)
 * GET /mailbox/v1/ibake/...                    the same four resources for IBAKE-DD messages (seed Fig. 27 steps 10–11):
 *                                              the inbox and one message as application/vnd.ddsec.ibake-inbox ({@link IbakeInbox})
 * GET /metrics                                 Prometheus text (no authentication)
 * </pre>
 *
 * Errors: 400 (malformed Authorization), 401 with a fresh challenge, 404, 405, 413 (body over
 * {@value #MAX_BODY} octets), 503 (the BSF cannot be asked). Each request logs one line.
 */
public final class MailboxHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MailboxHttpServer.class);

  public static final int MAX_BODY = 64 * 1024;
  public static final String INBOX = "application/vnd.ddsec.inbox";
  /** The IBAKE-DD inbox response ({@link IbakeInbox}): per message msg-id, ID-A, ID-B and A's I_MESSAGE_2 with the ESK. */
  public static final String IBAKE_INBOX = "application/vnd.ddsec.ibake-inbox";
  public static final String PCAP = "application/vnd.tcpdump.pcap";
  public static final String JSON = "application/json";
  public static final String BASE = "/mailbox/v1";
  /** Where the IBAKE-DD messages are. */
  public static final String IBAKE_BASE = "/mailbox/v1/ibake";

  private static final Pattern RESOURCE = Pattern.compile("/mailbox/v1(/ibake)?/(messages|inbox|messages/([0-9a-f]{32})(/media|/metadata)?)");

  private final Server jetty;
  private final ServerConnector connector;

  private MailboxHttpServer(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  static MailboxHttpServer start(MailboxConfig.Listener l, SSLContext tls, GbaDigestVerifier digest, JdbcMailboxStore store,
      JdbcIbakeMessageStore ibakeStore, FileStoredMessageStore media, PrometheusMeterRegistry metrics) throws Exception {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("mailbox-https");
    Server server = new Server(pool);
    ServerConnector c = Https.connector(server, tls, Https.ClientAuth.NONE, l.host(), l.port(), "mailbox");
    server.addConnector(c);
    server.setHandler(new Dispatch(digest, List.of(kmsDd(store), ibakeDd(ibakeStore)), media, metrics));
    server.setStopTimeout(2000);
    server.start();
    return new MailboxHttpServer(server, c);
  }

  URI uri() {
    String h = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    return URI.create("https://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + connector.getLocalPort() + "/");
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }

  /** What the API shows of a stored message, whichever solution deposited it. */
  private record Summary(Bytes msgId, String from, String to, Instant depositedAt, Optional<MediaSummary> media) {}

  /**
   * One solution's messages as the API serves them: its base path, its inbox media type and
   * encoding, and its store.
   *
   * @param <E> the store's entry type
   */
  private interface Messages<E> {
    String base();

    String inboxType();

    int maxEntries();

    List<E> of(Set<String> recipients);

    Optional<E> find(Bytes msgId);

    Summary summary(E entry);

    byte[] inbox(List<E> entries);
  }

  private static Messages<StoredDeposit> kmsDd(JdbcMailboxStore store) {
    return new Messages<>() {
      public String base() {
        return BASE;
      }

      public String inboxType() {
        return INBOX;
      }

      public int maxEntries() {
        return InboxMessages.MAX_ENTRIES;
      }

      public List<StoredDeposit> of(Set<String> recipients) {
        return store.deposits(recipients);
      }

      public Optional<StoredDeposit> find(Bytes msgId) {
        return store.find(msgId);
      }

      public Summary summary(StoredDeposit d) {
        DepositParameters p = d.record().parameters();
        return new Summary(p.msgId(), p.idA(), p.idB(), d.record().depositedAt(), d.media());
      }

      public byte[] inbox(List<StoredDeposit> entries) {
        return InboxMessages.encodeResponse(entries.stream().map(d -> d.record().parameters()).toList()).toByteArray();
      }
    };
  }

  private static Messages<StoredIbakeMessage> ibakeDd(JdbcIbakeMessageStore store) {
    return new Messages<>() {
      public String base() {
        return IBAKE_BASE;
      }

      public String inboxType() {
        return IBAKE_INBOX;
      }

      public int maxEntries() {
        return IbakeInbox.MAX_ENTRIES;
      }

      public List<StoredIbakeMessage> of(Set<String> recipients) {
        return store.messages(recipients);
      }

      public Optional<StoredIbakeMessage> find(Bytes msgId) {
        return store.find(msgId);
      }

      public Summary summary(StoredIbakeMessage m) {
        org.ddsec.protocol.ibakedd.StoredMessage x = m.deposit().message();
        return new Summary(x.msgId(), x.idA(), x.idB(), m.deposit().depositedAt(), m.media());
      }

      public byte[] inbox(List<StoredIbakeMessage> entries) {
        return IbakeInbox.encodeResponse(entries.stream().map(m -> m.deposit().message()).toList()).toByteArray();
      }
    };
  }

  private static final class Dispatch extends Handler.Abstract {
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private final GbaDigestVerifier digest;
    private final List<Messages<?>> solutions;
    private final FileStoredMessageStore media;
    private final PrometheusMeterRegistry metrics;

    Dispatch(GbaDigestVerifier digest, List<Messages<?>> solutions, FileStoredMessageStore media, PrometheusMeterRegistry metrics) {
      this.digest = digest;
      this.solutions = solutions;
      this.media = media;
      this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = request.getHttpURI().getPath();
      String target = request.getHttpURI().getPathQuery();
      String method = request.getMethod();
      String resource = "other";
      int status;
      String who = "-";
      try {
        if ("/metrics".equals(path)) {
          resource = "metrics";
          status = "GET".equals(method) ? 200 : 405;
          if (status == 200) {
            Https.write(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8));
          } else {
            methodNotAllowed(response, callback, method);
          }
          return true;
        }
        byte[] body = Https.body(request, MAX_BODY);
        if (body == null) {
          status = 413;
          Https.text(response, callback, 413, "request body: more than " + MAX_BODY + " octets or unreadable");
          return true;
        }
        Matcher m = RESOURCE.matcher(path);
        boolean known = m.matches();
        Messages<?> solution = known && m.group(1) != null ? solutions.get(1) : solutions.get(0);
        resource = !known ? "other" : (m.group(1) != null ? "ibake-" : "") + (m.group(2).equals("messages") ? "list" : m.group(2).equals("inbox")
            ? "inbox" : m.group(4) == null ? "parameters" : m.group(4).substring(1));
        if (!known) {
          status = 404;
          Https.text(response, callback, 404, "no such resource");
          return true;
        }
        if (!"GET".equals(method)) {
          status = 405;
          methodNotAllowed(response, callback, method);
          return true;
        }
        GbaDigestVerifier.Authenticated a;
        try {
          a = digest.verify(method, target, request.getHeaders().get(HttpHeader.AUTHORIZATION), Bytes.of(body), Https.cipherSuite(request));
        } catch (GbaDigestVerifier.Failure f) {
          status = switch (f.kind()) {
            case MALFORMED -> 400;
            case UNAUTHORIZED, STALE -> 401;
            case UNAVAILABLE -> 503;
          };
          LOG.info("mailbox https resource={} status={} peer={} reason=\"{}\"", resource, status, Request.getRemoteAddr(request),
              f.getMessage().replace('"', '\''));
          if (status == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, digest.challenge(f.kind() == GbaDigestVerifier.Failure.Kind.STALE));
          }
          Https.text(response, callback, status, status == 401 ? "GBA-based Digest authentication required (TS 33.222)"
              : status == 400 ? "malformed Authorization: " + f.getMessage() : "bootstrapping server unavailable");
          count(resource, status);
          return true;
        }
        who = a.bTid();
        Set<String> impus = new TreeSet<>(a.key().impus());
        status = serve(solution, resource.replaceFirst("^ibake-", ""), m.group(3), request, response, callback, impus);
      } catch (RuntimeException | IOException e) {
        LOG.error("mailbox https resource={} outcome=internal-error error={}", resource, e.toString());
        status = 503;
        Https.text(response, callback, 503, "service unavailable");
      }
      LOG.info("mailbox https resource={} status={} btid={} peer={}", resource, status, who, Request.getRemoteAddr(request));
      count(resource, status);
      return true;
    }

    private <E> int serve(Messages<E> solution, String resource, String id, Request request, Response response, Callback callback,
        Set<String> impus) throws IOException {
      switch (resource) {
        case "list" -> {
          ArrayNode arr = JSON_MAPPER.createArrayNode();
          for (E e : solution.of(impus)) {
            Summary d = solution.summary(e);
            ObjectNode o = arr.addObject();
            o.put("msgId", d.msgId().hex());
            o.put("from", d.from());
            o.put("to", d.to());
            o.put("depositedAt", d.depositedAt().toString());
            o.put("packets", d.media().map(x -> x.packets()).orElse(0L));
            o.put("durationMs", d.media().map(x -> x.durationMillis()).orElse(0L));
          }
          Https.write(response, callback, 200, JSON, JSON_MAPPER.writeValueAsBytes(arr));
          return 200;
        }
        case "inbox" -> {
          Fields q = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
          String impu = q.getValue("impu");
          Set<String> which = impus;
          if (impu != null) {
            if (!impus.contains(impu)) {
              Https.text(response, callback, 404, "no such inbox");
              return 404;
            }
            which = Set.of(impu);
          }
          List<E> all = solution.of(which);
          Https.write(response, callback, 200, solution.inboxType(), solution.inbox(all.subList(0, Math.min(all.size(), solution.maxEntries()))));
          return 200;
        }
        default -> {
          Optional<E> d = solution.find(Bytes.fromHex(id)).filter(x -> impus.contains(solution.summary(x).to()));
          if (d.isEmpty()) {
            Https.text(response, callback, 404, "no such message");
            return 404;
          }
          if (resource.equals("parameters")) {
            Https.write(response, callback, 200, solution.inboxType(), solution.inbox(List.of(d.get())));
            return 200;
          }
          Optional<StoredMessage> sm;
          String mediaId = solution.summary(d.get()).media().map(x -> x.mediaId()).orElse(null);
          try {
            sm = mediaId == null ? Optional.empty() : media.read(mediaId);
          } catch (PcapFormatException e) {
            LOG.error("mailbox https media-id={} outcome=damaged error={}", mediaId, e.getMessage());
            Https.text(response, callback, 503, "stored media damaged");
            return 503;
          }
          if (sm.isEmpty()) {
            Https.text(response, callback, 404, "no media for this message");
            return 404;
          }
          if (resource.equals("media")) {
            Https.write(response, callback, 200, PCAP, Files.readAllBytes(media.directory().resolve(mediaId + ".pcap")));
          } else {
            Https.write(response, callback, 200, "text/plain; charset=utf-8", sm.get().metadata().encode());
          }
          return 200;
        }
      }
    }

    private static void methodNotAllowed(Response response, Callback callback, String method) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      Https.text(response, callback, 405, "method: " + method.replaceAll("[^A-Za-z]", "?") + " (expected: GET)");
    }

    private void count(String resource, int status) {
      Counter.builder("ddsec.mailbox.http.requests").description("recipient HTTPS requests").tag("resource", resource)
          .tag("status", Integer.toString(status)).register(metrics).increment();
    }
  }
}
