package org.ddsec.server.system;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.CommunityDocument;
import org.ddsec.protocol.ibakedd.IbakeMode;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.initiator.Initiator;
import org.ddsec.protocol.ibakedd.provisioning.KeyRequester;
import org.ddsec.protocol.ibakedd.recipient.IbakeRecipient;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.kms.KmsServer;

/**
 * A test UE's IBAKE-DD side over real HTTPS (the UE module's own is {@code client.ue}; the server
 * tests cannot depend on it): the community from the KMS, its identity-based keys by
 * REQUEST_KEY_PSK under its Ks_NAF, and its initiator and recipient roles.
 */
public final class IbakeTestKeys {

  private IbakeTestKeys() {}

  static HttpClient http(LoopbackServices s) {
    return HttpClient.newBuilder().sslContext(s.ueTls()).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static Community community(LoopbackServices s) throws Exception {
    HttpResponse<byte[]> r = http(s).send(HttpRequest.newBuilder(s.kms().uri().resolve(KmsServer.COMMUNITY)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    return CommunityDocument.decode(Bytes.of(r.body()));
  }

  /** {@code u}'s SAKKE and ECCSI keys for this month (and {@code more}), validated. */
  public static UserKeys provision(LoopbackServices s, TestUe u, KeyPeriod... more) throws Exception {
    UserKeys keys = new UserKeys(u.impu);
    KeyRequester k = new KeyRequester(new KeyRequester.Config(u.impu, u.bTid(), s.kmsId()), u.kmsKey(s), community(s), keys, Clock.systemUTC(),
        RandomSource.secure(), Trace.NONE);
    List<KeyPeriod> periods = new java.util.ArrayList<>(List.of(KeyPeriod.containing(Instant.now())));
    periods.addAll(List.of(more));
    HttpResponse<byte[]> r = http(s).send(HttpRequest.newBuilder(s.kms().uri().resolve(KmsServer.PATH)).header("Content-Type", KmsServer.MIKEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(k.request(periods).toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray());
    k.onResponse(Bytes.of(r.body()));
    return keys;
  }

  public static Initiator initiator(LoopbackServices s, TestUe u, UserKeys keys, IbakeMode mode) throws Exception {
    return new Initiator(Initiator.Config.of(u.impu, mode, (idB, responder) -> responder.equals(s.mailboxId())), community(s), keys,
        Clock.systemUTC(), RandomSource.secure(), Trace.NONE);
  }

  public static IbakeRecipient recipient(LoopbackServices s, TestUe u, UserKeys keys, IbakeMode mode) throws Exception {
    return new IbakeRecipient(IbakeRecipient.Config.of(u.impu, s.mailboxId(), mode), community(s), keys, Clock.systemUTC(), Trace.NONE);
  }
}
