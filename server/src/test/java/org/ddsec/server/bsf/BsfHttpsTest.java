package org.ddsec.server.bsf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.gba.NafKeyLookupException;
import org.ddsec.protocol.gba.Sqn;
import org.ddsec.protocol.gba.UbClient;
import org.ddsec.protocol.gba.Usim;
import org.ddsec.protocol.gba.UsimSqnArray;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BSF over real HTTPS on loopback (ephemeral ports): Ub with Digest AKA, Zn over mutual TLS. */
class BsfHttpsTest {

  private BsfTestBed bed;

  @BeforeEach
  void start() throws Exception {
    bed = new BsfTestBed();
  }

  @AfterEach
  void stop() throws Exception {
    bed.close();
  }

  private static Usim usim() {
    return new Usim(SecretBytes.fromHex(BsfTestBed.K), SecretBytes.fromHex(BsfTestBed.OPC));
  }

  private UbClient client(Usim usim) {
    return new UbClient(BsfTestBed.IMPI, "ims.example.org", "/", usim, BsfTestBed.seeded(5));
  }

  private Bootstrapped bootstrap(UbClient ub) throws Exception {
    HttpResponse<String> r = bed.get(ub.firstAuthorization());
    for (int i = 0; i < 3 && r.statusCode() == 401; i++) {
      r = bed.get(ub.answer(r.headers().firstValue("WWW-Authenticate").orElseThrow(), "GET", Bytes.EMPTY));
    }
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/vnd.3gpp.bsf+xml");
    return ub.complete(r.headers().firstValue("Authentication-Info").orElseThrow(), Bytes.utf8(r.body()));
  }

  private String challengeAnswer(UbClient ub) throws Exception {
    HttpResponse<String> c = bed.get(ub.firstAuthorization());
    assertThat(c.statusCode()).isEqualTo(401);
    return ub.answer(c.headers().firstValue("WWW-Authenticate").orElseThrow(), "GET", Bytes.EMPTY);
  }

  @Test
  void ub_milenageOverHttps_ueKsNafEqualsZnKsNaf() throws Exception {
    try (Usim u = usim(); Bootstrapped b = bootstrap(client(u))) {
      NafKey z = bed.kms().lookup(b.bTid());
      try (SecretBytes local = b.ksNaf(NafId.kms(BsfTestBed.KMS))) {
        assertThat(z.ksNaf().constantTimeEquals(local)).isTrue();
      }
      assertThat(z.impi()).isEqualTo(BsfTestBed.IMPI);
      assertThat(z.impus()).containsExactly(BsfTestBed.IMPU);
      assertThat(z.expiresAt()).isEqualTo(b.lifetime());
      assertThat(b.bTid()).endsWith("@bsf.ims.example.org");
    }
  }

  @Test
  void ub_sqnOutOfRange_autsResyncThenSuccess() throws Exception {
    try (Usim u = new Usim(SecretBytes.fromHex(BsfTestBed.K), SecretBytes.fromHex(BsfTestBed.OPC), UsimSqnArray.startingAt(Sqn.of(777, 9)));
        Bootstrapped b = bootstrap(client(u))) {
      assertThat(bed.sqn().seq()).as("SQN_HE re-synchronised to SEQ_MS, then advanced once").isEqualTo(778);
      assertThat(bed.kms().lookup(b.bTid()).impi()).isEqualTo(BsfTestBed.IMPI);
    }
  }

  @Test
  void ub_replayedAnswer_403AndNoStateChange() throws Exception {
    UbClient ub = client(usim());
    String answer = challengeAnswer(ub);
    assertThat(bed.get(answer).statusCode()).isEqualTo(200);
    Sqn sqn = bed.sqn();
    HttpResponse<String> replay = bed.get(answer);
    assertThat(replay.statusCode()).isEqualTo(403);
    assertThat(replay.body()).contains("nonce: unknown or already answered");
    assertThat(bed.sessions.count()).isEqualTo(1);
    assertThat(bed.sqn()).isEqualTo(sqn);
  }

  @Test
  void ub_wrongRes_403AndNoSession() throws Exception {
    String answer = challengeAnswer(client(usim()));
    Sqn sqn = bed.sqn();
    HttpResponse<String> r = bed.get(answer.replaceAll("response=\"[0-9a-f]{32}\"", "response=\"" + "a".repeat(32) + "\""));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(bed.sessions.count()).isZero();
    assertThat(bed.sqn()).isEqualTo(sqn);
  }

  @Test
  void ub_wrongImpi_403AndNoChallenge() throws Exception {
    UbClient ub = new UbClient("mallory@ims.example.org", "ims.example.org", "/", usim(), BsfTestBed.seeded(6));
    HttpResponse<String> r = bed.get(ub.firstAuthorization());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(bed.bsf.pendingChallenges()).isZero();
  }

  @Test
  void ub_answerUnderOtherUsername_403() throws Exception {
    String answer = challengeAnswer(client(usim()));
    HttpResponse<String> r = bed.get(answer.replace("username=\"alice@ims.example.org\"", "username=\"bob@ims.example.org\""));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(bed.sessions.count()).isZero();
  }

  @Test
  void ub_noAuthorization_400() throws Exception {
    assertThat(bed.get(null).statusCode()).isEqualTo(400);
  }

