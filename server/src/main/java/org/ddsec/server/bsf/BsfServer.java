package org.ddsec.server.bsf;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.Bsf;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.gba.NafKeyLookupException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BSF's HTTPS adapter (Jetty 12): a Ub listener (server-authenticated TLS; the UE
 * authenticates with Digest AKA) and a Zn listener (mutual TLS: the NAF is the subject of its
 * client certificate). It runs {@link Bsf} unchanged and logs each exchange's outcome — never a
 * key, RES, digest or nonce.
 */
public final class BsfServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BsfServer.class);

  /** Largest request body read on Ub (a GET has none). */
  static final int MAX_BODY = 16 * 1024;

  /** Where and how to listen. Port 0 picks a free port. */
  public record Listeners(String ubHost, int ubPort, String znHost, int znPort) {
    public static Listeners loopbackEphemeral() {
      return new Listeners("127.0.0.1", 0, "127.0.0.1", 0);
    }
  }

  private final Bsf bsf;
  private final Server jetty;
  private final ServerConnector ub;
  private final ServerConnector zn;
  private final ScheduledExecutorService housekeeping;

  private BsfServer(Bsf bsf, Server jetty, ServerConnector ub, ServerConnector zn, ScheduledExecutorService housekeeping) {
    this.bsf = bsf;
    this.jetty = jetty;
    this.ub = ub;
    this.zn = zn;
    this.housekeeping = housekeeping;
  }

  /**
   * Starts both listeners.
   *
   * @param ubTls server context for Ub (presents the BSF certificate)
   * @param znTls server context for Zn (presents the BSF certificate, trusts the NAFs' CA)
   */
  public static BsfServer start(Bsf bsf, Listeners l, SSLContext ubTls, SSLContext znTls) throws Exception {
    Objects.requireNonNull(bsf, "bsf");
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("bsf");
    Server server = new Server(pool);
    ServerConnector ub = connector(server, ubTls, false, l.ubHost(), l.ubPort(), "ub");
    ServerConnector zn = connector(server, znTls, true, l.znHost(), l.znPort(), "zn");
    server.addConnector(ub);
    server.addConnector(zn);
    server.setHandler(new Dispatch(bsf, ub));
    server.setStopTimeout(2000);
    server.start();
    ScheduledExecutorService hk = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bsf-housekeeping");
      t.setDaemon(true);
      return t;
    });
    hk.scheduleWithFixedDelay(() -> {
      try {
        int n = bsf.housekeeping();
        if (n > 0) {
          LOG.debug("housekeeping: dropped {} expired challenges/sessions", n);
        }
      } catch (RuntimeException e) {
        LOG.warn("housekeeping failed: {}", e.getMessage());
      }
    }, 30, 30, TimeUnit.SECONDS);
    LOG.info("BSF {} listening: Ub https://{}:{}/  Zn https://{}:{}{} (mutual TLS)", bsf.settings().bsfHost(), l.ubHost(),
        ub.getLocalPort(), l.znHost(), zn.getLocalPort(), ZnApi.PATH);
    return new BsfServer(bsf, server, ub, zn, hk);
  }

  private static ServerConnector connector(Server server, SSLContext tls, boolean needClientAuth, String host, int port, String name) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls);
    ssl.setNeedClientAuth(needClientAuth);
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(8 * 1024);
    SecureRequestCustomizer src = new SecureRequestCustomizer();
    src.setSniHostCheck(false);
    http.addCustomizer(src);
    ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    c.setHost(host);
    c.setPort(port);
    c.setName(name);
    return c;
  }

  public int ubPort() {
    return ub.getLocalPort();
  }

  public int znPort() {
    return zn.getLocalPort();
  }

  /** The Ub base URI on the bound address, e.g. {@code https://127.0.0.1:8443/}. */
  public URI ubUri() {
    return URI.create("https://" + hostOf(ub) + ":" + ubPort() + "/");
  }

  /** The Zn base URI on the bound address. */
  public URI znUri() {
    return URI.create("https://" + hostOf(zn) + ":" + znPort() + "/");
  }

  public Bsf bsf() {
    return bsf;
  }

  private static String hostOf(ServerConnector c) {
    String h = c.getHost() == null ? "127.0.0.1" : c.getHost();
    return h.contains(":") ? "[" + h + "]" : h;
  }

  @Override
  public void close() throws Exception {
    housekeeping.shutdownNow();
    jetty.stop();
    LOG.info("BSF stopped");
  }

  /** Routes by listener: Ub requests to {@link Bsf#handleUb}, Zn requests to {@link #zn}. */
  private static final class Dispatch extends Handler.Abstract {
    private final Bsf bsf;
    private final Connector ubConnector;

    Dispatch(Bsf bsf, Connector ubConnector) {
      this.bsf = bsf;
      this.ubConnector = ubConnector;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      boolean isUb = request.getConnectionMetaData().getConnector() == ubConnector;
      Content.Source.asByteArrayAsync(request, MAX_BODY).whenComplete((body, failure) -> {
        try {
          if (failure != null) {
            write(response, callback, 413, "text/plain; charset=utf-8", ("request body: more than " + MAX_BODY + " bytes or unreadable\n")
                .getBytes(StandardCharsets.UTF_8));
            return;
          }
          if (isUb) {
            ub(request, response, callback, body);
          } else {
            zn(request, response, callback);
          }
        } catch (RuntimeException e) {
          LOG.error("{} {}: internal error ({})", isUb ? "Ub" : "Zn", request.getMethod(), e.toString());
          write(response, callback, 503, "text/plain; charset=utf-8", "service unavailable\n".getBytes(StandardCharsets.UTF_8));
        }
      });
      return true;
    }

    private void ub(Request request, Response response, Callback callback, byte[] body) {
      String target = request.getHttpURI().getPathQuery();
      String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
      Bsf.UbResponse r = bsf.handleUb(new Bsf.UbRequest(request.getMethod(), target == null ? "/" : target, auth, Bytes.of(body)));
      LOG.info("Ub {} {} from {} -> {} {}: {}", request.getMethod(), target, Request.getRemoteAddr(request), r.status(), r.outcome(), r.reason());
      r.headers().forEach((k, v) -> response.getHeaders().put(k, v));
      write(response, callback, r.status(), r.contentType(), r.body().toByteArray());
    }

    private void zn(Request request, Response response, Callback callback) {
      EndPoint.SslSessionData ssl = (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
      X509Certificate[] chain = ssl == null ? null : ssl.peerCertificates();
      if (chain == null || chain.length == 0) {
        znError(response, callback, 403, "NAF_NOT_AUTHORISED", "no client certificate (expected: mutual TLS)", "?");
        return;
      }
      List<String> identities = identities(chain[0]);
      String path = request.getHttpURI().getPath();
      if (!"GET".equals(request.getMethod()) || !ZnApi.PATH.equals(path)) {
        znError(response, callback, !ZnApi.PATH.equals(path) ? 404 : 405, "BAD_REQUEST",
            "resource: " + request.getMethod() + " " + path + " (expected: GET " + ZnApi.PATH + ")", identities.toString());
        return;
      }
      Fields q = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      String btid = q.getValue("btid");
      String fqdn = q.getValue("naf-fqdn");
      String ua = q.getValue("ua-id");
      if (btid == null || btid.isEmpty() || btid.length() > 512) {
        znError(response, callback, 400, "BAD_REQUEST", "btid: missing or longer than 512 characters", identities.toString());
        return;
      }
      if (fqdn == null) {
        fqdn = identities.isEmpty() ? "" : identities.get(0);
      }
      if (!identities.contains(fqdn)) {
        znError(response, callback, 403, "NAF_NOT_AUTHORISED", "naf-fqdn: not named by the client certificate", identities.toString());
        return;
      }
      byte[] uaId;
      try {
        uaId = ua == null ? org.ddsec.crypto.gba.NafId.UA_TS33328_KMS : HexFormat.of().parseHex(ua);
        NafId nafId = new NafId(fqdn, uaId);
        NafKey k = bsf.znLookup(btid, nafId);
        try {
          LOG.info("Zn NAF {} B-TID {} -> 200 (IMPI {}, expires {})", fqdn, btid, k.impi(), k.expiresAt());
          write(response, callback, 200, ZnApi.JSON, ZnApi.encode(k, nafId));
        } finally {
          k.ksNaf().close();
        }
      } catch (IllegalArgumentException e) {
        znError(response, callback, 400, "BAD_REQUEST", "ua-id: " + e.getMessage(), fqdn);
      } catch (NafKeyLookupException e) {
        znError(response, callback, ZnApi.status(e.reason()), e.reason().name(), e.getMessage(), fqdn);
      }
    }

    private static void znError(Response response, Callback callback, int status, String code, String message, String naf) {
      LOG.info("Zn NAF {} -> {} {}: {}", naf, status, code, message);
      write(response, callback, status, ZnApi.JSON, ZnApi.error(code, message));
    }

    /** The certificate's SAN dNSNames, then its CN. */
    static List<String> identities(X509Certificate c) {
      List<String> out = new ArrayList<>();
      try {
        if (c.getSubjectAlternativeNames() != null) {
          for (List<?> san : c.getSubjectAlternativeNames()) {
            if (Integer.valueOf(2).equals(san.get(0))) {
              out.add((String) san.get(1));
            }
          }
        }
      } catch (CertificateParsingException e) {
        // no usable SANs: fall back to the CN
      }
      String dn = c.getSubjectX500Principal().getName(X500Principal.RFC2253);
      for (String rdn : dn.split(",")) {
        if (rdn.startsWith("CN=") && !out.contains(rdn.substring(3))) {
          out.add(rdn.substring(3));
        }
      }
      return out;
    }

    private static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
