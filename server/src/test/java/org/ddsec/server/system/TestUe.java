package org.ddsec.server.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.gba.UbClient;
import org.ddsec.protocol.gba.Usim;

/**
 * A test UE: provisioned in the loopback HSS with random Milenage keys, bootstrapped over real
 * HTTPS (Ub, Digest AKA). The UE module's own client is {@code client.gba.UeGbaClient}; the
 * server tests cannot depend on it, so this does the same few requests.
 */
public final class TestUe {

  public final String impi;
  public final String impu;
  public final Bootstrapped gba;

  private TestUe(String impi, String impu, Bootstrapped gba) {
    this.impi = impi;
    this.impu = impu;
    this.gba = gba;
  }

  /** Provisions {@code name@domain} and bootstraps it. */
  public static TestUe bootstrap(LoopbackServices s, String name, String domain) throws Exception {
    String impi = name + "@" + domain;
    String impu = "sip:" + name + "@" + domain;
    byte[] k = RandomSource.secure().bytes(16);
    byte[] opc = RandomSource.secure().bytes(16);
    s.addSubscriber(impi, Set.of(impu), SecretBytes.copyOf(k), SecretBytes.copyOf(opc));
    HttpClient http = HttpClient.newBuilder().sslContext(s.ueTls()).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .build();
    URI ub = s.bsf().server().ubUri();
    try (Usim usim = new Usim(SecretBytes.wrap(k), SecretBytes.wrap(opc))) {
      UbClient c = new UbClient(impi, domain, "/", usim, RandomSource.secure());
      HttpResponse<String> r = get(http, ub, c.firstAuthorization());
      for (int i = 0; i < 3 && r.statusCode() == 401; i++) {
        r = get(http, ub, c.answer(r.headers().firstValue("WWW-Authenticate").orElseThrow(), "GET", Bytes.EMPTY));
      }
      if (r.statusCode() != 200) {
        throw new IllegalStateException("bootstrap of " + impi + ": " + r.statusCode() + " " + r.body());
      }
      return new TestUe(impi, impu, c.complete(r.headers().firstValue("Authentication-Info").orElseThrow(), Bytes.utf8(r.body())));
    }
  }

  private static HttpResponse<String> get(HttpClient http, URI ub, String auth) throws Exception {
    return http.send(HttpRequest.newBuilder(ub).timeout(Duration.ofSeconds(5)).header("Authorization", auth).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Ks_NAF for the KMS (Ka / Kb). */
  public SecretBytes kmsKey(LoopbackServices s) {
    return gba.ksNaf(NafId.kms(s.kmsFqdn()));
  }

  /** This UE calls {@code to} through {@code h}. */
  public LoopbackCaller call(LoopbackServices s, org.ddsec.server.mailbox.DepositHandler h, TestUe to, String callId) throws Exception {
    return LoopbackCaller.invite(s.kmsId(), h, impu, bTid(), kmsKey(s), to.impu, callId);
  }

  public String bTid() {
    return gba.bTid();
  }
}