  @Test
  void ub_oversizedBody_413() throws Exception {
    HttpResponse<String> r = bed.ue.send(java.net.http.HttpRequest.newBuilder(bed.ubUri())
        .method("GET", java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[BsfServer.MAX_BODY + 1])).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void zn_expiredBtid_expired() throws Exception {
    try (Bootstrapped b = bootstrap(client(usim()))) {
      bed.clock.advance(Duration.ofHours(1).plusSeconds(1));
      NafKeyLookupException e = assertThrows(NafKeyLookupException.class, () -> bed.kms().lookup(b.bTid()));
      assertThat(e.reason()).isEqualTo(NafKeyLookupException.Reason.EXPIRED);
    }
  }

  @Test
  void zn_unknownBtid_unknown() {
    NafKeyLookupException e = assertThrows(NafKeyLookupException.class, () -> bed.kms().lookup("AAAAAAAAAAAAAAAAAAAAAA==@bsf.ims.example.org"));
    assertThat(e.reason()).isEqualTo(NafKeyLookupException.Reason.UNKNOWN_BTID);
  }

  @Test
  void zn_nafNotInBsfList_notAuthorised() throws Exception {
    try (Bootstrapped b = bootstrap(client(usim()))) {
      NafKeyLookupException e = assertThrows(NafKeyLookupException.class,
          () -> bed.zn("mailbox.ims.example.org", NafId.kms("mailbox.ims.example.org")).lookup(b.bTid()));
      assertThat(e.reason()).isEqualTo(NafKeyLookupException.Reason.NAF_NOT_AUTHORISED);
    }
  }

  @Test
  void zn_nafClaimsFqdnNotInItsCertificate_notAuthorised() throws Exception {
    try (Bootstrapped b = bootstrap(client(usim()))) {
      NafKeyLookupException e = assertThrows(NafKeyLookupException.class,
          () -> bed.zn("mailbox.ims.example.org", NafId.kms(BsfTestBed.KMS)).lookup(b.bTid()));
      assertThat(e.reason()).isEqualTo(NafKeyLookupException.Reason.NAF_NOT_AUTHORISED);
      assertThat(e.getMessage()).contains("not named by the client certificate");
    }
  }

  @Test
  void zn_withoutClientCertificate_handshakeRefused() {
    BsfNafKeyLookup noCert = new BsfNafKeyLookup(bed.server.znUri(), bed.ueTls, NafId.kms(BsfTestBed.KMS), Duration.ofSeconds(5));
    NafKeyLookupException e = assertThrows(NafKeyLookupException.class, () -> noCert.lookup("x@bsf"));
    assertThat(e.reason()).isEqualTo(NafKeyLookupException.Reason.UNAVAILABLE);
  }

  @Test
  void zn_certificateFromOtherCa_handshakeRefused() {
    org.ddsec.server.tls.CertificateAuthority other = org.ddsec.server.tls.CertificateAuthority.generate("other CA");
    javax.net.ssl.SSLContext mtls = org.ddsec.server.tls.TlsContexts.client(other.issueClient(BsfTestBed.KMS, Duration.ofDays(1)), bed.ca.certificate());
    BsfNafKeyLookup z = new BsfNafKeyLookup(bed.server.znUri(), mtls, NafId.kms(BsfTestBed.KMS), Duration.ofSeconds(5));
    assertThat(assertThrows(NafKeyLookupException.class, () -> z.lookup("x@bsf")).reason()).isEqualTo(NafKeyLookupException.Reason.UNAVAILABLE);
  }

  /**
   * Malformed Authorization headers over the wire (seeded mutations of a genuine answer, sent on
   * a raw TLS socket so that even bytes HttpClient would refuse reach the server): each gets a
   * 4xx, none a 200 or 5xx; those that are not a fresh challenge (401) change no SQN and no session.
   */
  @Test
  void ub_mutatedAuthorizationHeaders_all4xxAndNoStateChange() throws Exception {
    String answer = challengeAnswer(client(usim()));
    int[] n = {0};
    Property.forAll(150, r -> {
      StringBuilder sb = new StringBuilder(answer);
      int edits = 1 + r.nextInt(5);
      for (int i = 0; i < edits && sb.length() > 0; i++) {
        int at = r.nextInt(sb.length());
        switch (r.nextInt(4)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, Property.oneOf(r, "\"", ",", "=", "\\", " ", "\u0000", "\u00ff", "nonce=\"\"", "auts=\"AAAA\""));
          case 2 -> sb.setCharAt(at, (char) (0x01 + r.nextInt(0xFE)));
          default -> sb.setLength(at);
        }
      }
      String header = sb.toString().replace('\r', ' ').replace('\n', ' ');
      Sqn before = bed.sqn();
      int sessions = bed.sessions.count();
      int status = rawGet(header);
      assertThat(status).as(header).isBetween(400, 499);
      if (status != 401) {
        assertThat(bed.sqn()).as(header).isEqualTo(before);
      }
      assertThat(bed.sessions.count()).as(header).isEqualTo(sessions);
      n[0]++;
    });
    assertThat(n[0]).isEqualTo(150);
  }

  private int rawGet(String authorization) {
    try (SSLSocket s = (SSLSocket) bed.ueTls.getSocketFactory().createSocket("127.0.0.1", bed.server.ubPort())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      byte[] h = authorization.getBytes(StandardCharsets.ISO_8859_1);
      out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: ").getBytes(StandardCharsets.US_ASCII));
      out.write(h);
      out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
