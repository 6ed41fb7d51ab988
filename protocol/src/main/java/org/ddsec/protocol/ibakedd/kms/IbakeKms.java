package org.ddsec.protocol.ibakedd.kms;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.eccsi.EccsiKeyMaterial;
import org.ddsec.crypto.ibe.eccsi.EccsiKms;
import org.ddsec.crypto.ibe.sakke.SakkeKms;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyMac;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
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
import org.ddsec.mikey.payload.VerificationPayload;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.gba.NafKeyLookup;
import org.ddsec.protocol.gba.NafKeyLookupException;
import org.ddsec.protocol.ibakedd.Community;
import org.ddsec.protocol.ibakedd.IbakeProfile;
import org.ddsec.protocol.ibakedd.KeyRequests;
import org.ddsec.protocol.ibakedd.SecureRandoms;
import org.ddsec.protocol.kmsdd.kms.MailboxEntry;
import org.ddsec.protocol.kmsdd.kms.MailboxRegistry;
import org.ddsec.protocol.mikey.KemacPayloads;
import org.ddsec.protocol.mikey.MikeyMessages;
import org.ddsec.protocol.mikey.VerificationPayloads;
import org.ddsec.protocol.store.ReplayCache;
import org.ddsec.protocol.trace.Trace;

/**
 * The KMS of MIKEY-IBAKE (RFC 6267 §4.2.1): it answers REQUEST_KEY_PSK with REQUEST_KEY_RESP,
 * issuing for each requested identifier ("YYYY-MM\0" URI "\0", RFC 6509 §3.2) the SAKKE receiver
 * secret key (RFC 6508 §6.1.1) and a fresh ECCSI SSK/PVT (RFC 6507 §5.1.1), encrypted to the
 * requester in the KEMAC.
 *
 * <p>Requesters authenticate with a pre-shared key named in IDRpsk: a UE with its GBA key Ks_NAF
 * for this KMS's NAF_Id (B-TID, looked up over Zn by {@link NafKeyLookup}), a server such as the
 * mailbox with its registered key ({@link MailboxRegistry}). A requester gets keys only for its
 * own identities — a UE for the IMPUs of its GBA subscription, a mailbox for its own identity —
 * and only for key periods within the configured window.
 *
 * <p>Bytes in, bytes out: {@link #handle} takes an {@code application/mikey} body and returns the
 * body to answer with, never throws, and keeps nothing but the replay cache of its live hop, so an
 * HTTPS service can host it unchanged (and several replicas can share the cache). A refused
 * request gets a MIKEY Error message whose ERR code is the {@link MikeyException.Reason} of the
 * failed check (docs/profile-ibake-dd.md, "seed step → message → check").
 */
public final class IbakeKms {

  /** The KMS's identity and policy. */
  public record Config(String kmsId, Duration maxSkew, int monthsBack, int monthsAhead) {
    public Config {
      Objects.requireNonNull(kmsId, "kmsId");
      Objects.requireNonNull(maxSkew, "maxSkew");
      if (monthsBack < 0 || monthsAhead < 0) {
        throw new IllegalArgumentException("key period window: " + monthsBack + " back, " + monthsAhead + " ahead (expected: ≥ 0)");
      }
    }

    /**
     * Skew of {@link IbakeProfile#DEFAULT_MAX_SKEW}; keys from two months back (a deferred message
     * left last month is still decryptable) to one month ahead (a UE fetches next month's keys
     * before the month turns).
     */
    public static Config of(String kmsId) {
      return new Config(kmsId, IbakeProfile.DEFAULT_MAX_SKEW, 2, 1);
    }
  }

  /** The outcome of one request: the response to send, and why it was refused if it was. */
  public record Result(Bytes response, Optional<MikeyException> refusal) {}

  /** Who authenticated the request: the identities it may have keys for, and the PSK. */
  private record Requester(String name, Set<String> identities, SecretBytes psk) {}

  private final Config config;
  private final SakkeKms sakke;
  private final EccsiKms eccsi;
  private final Community community;
  private final NafKeyLookup nafKeys;
  private final MailboxRegistry servers;
  private final ReplayCache replay;
  private final Clock clock;
  private final SecureRandom random;
  private final Trace trace;

  /**
   * @param sakke the SAKKE master secret z_T (RFC 6508 §6.1)
   * @param eccsi the ECCSI KSAK (RFC 6507 §4.2)
   * @param servers servers (mailboxes) that request keys with a registered PSK instead of GBA
   */
  public IbakeKms(Config config, SakkeKms sakke, EccsiKms eccsi, NafKeyLookup nafKeys, MailboxRegistry servers, ReplayCache replay,
      Clock clock, RandomSource random, Trace trace) {
    this.config = Objects.requireNonNull(config, "config");
    this.sakke = Objects.requireNonNull(sakke, "sakke");
    this.eccsi = Objects.requireNonNull(eccsi, "eccsi");
    this.nafKeys = Objects.requireNonNull(nafKeys, "nafKeys");
    this.servers = Objects.requireNonNull(servers, "servers");
    this.replay = Objects.requireNonNull(replay, "replay");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = SecureRandoms.of(Objects.requireNonNull(random, "random"));
    this.trace = Objects.requireNonNull(trace, "trace");
    this.community = new Community(config.kmsId(), sakke.publicKey(), eccsi.kpak());
  }

