package org.ddsec.server.mailbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;

/**
 * The mailbox's link to the KMS: {@code POST /kms/v1/mikey} over mutual TLS (the client
 * certificate names the mailbox), returning the MIKEY answer of whatever status — KMS-DD's
 * RESOLVE_INIT_PSK and IBAKE-DD's REQUEST_KEY_PSK alike — and the GET of the IBAKE community. The UE's
 * equivalent is {@code client.kms.KmsClient}; the mailbox, a server, keeps its own few lines so
 * that {@code server} does not depend on {@code client}.
 */
final class KmsLink {

  /** No MIKEY answer came back. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;

  KmsLink(URI kmsBase, SSLContext mutualTls, Duration timeout) {
    this.endpoint = Objects.requireNonNull(kmsBase, "kmsBase").resolve("/kms/v1/mikey");
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().sslContext(mutualTls).version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  Bytes exchange(Bytes request) throws Unavailable {
    HttpResponse<byte[]> r;
    try {
      r = http.send(HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/mikey")
          .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new Unavailable("KMS " + endpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted", e);
    }
    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/mikey") || r.body().length == 0) {
      throw new Unavailable("KMS answered " + r.statusCode() + " without a MIKEY body", null);
    }
    return Bytes.of(r.body());
  }

  /**
   * {@code GET path} on the KMS (the IBAKE community document): the body of a 200 answer of
   * {@code mediaType}, at most {@code maxBytes}.
   */
  Bytes get(String path, String mediaType, int maxBytes) throws Unavailable {
    URI u = endpoint.resolve(path);
    HttpResponse<byte[]> r;
    try {
      r = http.send(HttpRequest.newBuilder(u).timeout(timeout).header("Accept", mediaType).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new Unavailable("KMS " + u + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted", e);
    }
    if (r.statusCode() != 200 || !r.headers().firstValue("Content-Type").orElse("").startsWith(mediaType) || r.body().length > maxBytes) {
      throw new Unavailable("KMS " + u + " answered " + r.statusCode() + " (expected: 200 " + mediaType + ")", null);
    }
    return Bytes.of(r.body());
  }

  URI endpoint() {
    return endpoint;
  }
}
