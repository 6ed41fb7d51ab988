package org.ddsec.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * What the KMS and mailbox HTTPS listeners share (Jetty 12): a TLS connector (TLS 1.3 and 1.2,
 * no server version header, 8 KiB request headers), the peer certificate's identities, the
 * negotiated cipher suite, and plain responses.
 */
public final class Https {

  /** Client certificates: not asked for, asked for (a client may send none), or required. */
  public enum ClientAuth {
    NONE,
    WANT,
    NEED
  }

  public static final String TEXT = "text/plain; charset=utf-8";

  private Https() {}

  /** An HTTPS connector on {@code host:port} (0 = ephemeral) with {@code tls}. */
  public static ServerConnector connector(Server server, SSLContext tls, ClientAuth clientAuth, String host, int port, String name) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls);
    ssl.setWantClientAuth(clientAuth == ClientAuth.WANT);
    ssl.setNeedClientAuth(clientAuth == ClientAuth.NEED);
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(8 * 1024);
    SecureRequestCustomizer src = new SecureRequestCustomizer();
    src.setSniHostCheck(false);
    http.addCustomizer(src);
    ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    c.setHost(host);
    c.setPort(port);
    c.setName(name);
    c.setIdleTimeout(30_000);
    return c;
  }

  /** The TLS session data of the request's connection, or null (never for our connectors). */
  public static EndPoint.SslSessionData ssl(Request request) {
    return (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
  }

  /** The peer's leaf certificate, if it sent one. */
  public static X509Certificate peerCertificate(Request request) {
    EndPoint.SslSessionData s = ssl(request);
    X509Certificate[] chain = s == null ? null : s.peerCertificates();
    return chain == null || chain.length == 0 ? null : chain[0];
  }

  /** The negotiated cipher suite's standard name (e.g. {@code TLS_AES_128_GCM_SHA256}), or "". */
  public static String cipherSuite(Request request) {
    EndPoint.SslSessionData s = ssl(request);
    if (s == null) {
      return "";
    }
    String c = s.cipherSuite();
    return c == null ? "" : c;
  }

  /** A certificate's SAN dNSNames, then its CN (the identities a peer is known by), lower case. */
  public static List<String> identities(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      if (c.getSubjectAlternativeNames() != null) {
        for (List<?> san : c.getSubjectAlternativeNames()) {
          if (Integer.valueOf(2).equals(san.get(0))) {
            out.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no usable SANs: the CN alone
    }
    String dn = c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    for (String rdn : dn.split(",")) {
      if (rdn.startsWith("CN=")) {
        String cn = rdn.substring(3).toLowerCase(Locale.ROOT);
        if (!out.contains(cn)) {
          out.add(cn);
        }
      }
    }
    return out;
  }

  /** The media type of the request without parameters, lower case, or "". */
  public static String mediaType(Request request) {
    String ct = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  /** Most octets read (and discarded) from a refused body, so the 413 reaches the client before the connection closes. */
  public static final int DRAIN_LIMIT = 1024 * 1024;

  /**
   * Reads the request body if it has at most {@code max} octets; returns null if it has more or
   * cannot be read. A body over the limit is drained (up to {@link #DRAIN_LIMIT}) so that the
   * client, still sending, does not lose the answer to a connection reset.
   */
  public static byte[] body(Request request, int max) {
    long declared = request.getLength();
    try (java.io.InputStream in = Content.Source.asInputStream(request)) {
      if (declared > max) {
        in.skipNBytes(Math.min(declared, DRAIN_LIMIT));
        return null;
      }
      byte[] b = in.readNBytes(max + 1);
      if (b.length > max) {
        long skipped = 0;
        byte[] sink = new byte[8192];
        for (int n; skipped < DRAIN_LIMIT && (n = in.read(sink)) > 0; ) {
          skipped += n;
        }
        return null;
      }
      return b;
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** Writes a complete response; {@code Cache-Control: no-store} on every answer. */
  public static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
    response.setStatus(status);
    if (contentType != null) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    }
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** A one-line text answer. */
  public static void text(Response response, Callback callback, int status, String line) {
    write(response, callback, status, TEXT, (line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
