package org.ddsec.server.bsf;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.gba.NafKeyLookup;
import org.ddsec.protocol.gba.NafKeyLookupException;

/**
 * The BSF-backed {@link NafKeyLookup}: a Zn client ({@link ZnApi}) over mutual TLS. The NAF's
 * identity is its client certificate; this instance asks only for its own {@code nafId}.
 * Thread-safe (one {@link HttpClient} per instance).
 */
public final class BsfNafKeyLookup implements NafKeyLookup {

  private final URI zn;
  private final NafId nafId;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * @param znBase the BSF's Zn listener, e.g. {@code https://127.0.0.1:8444}
   * @param mutualTls a client context that presents the NAF's certificate and trusts the BSF's CA
   */
  public BsfNafKeyLookup(URI znBase, SSLContext mutualTls, NafId nafId, Duration timeout) {
    this.zn = Objects.requireNonNull(znBase, "znBase");
    this.nafId = Objects.requireNonNull(nafId, "nafId");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().sslContext(mutualTls).version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  @Override
  public NafKey lookup(String bTid) throws NafKeyLookupException {
    URI u = zn.resolve(ZnApi.PATH + "?btid=" + URLEncoder.encode(bTid, StandardCharsets.UTF_8)
        + "&naf-fqdn=" + URLEncoder.encode(nafId.fqdn(), StandardCharsets.UTF_8) + "&ua-id=" + ZnApi.hex(nafId.uaProtocolId()));
    HttpResponse<byte[]> r;
    try {
      r = http.send(HttpRequest.newBuilder(u).timeout(timeout).GET().header("Accept", ZnApi.JSON).build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new NafKeyLookupException(NafKeyLookupException.Reason.UNAVAILABLE, "Zn: BSF unreachable at " + zn + " (" + e.getMessage() + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NafKeyLookupException(NafKeyLookupException.Reason.UNAVAILABLE, "Zn: interrupted", e);
    }
    if (r.statusCode() == 200) {
      return ZnApi.decode(r.body(), bTid, nafId);
    }
    String msg = ZnApi.errorMessage(r.body());
    String text = "Zn: " + r.statusCode() + (msg == null ? "" : " " + msg);
    NafKeyLookupException.Reason reason = switch (r.statusCode()) {
      case 404 -> NafKeyLookupException.Reason.UNKNOWN_BTID;
      case 410 -> NafKeyLookupException.Reason.EXPIRED;
      case 403 -> NafKeyLookupException.Reason.NAF_NOT_AUTHORISED;
      default -> NafKeyLookupException.Reason.UNAVAILABLE;
    };
    throw new NafKeyLookupException(reason, text);
  }

  @Override
  public String toString() {
    return "BsfNafKeyLookup[" + zn + ", " + nafId + "]";
  }
}
