package org.ddsec.protocol.ibakedd.provisioning;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.eccsi.EccsiSigningKey;
import org.ddsec.crypto.ibe.sakke.ReceiverSecretKey;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.IdRolePayload;
import org.ddsec.mikey.payload.KemacPayload;
import org.ddsec.mikey.payload.KeyDataPayload;
import org.ddsec.mikey.payload.KeyDataType;
import org.ddsec.mikey.payload.KeyValidity;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.RandPayload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.IbakeProfile;
import org.ddsec.protocol.ibakedd.KeyRequests;
import org.ddsec.protocol.ibakedd.UserKeys;
import org.ddsec.protocol.ibakedd.UserKeys.PeriodKeys;
import org.ddsec.protocol.mikey.KemacPayloads;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.trace.Trace;

/**
 * A KMS client (RFC 6267 §4.2.1): a UE, or the mailbox, asks its KMS for the identity-based keys
 * of some key periods with REQUEST_KEY_PSK, authenticated with its pre-shared key (a UE's GBA
 * Ks_NAF, named by its B-TID), and takes them from REQUEST_KEY_RESP — after checking each one:
 * the SAKKE RSK against the community's Z_T (RFC 6508 §6.1.2) and the ECCSI SSK/PVT against the
 * KPAK (RFC 6507 §5.1.2). Keys enter the {@link UserKeys} only all together and only validated.
 *
 * <p>States per request (CSB ID): awaiting the response → keys stored, or → refused. A response
 * that does not authenticate (V) changes nothing; an authentic one, or an Error message, ends the
 * request; nothing is stored from a response that fails any check.
 */
public final class KeyRequester {

  /** Who asks: the identity (URI), the name of its PSK in IDRpsk (a B-TID, or a server key id). */
  public record Config(String uri, String pskId, String kmsId) {
    public Config {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(pskId, "pskId");
      Objects.requireNonNull(kmsId, "kmsId");
    }
  }

  private record Pending(List<Identity> identities, TimestampPayload t, Bytes rand) {}

  private final Config config;
  private final SecretBytes psk;
  private final Community community;
  private final UserKeys keys;
  private final Clock clock;
  private final RandomSource random;
  private final Trace trace;
  private final Map<Long, Pending> pending = new HashMap<>();

  public KeyRequester(Config config, SecretBytes psk, Community community, UserKeys keys, Clock clock, RandomSource random, Trace trace) {
    this.config = Objects.requireNonNull(config, "config");
    this.psk = Objects.requireNonNull(psk, "psk");
    this.community = Objects.requireNonNull(community, "community");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.trace = Objects.requireNonNull(trace, "trace");
    if (!keys.uri().equals(config.uri())) {
      throw new IllegalArgumentException("key store of " + keys.uri() + " (expected: " + config.uri() + ")");
    }
  }

  /** REQUEST_KEY_PSK for our identity in each of {@code periods}. */
  public synchronized Bytes request(List<KeyPeriod> periods) {
    if (periods.isEmpty() || periods.size() > IbakeProfile.MAX_KEYS_PER_REQUEST) {
      throw new IllegalArgumentException("periods: " + periods.size() + " (expected: 1 to " + IbakeProfile.MAX_KEYS_PER_REQUEST + ")");
    }
    Instant now = clock.instant();
    long csb = random.nextU32();
    Bytes rand = Bytes.of(random.bytes(IbakeProfile.RAND_BYTES));
    TimestampPayload t = MikeyMessages.timestamp(now);
    List<Identity> ids = new ArrayList<>();
    List<Payload> body = new ArrayList<>(List.of(t, new RandPayload(rand)));
    for (KeyPeriod p : periods) {
      Identity id = Identity.of(p, config.uri());
      ids.add(id);
      body.add(KeyRequests.idr(id));
    }
    body.add(MikeyMessages.uri(IdRole.IDRKMS, config.kmsId()));
    body.add(MikeyMessages.uri(IdRole.IDRPSK, config.pskId()));
    CommonHeader h = new CommonHeader(DataType.REQUEST_KEY_PSK, true, IbakeProfile.PRF_CODE, csb, new CsIdMap.EmptyMap(0));
    MikeyMessage m;
    try (MessageKeys k = KeyRequests.keys(psk, csb, rand)) {
      m = VerificationPayloads.seal(h, body, IbakeProfile.MAC, k.authKey(), KeyRequests.covered(ids.get(0), config.kmsId()));
    }
    pending.put(csb, new Pending(ids, t, rand));
    trace.record("K.1", config.uri(), config.kmsId(), "REQUEST_KEY_PSK (HTTPS)",
        MikeyMessages.summary(m) + "\nV under the PSK named " + config.pskId() + " (RFC 3830 §4.1.4 keys)");
    return m.encoded();
  }

