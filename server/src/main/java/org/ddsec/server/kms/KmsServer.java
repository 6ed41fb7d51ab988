package org.ddsec.server.kms;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.TicketPayload;
import org.ddsec.protocol.ibakedd.CommunityDocument;
import org.ddsec.protocol.ibakedd.kms.IbakeKms;
import org.ddsec.protocol.kmsdd.kms.Kms;
import org.ddsec.server.http.Https;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KMS's HTTPS adapter (Jetty 12): {@code POST /kms/v1/mikey} with an {@code application/mikey}
 * body, answered by {@link Kms#handle(Bytes, Optional)} unchanged; the mailbox identity comes from
 * the TLS client certificate (the listener asks for one; UEs send none). Also {@code POST
 * /kms/v1/noop} (reads the body under the same rules, answers 200 with an empty body: the HTTPS ceiling the load
 * generator compares with) and {@code GET /metrics} (Prometheus text).
 *
 * <p>With an {@link IbakeKms} the same resource also answers MIKEY-IBAKE key requests (RFC 6267
 * §4.2.1): the MIKEY HDR's data type decides — REQUEST_KEY_PSK goes to the IBAKE KMS,
 * everything else (RESOLVE_INIT_PSK) to the KMS-DD {@link Kms}; and {@code GET
 * /kms/v1/ibake/community} publishes the community's public parameters ({@link
 * CommunityDocument}: Z_T and the KPAK) for UEs and mailboxes to fetch over TLS.
 *
 * <p>Statuses: 200 RESOLVE_RESP or REQUEST_KEY_RESP; a MIKEY Error message with 403 (ERR Auth failure, Invalid ID),
 * 503 (the BSF could not be asked) or 400 (any other ERR); text answers 404, 405, 411, 413 (body
 * over {@value #MAX_BODY} octets), 415 (not {@code application/mikey}), 503 (the replay cache or
 * key ring failed). Each request logs one line with its outcome — never a key or message byte.
 */
public final class KmsServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KmsServer.class);

  /** Largest accepted request body; a RESOLVE_INIT is well under 2 KiB. */
  public static final int MAX_BODY = 64 * 1024;
  public static final String MIKEY = "application/mikey";
  public static final String PATH = "/kms/v1/mikey";
  public static final String NOOP = "/kms/v1/noop";
  public static final String METRICS = "/metrics";
  /** The IBAKE community's public parameters ({@link CommunityDocument}). */
  public static final String COMMUNITY = "/kms/v1/ibake/community";

  private final Server jetty;
  private final ServerConnector connector;

  private KmsServer(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  /**
   * Starts the listener.
   *
   * @param tls a server context presenting the KMS certificate and trusting the mailboxes' CA
   * @param mailboxByTlsIdentity certificate identity (lower case) → mailbox id (ID-Bm)
   */
  public static KmsServer start(Kms kms, KmsConfig.Listener listener, SSLContext tls, Map<String, String> mailboxByTlsIdentity,
      PrometheusMeterRegistry metrics) throws Exception {
    return start(kms, Optional.empty(), listener, tls, mailboxByTlsIdentity, metrics);
  }

  /** {@link #start(Kms, KmsConfig.Listener, SSLContext, Map, PrometheusMeterRegistry)} with the IBAKE KMS beside the KMS-DD one. */
  public static KmsServer start(Kms kms, Optional<IbakeKms> ibake, KmsConfig.Listener listener, SSLContext tls,
      Map<String, String> mailboxByTlsIdentity, PrometheusMeterRegistry metrics) throws Exception {
    Objects.requireNonNull(kms, "kms");
    Objects.requireNonNull(ibake, "ibake");
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("kms");
    Server server = new Server(pool);
    ServerConnector c = Https.connector(server, tls, Https.ClientAuth.WANT, listener.host(), listener.port(), "kms");
    server.addConnector(c);
    server.setHandler(new Dispatch(kms, ibake, Map.copyOf(mailboxByTlsIdentity), metrics));
    server.setStopTimeout(2000);
    server.start();
    LOG.info("KMS {} listening: https://{}:{}{} (client certificates asked for)", kms.kmsId(), listener.host(), c.getLocalPort(), PATH);
    return new KmsServer(server, c);
  }

  public int port() {
    return connector.getLocalPort();
  }

  /** The base URI on the bound address, e.g. {@code https://127.0.0.1:8450/}. */
  public URI uri() {
    String h = connector.getHost() == null ? "127.0.0.1" : connector.getHost();
    return URI.create("https://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port() + "/");
  }

  @Override
  public void close() throws Exception {
    jetty.stop();
  }

  private static final class Dispatch extends Handler.Abstract {
    private final Kms kms;
    private final Optional<IbakeKms> ibake;
    private final byte[] community;
    private final Map<String, String> mailboxes;
    private final PrometheusMeterRegistry metrics;

    Dispatch(Kms kms, Optional<IbakeKms> ibake, Map<String, String> mailboxes, PrometheusMeterRegistry metrics) {
      this.kms = kms;
      this.ibake = ibake;
      this.community = ibake.map(k -> CommunityDocument.encode(k.community()).toByteArray()).orElse(null);
      this.mailboxes = mailboxes;
      this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = request.getHttpURI().getPath();
      String method = request.getMethod();
      try {
        // The body is read (or drained) first, whatever the answer, so that no unread request
        // content makes Jetty close a connection the client is about to reuse.
        byte[] body = Https.body(request, MAX_BODY);
        if (METRICS.equals(path)) {
          if (!"GET".equals(method)) {
            reject(response, callback, 405, "method: " + method + " (expected: GET)", "GET");
            return true;
          }
          Https.write(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8));
          return true;
        }
        if (COMMUNITY.equals(path)) {
          if (community == null) {
            reject(response, callback, 404, "no IBAKE community at this KMS (ibake.* not configured)", null);
          } else if (!"GET".equals(method)) {
            reject(response, callback, 405, "method: " + clip(method) + " (expected: GET)", "GET");
          } else {
            count("community", "ok", "none");
            Https.write(response, callback, 200, CommunityDocument.MEDIA_TYPE, community);
          }
          return true;
        }
        if (!PATH.equals(path) && !KmsServer.NOOP.equals(path)) { // (Jetty's Invocable.NOOP would shadow NOOP here)
          reject(response, callback, 404, "resource: " + clip(path) + " (expected: POST " + PATH + ")", null);
          return true;
        }
        if (!"POST".equals(method)) {
          reject(response, callback, 405, "method: " + method + " (expected: POST)", "POST");
          return true;
        }
        if (!MIKEY.equals(Https.mediaType(request))) {
          reject(response, callback, 415, "content type: " + clip(Https.mediaType(request)) + " (expected: " + MIKEY + ")", null);
          return true;
        }
        if (body == null) {
          reject(response, callback, 413, "request body: more than " + MAX_BODY + " octets or unreadable", null);
          return true;
        }
        if (KmsServer.NOOP.equals(path)) {
          count("noop", "ok", "none");
          Https.write(response, callback, 200, MIKEY, new byte[0]);
          return true;
        }
        mikey(request, response, callback, body);
      } catch (RuntimeException e) {
        LOG.error("kms request path={} outcome=internal-error error={}", clip(path), e.toString());
        count("unknown", "internal-error", "none");
        Https.text(response, callback, 503, "service unavailable");
      }
      return true;
    }

    private void mikey(Request request, Response response, Callback callback, byte[] body) {
      long t0 = System.nanoTime();
      X509Certificate peer = Https.peerCertificate(request);
      List<String> names = peer == null ? List.of() : Https.identities(peer);
      Optional<String> mailbox = names.stream().map(mailboxes::get).filter(Objects::nonNull).findFirst();
      String kind = kind(body);
      Bytes answer;
      Optional<MikeyException> refusal;
      // RFC 3830 §6.1: octet 1 of every MIKEY message is the HDR's data type
      if (ibake.isPresent() && body.length > 1 && (body[1] & 0xFF) == DataType.REQUEST_KEY_PSK.code()) {
        IbakeKms.Result r = ibake.get().handle(Bytes.of(body));
        answer = r.response();
        refusal = r.refusal();
      } else {
        Kms.Result r = kms.handle(Bytes.of(body), mailbox);
        answer = r.response();
        refusal = r.refusal();
      }
      int status = 200;
      String err = "none";
      String outcome = "ok";
      if (refusal.isPresent()) {
        MikeyException e = refusal.get();
        ErrorCode code = e.errorCode();
        err = code.rfcName().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        outcome = "refused";
        status = switch (code) {
          case AUTH_FAILURE, INVALID_ID -> 403;
          case UNSPECIFIED -> e.reason() == MikeyException.Reason.REFUSED ? 503 : 400;
          default -> 400;
        };
        LOG.info("kms request kind={} outcome=refused err={} status={} mailbox={} peer={} reason=\"{}\"", kind, err, status,
            mailbox.orElse("-"), Request.getRemoteAddr(request), e.getMessage().replace('"', '\''));
      } else {
        LOG.info("kms request kind={} outcome=ok status=200 mailbox={} peer={}", kind, mailbox.orElse("-"), Request.getRemoteAddr(request));
      }
      count(kind, outcome, err);
      Timer.builder("ddsec.kms.request.duration").description("KMS request handling time (MIKEY decode to response)").tag("kind", kind)
          .publishPercentiles(0.5, 0.99).register(metrics).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
      Https.write(response, callback, status, MIKEY, answer.toByteArray());
    }

    private void reject(Response response, Callback callback, int status, String why, String allow) {
      LOG.info("kms request outcome=http-refused status={} reason=\"{}\"", status, why.replace('"', '\''));
      Counter.builder("ddsec.kms.http.refused").description("HTTP requests refused before MIKEY").tag("status", Integer.toString(status))
          .register(metrics).increment();
      if (allow != null) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
      }
      Https.text(response, callback, status, why);
    }

    private void count(String kind, String outcome, String err) {
      Counter.builder("ddsec.kms.requests").description("KMS requests by kind, outcome and MIKEY ERR code").tag("kind", kind)
          .tag("outcome", outcome).tag("err", err).register(metrics).increment();
    }

    /** deposit (one TICKET), retrieval (two), key-request (IBAKE REQUEST_KEY_PSK), or unknown — for metrics and logs only. */
    private static String kind(byte[] body) {
      try {
        MikeyMessage m = MikeyCodec.decode(body);
        if (m.dataType() == DataType.REQUEST_KEY_PSK) {
          return "key-request";
        }
        if (m.dataType() != DataType.RESOLVE_INIT_PSK) {
          return "unknown";
        }
        long n = m.payloads().stream().filter(p -> p instanceof TicketPayload).count();
        return n == 1 ? "deposit" : n == 2 ? "retrieval" : "unknown";
      } catch (MikeyException e) {
        return "unknown";
      }
    }

    private static String clip(String s) {
      if (s == null) {
        return "";
      }
      String t = s.length() > 64 ? s.substring(0, 64) + "…" : s;
      return t.replaceAll("[^\\x20-\\x7E]", "?");
    }
  }
}
