package org.ddsec.client.kms;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;

/**
 * A UE's (or any peer's) HTTPS link to the KMS: {@code POST /kms/v1/mikey} with an {@code
 * application/mikey} body (the RESOLVE_INIT_PSK of {@code protocol.kmsdd.recipient.Recipient}),
 * returning the KMS's MIKEY answer — a RESOLVE_RESP, or a MIKEY Error message that the role then
 * turns into its typed refusal. The TLS context trusts the KMS's CA and, for a mailbox, presents
 * its client certificate. Thread-safe.
 */
public final class KmsClient {

  /** The MIKEY resource on the KMS. */
  public static final String PATH = "/kms/v1/mikey";
  public static final String MIKEY = "application/mikey";

  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param kmsBase the KMS's base URI, e.g. {@code https://127.0.0.1:8450/}
   * @param tls trusts the KMS's CA; presents a client certificate if it holds one
   */
  public KmsClient(URI kmsBase, SSLContext tls, Duration timeout) {
    this.endpoint = Objects.requireNonNull(kmsBase, "kmsBase").resolve(PATH);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * Sends one MIKEY message and returns the KMS's MIKEY answer (whatever its HTTP status).
   *
   * @throws KmsClientException UNAVAILABLE if the KMS cannot be reached; REFUSED if it answered
   *     without a MIKEY body
   */
  public Bytes exchange(Bytes mikeyRequest) throws KmsClientException {
    HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", MIKEY).header("Accept", MIKEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(mikeyRequest.toByteArray())).build();
    HttpResponse<byte[]> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new KmsClientException(KmsClientException.Reason.UNAVAILABLE, -1, "KMS " + endpoint + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KmsClientException(KmsClientException.Reason.UNAVAILABLE, -1, "interrupted", e);
    }
    String ct = r.headers().firstValue("Content-Type").orElse("");
    if (ct.regionMatches(true, 0, MIKEY, 0, MIKEY.length()) && r.body().length > 0) {
      return Bytes.of(r.body());
    }
    String text = new String(r.body(), StandardCharsets.UTF_8).strip();
    text = text.length() > 200 ? text.substring(0, 200) + "…" : text;
    throw new KmsClientException(KmsClientException.Reason.REFUSED, r.statusCode(),
        "KMS answered " + r.statusCode() + ": " + text.replaceAll("[\\r\\n]+", " "), null);
  }

  /** The IBAKE community's resource on the KMS ({@code server.kms.KmsServer.COMMUNITY}). */
  public static final String COMMUNITY = "/kms/v1/ibake/community";

  /**
   * {@code GET /kms/v1/ibake/community}: the KMS community's public parameters (Z_T, KPAK) as the
   * KMS publishes them ({@code CommunityDocument}), over the server-authenticated TLS this
   * client's context trusts — the "authenticated channel" of RFC 6508 §6.1.2.
   *
   * @throws KmsClientException UNAVAILABLE if the KMS cannot be reached; REFUSED for any answer but
   *     200 with the community document's media type
   */
  public Bytes community() throws KmsClientException {
    URI u = endpoint.resolve(COMMUNITY);
    HttpResponse<byte[]> r;
    try {
      r = http.send(HttpRequest.newBuilder(u).timeout(timeout).header("Accept", "application/vnd.ddsec.ibake-community").GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new KmsClientException(KmsClientException.Reason.UNAVAILABLE, -1, "KMS " + u + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KmsClientException(KmsClientException.Reason.UNAVAILABLE, -1, "interrupted", e);
    }
    if (r.statusCode() == 200 && r.headers().firstValue("Content-Type").orElse("").startsWith("application/vnd.ddsec.ibake-community")) {
      return Bytes.of(r.body());
    }
    throw new KmsClientException(KmsClientException.Reason.REFUSED, r.statusCode(), "KMS community: answered " + r.statusCode(), null);
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String toString() {
    return "KmsClient[" + endpoint + "]";
  }
}
