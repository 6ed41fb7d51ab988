package org.ddsec.client.gba;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.gba.GbaClientException;
import org.ddsec.protocol.gba.UbClient;
import org.ddsec.protocol.gba.Usim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UE's GBA bootstrapping over HTTPS (TS 24.109 §4.4): runs {@link UbClient} on a
 * {@link Usim} against a BSF with {@link HttpClient} — GET with the IMPI, 401 challenge, GET
 * with the RES digest (or AUTS, then once more), 200 with the B-TID — and returns the key
 * material from which the UE derives Ks_NAF locally ({@link Bootstrapped#ksNaf}).
 * Thread-safe; each {@link #bootstrap} is one independent run.
 */
public final class UeGbaClient {

  private static final Logger LOG = LoggerFactory.getLogger(UeGbaClient.class);
  private static final int MAX_ROUNDS = 3;

  private final URI bsf;
  private final HttpClient http;
  private final Duration timeout;
  private final RandomSource random;

  /**
   * @param bsfUri the BSF's Ub URI, e.g. {@code https://127.0.0.1:8443/}
   * @param tls a client context that trusts the BSF's certificate
   */
  public UeGbaClient(URI bsfUri, SSLContext tls, Duration timeout, RandomSource random) {
    this.bsf = Objects.requireNonNull(bsfUri, "bsfUri");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.random = Objects.requireNonNull(random, "random");
    this.http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * Bootstraps {@code impi} with {@code usim} (realm: the IMPI's domain).
   *
   * @throws GbaClientException REFUSED with the BSF's status and reason, UNAVAILABLE if the BSF
   *     cannot be reached, or the {@link UbClient} reasons (AUTN forged, rspauth wrong, …)
   */
  public Bootstrapped bootstrap(String impi, Usim usim) throws GbaClientException {
    String path = bsf.getRawPath() == null || bsf.getRawPath().isEmpty() ? "/" : bsf.getRawPath();
    UbClient ub = new UbClient(impi, UbClient.defaultRealm(impi), path, usim, random);
    HttpResponse<byte[]> r = get(ub.firstAuthorization());
    for (int round = 0; r.statusCode() == 401 && round < MAX_ROUNDS; round++) {
      String www = r.headers().firstValue("WWW-Authenticate").orElseThrow(() -> refused(401, "no WWW-Authenticate"));
      r = get(ub.answer(www, "GET", Bytes.EMPTY));
    }
    if (r.statusCode() != 200) {
      throw refused(r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).strip());
    }
    Bootstrapped b = ub.complete(r.headers().firstValue("Authentication-Info").orElse(null), Bytes.of(r.body()));
    LOG.info("bootstrapped {} as {} until {}", impi, b.bTid(), b.lifetime());
    return b;
  }

  private HttpResponse<byte[]> get(String authorization) throws GbaClientException {
    try {
      return http.send(HttpRequest.newBuilder(bsf).timeout(timeout).GET().header("Authorization", authorization).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new GbaClientException(GbaClientException.Reason.UNAVAILABLE, "BSF " + bsf + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GbaClientException(GbaClientException.Reason.UNAVAILABLE, "interrupted", e);
    }
  }

  private static GbaClientException refused(int status, String reason) {
    String one = reason.length() > 200 ? reason.substring(0, 200) + "…" : reason;
    return new GbaClientException(GbaClientException.Reason.REFUSED, "BSF answered " + status + ": " + one.replaceAll("[\\r\\n]+", " "));
  }
}