  /**
   * The KMS's answer to one of our requests. Returns the periods now in the key store.
   *
   * @throws MikeyException REFUSED for a response to no request; PEER_ERROR for an Error
   *     message (the request ends); AUTH_FAILURE when the V payload does not verify or a key fails its validation
   *     (RFC 6508 §6.1.2, RFC 6507 §5.1.2); MALFORMED for another layout or other identities
   */
  public synchronized List<KeyPeriod> onResponse(Bytes bytes) throws MikeyException {
    long csb = MikeyMessages.csbIdOf(bytes.toByteArray());
    Pending p = pending.get(csb);
    if (p == null) {
      throw new MikeyException(Reason.REFUSED, "CSB ID", String.format("%08x (expected: a key request in progress)", csb));
    }
    MikeyMessage m;
    try {
      m = MikeyMessages.decodeAnswer(bytes, DataType.REQUEST_KEY_RESP);
    } catch (MikeyException e) {
      if (e.reason() == Reason.PEER_ERROR) {
        pending.remove(csb);
      }
      throw e;
    }
    CommonHeader h = m.header();
    if (h.v() || h.prf() != IbakeProfile.PRF_CODE || !(h.csIdMap() instanceof CsIdMap.EmptyMap) || h.csIdMap().numCs() != 0) {
      throw new MikeyException(Reason.MALFORMED, "HDR", "(expected: V = 0, the request's PRF, #CS 0, Empty map)");
    }
    List<Payload> ps = m.payloads();
    if (ps.size() != 4 || !(ps.get(0) instanceof TimestampPayload t) || !(ps.get(1) instanceof IdRolePayload kms)
        || kms.idRole() != IdRole.IDRKMS.code() || !(ps.get(2) instanceof KemacPayload kemac)) {
      throw new MikeyException(Reason.MALFORMED, "REQUEST_KEY_RESP", MikeyMessages.summary(m) + " (expected: T, IDRkms, KEMAC, V)");
    }
    List<PeriodKeys> got = new ArrayList<>();
    try (MessageKeys k = KeyRequests.keys(psk, csb, p.rand())) {
      VerificationPayloads.verify(m, k.authKey(), KeyRequests.covered(p.identities().get(0), config.kmsId()));
      // Authentic from here on: the request completes or ends now.
      pending.remove(csb);
      if (!t.equals(p.t())) {
        throw new MikeyException(Reason.INVALID_TIMESTAMP, "T", "(expected: the request's T, RFC 6267 §4.2.1.3)");
      }
      if (!MikeyMessages.uriOf(kms).equals(config.kmsId())) {
        throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRkms", MikeyMessages.uriOf(kms) + " (expected: " + config.kmsId() + ")");
      }
      List<Payload> secret = KemacPayloads.decryptVerified(kemac, k, csb, t.asUint64(), PayloadType.IDR);
      try {
        if (secret.size() != 3 * p.identities().size()) {
          throw new MikeyException(Reason.MALFORMED, "KEMAC data", secret.size() + " sub-payloads (expected: IDRi, K_PR, K_PR per identifier)");
        }
        for (int i = 0; i < p.identities().size(); i++) {
          got.add(validate(p.identities().get(i), secret.subList(3 * i, 3 * i + 3)));
        }
      } finally {
        for (Payload x : secret) {
          if (x instanceof KeyDataPayload kd) {
            kd.keyData().close();
          }
        }
      }
    } catch (MikeyException e) {
      got.forEach(g -> {
        g.rsk().close();
        g.ssk().close();
      });
      throw e;
    }
    got.forEach(keys::put);
    List<KeyPeriod> periods = new ArrayList<>();
    got.forEach(g -> periods.add(g.rsk().identity().period()));
    trace.record("K.4", config.uri(), config.uri(), "validates and stores its keys",
        "V ok; per period " + periods + ": <[b]P + Z, K> = g (RFC 6508 §6.1.2), KPAK = [SSK]G - [HS]PVT (RFC 6507 §5.1.2)");
    return periods;
  }

  private PeriodKeys validate(Identity want, List<Payload> three) throws MikeyException {
    if (!(three.get(0) instanceof IdRolePayload id) || id.idRole() != IdRole.IDRI.code()
        || !(three.get(1) instanceof KeyDataPayload rsk) || rsk.keyType() != KeyDataType.K_PR
        || !(three.get(2) instanceof KeyDataPayload ssk) || ssk.keyType() != KeyDataType.K_PR
        || !(rsk.validity() instanceof KeyValidity.None) || !(ssk.validity() instanceof KeyValidity.None)) {
      throw new MikeyException(Reason.MALFORMED, "KEMAC data", "(expected: IDRi, Key data K_PR, Key data K_PR, KV NULL)");
    }
    Identity named = KeyRequests.identity(id);
    if (!named.equals(want)) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "KEMAC IDRi", named + " (expected: " + want + ", as requested)");
    }
    if (ssk.keyData().length() != KeyRequests.ECCSI_KEY_BYTES) {
      throw new MikeyException(Reason.MALFORMED, "K_PR (ECCSI)", ssk.keyData().length() + " octets (expected: SSK 32 || PVT 65)");
    }
    ReceiverSecretKey r;
    try {
      r = ReceiverSecretKey.validate(community.sakke(), want, rsk.keyData());
    } catch (IbeException e) {
      throw new MikeyException(Reason.AUTH_FAILURE, "K_PR (SAKKE RSK)", -1, e.getMessage(), e);
    }
    byte[] both = ssk.keyData().unsafeBytes();
    try (SecretBytes s = SecretBytes.copyOf(both, 0, 32)) {
      return new PeriodKeys(r, EccsiSigningKey.validate(community.kpak(), want, s, Bytes.of(both, 32, 65)));
    } catch (IbeException e) {
      r.close();
      throw new MikeyException(Reason.AUTH_FAILURE, "K_PR (ECCSI SSK/PVT)", -1, e.getMessage(), e);
    } finally {
      SecretBytes.wipe(both);
    }
  }
}