  public String kmsId() {
    return config.kmsId();
  }

  /** The public parameters every party of this community must be configured with. */
  public Community community() {
    return community;
  }

  /** Answers one request (an {@code application/mikey} body); never throws. */
  public Result handle(Bytes request) {
    Instant now = clock.instant();
    byte[] raw = request.toByteArray();
    try {
      return new Result(answer(MikeyCodec.decode(raw), now), Optional.empty());
    } catch (MikeyException e) {
      trace.record("!", config.kmsId(), config.kmsId(), "refused", e.getMessage() + " -> ERR " + e.errorCode().rfcName());
      return new Result(MikeyMessages.error(MikeyMessages.csbIdOf(raw), e.errorCode(), now).encoded(), Optional.of(e));
    }
  }

  private Bytes answer(MikeyMessage m, Instant now) throws MikeyException {
    if (m.dataType() != DataType.REQUEST_KEY_PSK) {
      throw new MikeyException(Reason.UNSUPPORTED_DATA_TYPE, "data type", m.dataType().rfcName() + " (expected: REQUEST_KEY_PSK)");
    }
    CommonHeader h = m.header();
    if (!h.v() || h.prf() != IbakeProfile.PRF_CODE || !(h.csIdMap() instanceof CsIdMap.EmptyMap) || h.csIdMap().numCs() != 0) {
      throw new MikeyException(Reason.MALFORMED, "HDR", "V, PRF, #CS or CS ID map (expected: V = 1, " + IbakeProfile.PRF_CODE.rfcName()
          + ", #CS 0, Empty map, RFC 6267 §4.2.1.1)");
    }
    // Layout: T, RAND, (IDRi), IDRkms, IDRpsk, V.
    List<Payload> p = m.payloads();
    int n = p.size();
    if (n < 6 || !(p.get(0) instanceof TimestampPayload t) || !(p.get(1) instanceof RandPayload rand)
        || !(p.get(n - 3) instanceof IdRolePayload kms) || kms.idRole() != IdRole.IDRKMS.code()
        || !(p.get(n - 2) instanceof IdRolePayload psk) || psk.idRole() != IdRole.IDRPSK.code()
        || !(p.get(n - 1) instanceof VerificationPayload)) {
      throw new MikeyException(Reason.MALFORMED, "REQUEST_KEY_PSK", MikeyMessages.summary(m)
          + " (expected: T, RAND, IDRi..., IDRkms, IDRpsk, V)");
    }
    List<IdRolePayload> requested = new ArrayList<>();
    for (int i = 2; i < n - 3; i++) {
      if (!(p.get(i) instanceof IdRolePayload id) || id.idRole() != IdRole.IDRI.code()) {
        throw new MikeyException(Reason.MALFORMED, "REQUEST_KEY_PSK", MikeyMessages.summary(m) + " (expected: only IDRi between RAND and IDRkms)");
      }
      requested.add(id);
    }
    if (requested.size() > IbakeProfile.MAX_KEYS_PER_REQUEST) {
      throw new MikeyException(Reason.MALFORMED, "IDRi", requested.size() + " identifiers (expected: ≤ " + IbakeProfile.MAX_KEYS_PER_REQUEST + ")");
    }
    if (rand.rand().length() != IbakeProfile.RAND_BYTES) {
      throw new MikeyException(Reason.MALFORMED, "RAND", rand.rand().length() + " bytes (expected: " + IbakeProfile.RAND_BYTES + ")");
    }
    String kmsId = MikeyMessages.uriOf(kms);
    if (!kmsId.equals(config.kmsId())) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRkms", kmsId + " (expected: " + config.kmsId() + ")");
    }
    List<Identity> ids = new ArrayList<>();
    for (IdRolePayload id : requested) {
      ids.add(KeyRequests.identity(id));
    }
    MikeyMessages.checkSkew(t, now, config.maxSkew(), "T");
    Requester who = requester(MikeyMessages.uriOf(psk), now);
    try (MessageKeys keys = KeyRequests.keys(who.psk(), h.csbId(), rand.rand())) {
      VerificationPayloads.verify(m, keys.authKey(), KeyRequests.covered(ids.get(0), config.kmsId()));
      // Authentic from here on; a replay is refused before any key is issued.
      Bytes replayId = t.tsValue().concat(rand.rand()).concat(m.payloadBytes(n - 1));
      if (!replay.firstSeen(replayId, MikeyMessages.instant(t).plus(config.maxSkew()), now)) {
        throw new MikeyException(Reason.REPLAY, "V", "this REQUEST_KEY_PSK was answered before (expected: a fresh request)");
      }
      authorise(who, ids, now);
      trace.record("K.2", config.kmsId(), config.kmsId(), "checks and issues",
          "V under the PSK of " + who.name() + "; " + ids.size() + " identifier(s) of " + who.identities() + " within the key window\n"
              + "RSK K = [(b + z_T)^-1]P (RFC 6508 §6.1.1), SSK/PVT (RFC 6507 §5.1.1) per identifier");
      return respond(m, t, keys, ids);
    }
  }

  private Requester requester(String pskId, Instant now) throws MikeyException {
    Optional<MailboxEntry> server = servers.byKeyId(pskId);
    if (server.isPresent()) {
      return new Requester(server.get().mailboxId(), Set.of(server.get().mailboxId()), server.get().km());
    }
    NafKey key;
    try {
      key = nafKeys.lookup(pskId);
    } catch (NafKeyLookupException e) {
      throw new MikeyException(e.reason() == NafKeyLookupException.Reason.UNAVAILABLE ? Reason.REFUSED : Reason.AUTH_FAILURE,
          "IDRpsk", -1, pskId + ": " + e.reason() + " (expected: a live B-TID or a registered server key)", e);
    }
    if (!key.isValidAt(now)) {
      throw new MikeyException(Reason.AUTH_FAILURE, "IDRpsk", "Ks_NAF of " + pskId + " expired at " + key.expiresAt());
    }
    return new Requester(key.impi(), key.impus(), key.ksNaf());
  }

  private void authorise(Requester who, List<Identity> ids, Instant now) throws MikeyException {
    KeyPeriod current = KeyPeriod.containing(now);
    KeyPeriod first = current;
    for (int i = 0; i < config.monthsBack(); i++) {
      first = first.previous();
    }
    KeyPeriod last = current;
    for (int i = 0; i < config.monthsAhead(); i++) {
      last = last.next();
    }
    Set<Identity> seen = new HashSet<>();
    for (Identity id : ids) {
      if (!who.identities().contains(id.uri())) {
        throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRi", id.uri() + " (expected: an identity of " + who.name() + ")");
      }
      if (id.period().compareTo(first) < 0 || id.period().compareTo(last) > 0) {
        throw new MikeyException(Reason.IDENTITY_REFUSED, "IDRi", "key period " + id.period() + " (expected: " + first + " .. " + last + ")");
      }
      if (!seen.add(id)) {
        throw new MikeyException(Reason.MALFORMED, "IDRi", id + " requested twice (expected: each identifier once)");
      }
    }
  }

  private Bytes respond(MikeyMessage init, TimestampPayload t, MessageKeys keys, List<Identity> ids) {
    List<Payload> secret = new ArrayList<>();
    List<SecretBytes> wipe = new ArrayList<>();
    try {
      for (Identity id : ids) {
        SecretBytes rsk = sakke.issueReceiverSecretKey(id);
        wipe.add(rsk);
        secret.add(KeyRequests.idr(id));
        secret.add(new KeyDataPayload(KeyDataType.K_PR, rsk, Optional.empty(), KeyValidity.None.INSTANCE));
        try (EccsiKeyMaterial ssk = eccsi.issue(id, random)) {
          byte[] s = ssk.ssk().unsafeBytes();
          SecretBytes both = SecretBytes.wrap(Bytes.of(s).concat(ssk.pvt()).toByteArray());
          SecretBytes.wipe(s);
          wipe.add(both);
          secret.add(new KeyDataPayload(KeyDataType.K_PR, both, Optional.empty(), KeyValidity.None.INSTANCE));
        }
      }
      CommonHeader h = new CommonHeader(DataType.REQUEST_KEY_RESP, false, IbakeProfile.PRF_CODE, init.header().csbId(),
          new CsIdMap.EmptyMap(0));
      KemacPayload kemac = KemacPayloads.encrypt(secret, IbakeProfile.ENCRYPTION, MikeyMac.INSECURE_NULL, keys, init.header().csbId(),
          t.asUint64());
      MikeyMessage resp = VerificationPayloads.seal(h, List.of(t, MikeyMessages.uri(IdRole.IDRKMS, config.kmsId()), kemac), IbakeProfile.MAC,
          keys.authKey(), KeyRequests.covered(ids.get(0), config.kmsId()));
      trace.record("K.3", config.kmsId(), ids.get(0).uri(), "REQUEST_KEY_RESP (HTTPS)",
          MikeyMessages.summary(resp) + "\nKEMAC = E(encr_key, (ID || K_PR)...): RSK and SSK||PVT per identifier");
      return resp.encoded();
    } finally {
      wipe.forEach(SecretBytes::close);
    }
  }
}
