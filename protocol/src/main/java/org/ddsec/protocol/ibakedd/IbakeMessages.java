package org.ddsec.protocol.ibakedd;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ecdh.EcdhException;
import org.ddsec.crypto.ecdh.EcdhP256;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.eccsi.Eccsi;
import org.ddsec.crypto.ibe.eccsi.EccsiSignature;
import org.ddsec.crypto.ibe.eccsi.EccsiSigningKey;
import org.ddsec.crypto.ibe.encryption.IbeCiphertext;
import org.ddsec.crypto.ibe.encryption.IbeEncryption;
import org.ddsec.crypto.ibe.sakke.ReceiverSecretKey;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.TrafficKeys;
import org.ddsec.crypto.mikey.VerificationMacInput;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.Span;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.mikey.payload.EccCurve;
import org.ddsec.mikey.payload.EccPointPayload;
import org.ddsec.mikey.payload.EskPayload;
import org.ddsec.mikey.payload.IbakePayload;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.IdRolePayload;
import org.ddsec.mikey.payload.KeyValidity;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.PayloadChain.Scope;
import org.ddsec.mikey.payload.RandPayload;
import org.ddsec.mikey.payload.SecretKeyPayload;
import org.ddsec.mikey.payload.SecretKeyType;
import org.ddsec.mikey.payload.SignPayload;
import org.ddsec.mikey.payload.SignatureType;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.mikey.payload.TimestampType;
import org.ddsec.mikey.payload.VerificationPayload;
import org.ddsec.protocol.mikey.MikeyMessages;

/**
 * The four messages of the I_MESSAGE/R_MESSAGE exchange (RFC 6267 §4.2.2) as this profile builds
 * and reads them, and the pieces every role shares: the strict payload layout, the IBE-encrypted
 * IBAKE and ESK payloads (ddsec's SAKKE + AES-GCM E_X(...)), the ECCSI signature of the signed
 * mode, and the key derivations of RFC 6267 §5.
 *
 * <p>Layouts ({@code [x]}: optional, {@code SIGN}: only in {@link IbakeMode#DDSEC_SIGNED}):
 *
 * <pre>
 * I_MESSAGE_1 = HDR, T, RAND, IDRi, IDRr, IBAKE, [SIGN]
 * R_MESSAGE_1 = HDR, T, IDRi, IDRr, IBAKE, [SIGN]
 * I_MESSAGE_2 = HDR, T, RAND, IDRi, IDRr, IBAKE, [ESK], [SIGN]
 * R_MESSAGE_2 = HDR, T, IDRi, IDRr, [IBAKE], V
 * </pre>
 */
public final class IbakeMessages {

  private IbakeMessages() {}

  // ---- received messages -----------------------------------------------------------------------

  /** A decoded message of this profile with its plain fields; nothing in it is checked cryptographically yet. */
  public record Received(MikeyMessage message, TimestampPayload t, Optional<Bytes> rand, String idI, String idR,
      Optional<IbakePayload> ibake, Optional<EskPayload> esk) {

    public DataType dataType() {
      return message.dataType();
    }

    public long csbId() {
      return message.header().csbId();
    }

    public Instant instant() throws MikeyException {
      return MikeyMessages.instant(t);
    }

    /** The key period of the message: the UTC month of its T (RFC 6509 §3.2). */
    public KeyPeriod period() throws MikeyException {
      return KeyPeriod.containing(instant());
    }
  }

  /**
   * Decodes {@code bytes} and checks the layout of {@code expected} for {@code mode}: HDR (V flag,
   * PRF, one SRTP crypto session), the payloads in order, T of type NTP-UTC, identities of ID Type
   * URI, RAND length, the final SIGN (signed mode, I/R_MESSAGE_1 and I_MESSAGE_2) or V
   * (R_MESSAGE_2).
   *
   * @throws MikeyException a decoding reason; UNSUPPORTED_DATA_TYPE; MALFORMED for another
   *     layout; AUTH_FAILURE when the SIGN or V payload the mode requires is missing
   */
  public static Received parse(Bytes bytes, DataType expected, IbakeMode mode) throws MikeyException {
    MikeyMessage m = MikeyMessages.decodeAnswer(bytes, expected);
    CommonHeader h = m.header();
    boolean vFlag = expected != DataType.R_MESSAGE_2;
    if (h.v() != vFlag) {
      throw new MikeyException(Reason.MALFORMED, "HDR V", (h.v() ? 1 : 0) + " (expected: " + (vFlag ? 1 : 0) + ", RFC 6267 §4.2.2)");
    }
    if (h.prf() != IbakeProfile.PRF_CODE) {
      throw new MikeyException(Reason.UNSUPPORTED_PRF, "PRF func", h.prf().rfcName() + " (expected: " + IbakeProfile.PRF_CODE.rfcName() + ")");
    }
    if (!(h.csIdMap() instanceof CsIdMap.SrtpIdMap map) || map.sessions().size() != 1 || map.sessions().get(0).policyNo() != 0) {
      throw new MikeyException(Reason.MALFORMED, "CS ID map", "(expected: SRTP-ID with one crypto session, policy 0)");
    }
    List<Payload> p = m.payloads();
    int i = 0;
    TimestampPayload t = next(p, i++, TimestampPayload.class, "T", m);
    if (t.tsType() != TimestampType.NTP_UTC) {
      throw new MikeyException(Reason.INVALID_TIMESTAMP, "TS type", t.tsType().rfcName() + " (expected: NTP-UTC, this profile)");
    }
    Optional<Bytes> rand = Optional.empty();
    if (expected == DataType.I_MESSAGE_1 || expected == DataType.I_MESSAGE_2) {
      RandPayload r = next(p, i++, RandPayload.class, "RAND", m);
      if (r.rand().length() != IbakeProfile.RAND_BYTES) {
        throw new MikeyException(Reason.MALFORMED, "RAND", r.rand().length() + " bytes (expected: " + IbakeProfile.RAND_BYTES + ")");
      }
      rand = Optional.of(r.rand());
    }
    String idI = uriIdr(next(p, i++, IdRolePayload.class, "IDRi", m), IdRole.IDRI);
    String idR = uriIdr(next(p, i++, IdRolePayload.class, "IDRr", m), IdRole.IDRR);
    Optional<IbakePayload> ibake = Optional.empty();
    if (i < p.size() && p.get(i) instanceof IbakePayload ib) {
      ibake = Optional.of(ib);
      i++;
    } else if (expected != DataType.R_MESSAGE_2) {
      throw layout(m, "IBAKE");
    }
    Optional<EskPayload> esk = Optional.empty();
    if (expected == DataType.I_MESSAGE_2 && i < p.size() && p.get(i) instanceof EskPayload e) {
      esk = Optional.of(e);
      i++;
    }
    if (expected == DataType.R_MESSAGE_2) {
      if (i == p.size()) {
        throw new MikeyException(Reason.AUTH_FAILURE, "V", "missing (expected: the last payload of R_MESSAGE_2)");
      }
      next(p, i++, VerificationPayload.class, "V", m);
    } else if (mode == IbakeMode.DDSEC_SIGNED) {
      if (i == p.size()) {
        throw new MikeyException(Reason.AUTH_FAILURE, "SIGN", "missing (expected: an ECCSI signature, ddsec signed profile)");
      }
      SignPayload s = next(p, i++, SignPayload.class, "SIGN", m);
      if (s.sType() != SignatureType.ECCSI) {
        throw new MikeyException(Reason.UNSUPPORTED_CERT, "S type", s.sType().rfcName() + " (expected: ECCSI)");
      }
    } else if (i < p.size() && p.get(i) instanceof SignPayload) {
      throw new MikeyException(Reason.MALFORMED, "SIGN", "present (expected: none in the strict RFC 6267 profile)");
    }
    if (i != p.size()) {
      throw layout(m, "no further payload");
    }
    return new Received(m, t, rand, idI, idR, ibake, esk);
  }

  private static <T extends Payload> T next(List<Payload> p, int i, Class<T> type, String name, MikeyMessage m) throws MikeyException {
    if (i >= p.size() || !type.isInstance(p.get(i))) {
      throw layout(m, name);
    }
    return type.cast(p.get(i));
  }

  private static MikeyException layout(MikeyMessage m, String wanted) {
    return new MikeyException(Reason.MALFORMED, m.dataType().rfcName(), MikeyMessages.summary(m) + " (expected: " + wanted
        + " next, RFC 6267 §4.2.2 as profiled)");
  }

  private static String uriIdr(IdRolePayload p, IdRole role) throws MikeyException {
    if (p.idRole() != role.code()) {
      throw new MikeyException(Reason.MALFORMED, role.rfcName(), "ID Role " + p.idRole() + " (expected: " + role.code() + ")");
    }
    return MikeyMessages.uriOf(p);
  }

  /** The SRTP-ID entry of the message's one crypto session. */
  public static CsIdMap.SrtpCs crypto(MikeyMessage m) {
    return ((CsIdMap.SrtpIdMap) m.header().csIdMap()).sessions().get(0);
  }

  /**
   * The identifier {@code uri} has in {@code period}.
   *
   * @throws MikeyException UNSUPPORTED_ID for a URI RFC 6509 §3.2 does not allow
   */
  public static Identity identity(KeyPeriod period, String uri, String field) throws MikeyException {
    try {
      return Identity.of(period, uri);
    } catch (IllegalArgumentException e) {
      throw new MikeyException(Reason.UNSUPPORTED_ID, field, e.getMessage());
    }
  }

  // ---- building ------------------------------------------------------------------------------------

  /** The HDR of every I/R message: PRF-HMAC-SHA-256, one SRTP crypto session (policy 0). */
  public static CommonHeader header(DataType type, long csbId, CsIdMap map) {
    return new CommonHeader(type, type != DataType.R_MESSAGE_2, IbakeProfile.PRF_CODE, csbId, map);
  }

  /** SRTP-ID map of the voice stream: crypto session 1 = {@code ssrc}, ROC 0 (RFC 3830 §6.1.1). */
  public static CsIdMap srtpMap(long ssrc) {
    return new CsIdMap.SrtpIdMap(List.of(new CsIdMap.SrtpCs(0, ssrc, 0)));
  }

  /**
   * Encodes {@code header} and {@code body}; in the signed mode appends a SIGN payload with
   * {@code signer}'s ECCSI signature over {@link #signedBytes} (RFC 6507 §5.2.1, a fresh j).
   */
  public static MikeyMessage seal(CommonHeader header, List<Payload> body, IbakeMode mode, EccsiSigningKey signer, String idI,
      String idR, SecureRandom random) {
    if (mode == IbakeMode.STRICT_RFC_6267) {
      return MikeyCodec.encode(header, body);
    }
    List<Payload> ps = new ArrayList<>(body);
    ps.add(new SignPayload(SignatureType.ECCSI, Bytes.of(new byte[SignPayload.ECCSI_LENGTH])));
    MikeyMessage template = MikeyCodec.encode(header, ps);
    EccsiSignature sig = Eccsi.sign(signer, Bytes.of(signedBytes(template, idI, idR)), random);
    return template.withAuthenticator(sig.encoded());
  }

  /**
   * What the ECCSI signature of the signed mode covers: the message from the first HDR byte up to
   * the Signature field — <em>every ESK included</em>, where RFC 6267 §5.4 omits it — then
   * Identity_i || Identity_r (the ID data of IDRi and IDRr, as §5.4 appends them).
   */
  public static byte[] signedBytes(MikeyMessage m, String idI, String idR) {
    Span sig = m.authenticatorField().orElseThrow(() -> new IllegalStateException("message has no final SIGN"));
    byte[] upTo = Arrays.copyOf(m.encoded().toByteArray(), sig.offset());
    return VerificationMacInput.ibake(upTo, Bytes.utf8(idI).toByteArray(), Bytes.utf8(idR).toByteArray());
  }

  /**
   * Verifies the SIGN payload of a signed-mode message as {@code signer}'s (RFC 6507 §5.2.2).
   *
   * @throws MikeyException AUTH_FAILURE if it does not verify (another signer, key period or KMS,
   *     or any changed byte)
   */
  public static void verifySignature(Received r, Community community, Identity signer) throws MikeyException {
    MikeyMessage m = r.message();
    if (!(m.payloads().get(m.payloads().size() - 1) instanceof SignPayload s)) {
      throw new MikeyException(Reason.AUTH_FAILURE, "SIGN", "missing (expected: the last payload)");
    }
    try {
      Eccsi.verify(community.kpak(), signer, Bytes.of(signedBytes(m, r.idI(), r.idR())), s.signature());
    } catch (IbeException e) {
      throw new MikeyException(Reason.AUTH_FAILURE, "Signature", m.authenticatorField().orElseThrow().offset(),
          "ECCSI does not verify for " + signer + " (expected: RFC 6507 §5.2.2 under the community KPAK)", e);
    }
  }

  /** The ESK part of a deferred I_MESSAGE_2: whom it is for and the Secret Key. */
  public record DeferredKey(Identity recipient, SecretBytes sk) {}

  /**
   * I_MESSAGE_2 (RFC 6267 §4.2.2.5) = HDR, T, RAND, IDRi, IDRr, IBAKE = E_responder({@code
   * content}), [ESK = E_B(IDRi || SK)], [SIGN]: seed Fig. 27 step 5 when {@code esk} is present
   * (the content then carries ECCPTi again), the live continuation otherwise.
   *
   * @param responder the responder's identifier for the month of {@code t} (B, or B's mailbox)
   */
  public static MikeyMessage iMessage2(Community c, IbakeMode mode, EccsiSigningKey signer, long csbId, CsIdMap map, TimestampPayload t,
      Bytes rand, Identity responder, IbakeContent content, Optional<DeferredKey> esk, SecureRandom random) {
    List<Payload> body = new ArrayList<>(List.of(t, new RandPayload(rand), MikeyMessages.uri(IdRole.IDRI, content.idI()),
        MikeyMessages.uri(IdRole.IDRR, responder.uri())));
    body.add(encryptIbake(c, responder, DataType.I_MESSAGE_2, csbId, content, random));
    esk.ifPresent(k -> body.add(encryptEsk(c, k.recipient(), DataType.I_MESSAGE_2, csbId, content.idI(), k.sk(), random)));
    return seal(header(DataType.I_MESSAGE_2, csbId, map), body, mode, signer, content.idI(), responder.uri(), random);
  }

  // ---- IBAKE and ESK payloads ---------------------------------------------------------------------

  /** The decrypted content of an IBAKE payload: IDRi, [ECCPTi], [IDRr, [ECCPTr]] in this order (RFC 6267 §4.2.2). */
  public record IbakeContent(String idI, Optional<Bytes> eccptI, Optional<String> idR, Optional<Bytes> eccptR) {

    /** The payloads, in RFC order, as the plaintext of an IBAKE payload. */
    public List<Payload> payloads() {
      List<Payload> out = new ArrayList<>();
      out.add(MikeyMessages.uri(IdRole.IDRI, idI));
      eccptI.ifPresent(p -> out.add(EccPointPayload.of(IbakeProfile.CURVE, p)));
      idR.ifPresent(r -> out.add(MikeyMessages.uri(IdRole.IDRR, r)));
      eccptR.ifPresent(p -> out.add(EccPointPayload.of(IbakeProfile.CURVE, p)));
      return out;
    }
  }

  /**
   * IBAKE = E_recipient(content) (RFC 6267 §6.1.1) with ddsec's IBE, the associated data of
   * {@link IbakeProfile#ibeAssociatedData} for ({@code dataType}, IBAKE, {@code csbId}).
   */
  public static IbakePayload encryptIbake(Community c, Identity recipient, DataType dataType, long csbId, IbakeContent content,
      SecureRandom random) {
    byte[] plain = MikeyCodec.encodeSubPayloads(content.payloads(), Scope.IBAKE);
    try (SecretBytes p = SecretBytes.wrap(plain)) {
      IbeCiphertext ct = IbeEncryption.encrypt(c.sakke(), recipient, IbakeProfile.ibeAssociatedData(dataType, PayloadType.IBAKE, csbId), p,
          random);
      return new IbakePayload(ct.encoded());
    }
  }

  /**
   * Decrypts an IBAKE payload with the recipient's key and checks its layout: IDRi, [ECCPT],
   * [IDRr, [ECCPT]], every identity a URI, every point a valid P-256 point.
   *
   * @throws MikeyException AUTH_FAILURE when the IBE refuses (another identity or key period, a
   *     changed byte, other associated data); MALFORMED for a bad ciphertext encoding or content
   */
  public static IbakeContent decryptIbake(ReceiverSecretKey key, DataType dataType, long csbId, IbakePayload payload) throws MikeyException {
    List<Payload> p;
    try (SecretBytes plain = ibeDecrypt(key, payload.encrData(), IbakeProfile.ibeAssociatedData(dataType, PayloadType.IBAKE, csbId), "IBAKE")) {
      byte[] b = plain.unsafeBytes();
      try {
        p = MikeyCodec.decodeSubPayloads(b, PayloadType.IDR, Scope.IBAKE);
      } finally {
        SecretBytes.wipe(b);
      }
    }
    int i = 0;
    if (p.isEmpty() || !(p.get(0) instanceof IdRolePayload first)) {
      throw new MikeyException(Reason.MALFORMED, "IBAKE data", "(expected: IDRi first)");
    }
    String idI = uriIdr(first, IdRole.IDRI);
    i++;
    Optional<Bytes> eccptI = Optional.empty();
    if (i < p.size() && p.get(i) instanceof EccPointPayload e) {
      eccptI = Optional.of(point(e, "ECCPTi"));
      i++;
    }
    Optional<String> idR = Optional.empty();
    Optional<Bytes> eccptR = Optional.empty();
    if (i < p.size() && p.get(i) instanceof IdRolePayload r) {
      idR = Optional.of(uriIdr(r, IdRole.IDRR));
      i++;
      if (i < p.size() && p.get(i) instanceof EccPointPayload e) {
        eccptR = Optional.of(point(e, "ECCPTr"));
        i++;
      }
    }
    if (i != p.size()) {
      throw new MikeyException(Reason.MALFORMED, "IBAKE data", p.size() + " sub-payloads (expected: IDRi, [ECCPTi], [IDRr, [ECCPTr]])");
    }
    return new IbakeContent(idI, eccptI, idR, eccptR);
  }

  private static Bytes point(EccPointPayload e, String field) throws MikeyException {
    if (e.curve() != IbakeProfile.CURVE) {
      throw new MikeyException(Reason.UNSUPPORTED_DH_GROUP, field + " ECC Curve", e.curve().rfcName() + " (expected: " + EccCurve.P_256.rfcName() + ")");
    }
    try {
      return EcdhP256.validate(e.point());
    } catch (EcdhException x) {
      throw new MikeyException(Reason.MALFORMED, field, -1, x.getMessage(), x);
    }
  }

  /**
   * ESK = E_B(ID || SK) (RFC 6267 §6.1.2): IDRi(ID-A) and an SK sub-payload (type SK, KV NULL),
   * IBE-encrypted to {@code recipient}, associated data ({@code dataType}, ESK, {@code csbId}).
   */
  public static EskPayload encryptEsk(Community c, Identity recipient, DataType dataType, long csbId, String idA, SecretBytes sk,
      SecureRandom random) {
    List<Payload> content = List.of(MikeyMessages.uri(IdRole.IDRI, idA),
        new SecretKeyPayload(SecretKeyType.SK, sk.slice(0, sk.length()), KeyValidity.None.INSTANCE));
    byte[] plain = MikeyCodec.encodeSubPayloads(content, Scope.ESK);
    try (SecretBytes p = SecretBytes.wrap(plain)) {
      IbeCiphertext ct = IbeEncryption.encrypt(c.sakke(), recipient, IbakeProfile.ibeAssociatedData(dataType, PayloadType.ESK, csbId), p, random);
      return new EskPayload(ct.encoded());
    }
  }

  /** The content of a decrypted ESK: the identity it names and the Secret Key. */
  public record EskContent(String id, SecretBytes sk) implements AutoCloseable {
    @Override
    public void close() {
      sk.close();
    }
  }

  /**
   * Decrypts an ESK with the intended recipient's key.
   *
   * @throws MikeyException AUTH_FAILURE when the IBE refuses; MALFORMED for other content than
   *     IDRi(URI), SK of {@link IbakeProfile#SK_BYTES} octets
   */
  public static EskContent decryptEsk(ReceiverSecretKey key, DataType dataType, long csbId, EskPayload payload) throws MikeyException {
    List<Payload> p;
    try (SecretBytes plain = ibeDecrypt(key, payload.encrData(), IbakeProfile.ibeAssociatedData(dataType, PayloadType.ESK, csbId), "ESK")) {
      byte[] b = plain.unsafeBytes();
      try {
        p = MikeyCodec.decodeSubPayloads(b, PayloadType.IDR, Scope.ESK);
      } finally {
        SecretBytes.wipe(b);
      }
    }
    if (p.size() != 2 || !(p.get(0) instanceof IdRolePayload id) || !(p.get(1) instanceof SecretKeyPayload sk)
        || sk.skType() != SecretKeyType.SK || !(sk.validity() instanceof KeyValidity.None) || sk.keyData().length() != IbakeProfile.SK_BYTES) {
      for (Payload x : p) {
        if (x instanceof SecretKeyPayload s) {
          s.keyData().close();
        }
      }
      throw new MikeyException(Reason.MALFORMED, "ESK data", "(expected: IDRi, SK of " + IbakeProfile.SK_BYTES + " octets, KV NULL)");
    }
    return new EskContent(uriIdr(id, IdRole.IDRI), sk.keyData());
  }

  private static SecretBytes ibeDecrypt(ReceiverSecretKey key, Bytes ct, Bytes ad, String field) throws MikeyException {
    try {
      return IbeEncryption.decrypt(key, ct, ad);
    } catch (IbeException e) {
      Reason r = switch (e.reason()) {
        case MALFORMED, INVALID_POINT -> Reason.MALFORMED;
        default -> Reason.AUTH_FAILURE;
      };
      throw new MikeyException(r, field + " Encr data", -1, e.getMessage() + " (expected: E_" + key.identity() + "(...))", e);
    }
  }

  /** The id of a deferred message: SHA-256 of its ESK's Encr data, first {@link IbakeProfile#MESSAGE_ID_BYTES} octets. */
  public static Bytes messageId(EskPayload esk) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(esk.encrData().toByteArray());
      return Bytes.of(Arrays.copyOf(d, IbakeProfile.MESSAGE_ID_BYTES));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is mandatory in the JCE", e);
    }
  }

  /**
   * The replay-cache entry of an initial message: T, RAND and a digest of the whole message (in
   * the strict mode nothing else identifies it; the digest keeps two different messages with one
   * T and RAND apart). No key material.
   */
  public static Bytes replayId(Received r) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(r.message().encoded().toByteArray());
      return r.t().tsValue().concat(r.rand().orElse(Bytes.EMPTY)).concat(Bytes.of(Arrays.copyOf(d, 16)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is mandatory in the JCE", e);
    }
  }

  // ---- key derivations (RFC 6267 §5) --------------------------------------------------------------

  /** MPK and TGK from K_SESSION and the initiator's RAND (RFC 6267 §5.1). */
  public record SessionKeys(SecretBytes mpk, SecretBytes tgk) implements AutoCloseable {

    public static SessionKeys derive(SecretBytes kSession, Bytes rand) {
      byte[] r = rand.toByteArray();
      return new SessionKeys(
          MikeyKeyDerivation.fromIbakeSessionKey(IbakeProfile.PRF, kSession, org.ddsec.crypto.mikey.MikeyLabels.IbakeKey.MPK, r,
              IbakeProfile.MPK_BYTES),
          MikeyKeyDerivation.fromIbakeSessionKey(IbakeProfile.PRF, kSession, org.ddsec.crypto.mikey.MikeyLabels.IbakeKey.TGK, r,
              IbakeProfile.TGK_BYTES));
    }

    /** auth_key of R_MESSAGE_2 from the MPK (RFC 6267 §5.2: RFC 3830 §4.1.4 with csb_id and RAND). */
    public SecretBytes authKey(long csbId, Bytes rand) {
      try (var k = MikeyKeyDerivation.messageKeys(IbakeProfile.PRF, mpk, csbId, rand.toByteArray(), IbakeProfile.KEY_LENGTHS)) {
        return k.authKey().slice(0, k.authKey().length());
      }
    }

    @Override
    public void close() {
      mpk.close();
      tgk.close();
    }
  }

  /**
   * The SRTP master key and salt of crypto session 1 from a TGK — the session's TGK, or a
   * deferred message's SK — by RFC 3830 §4.1.3 with the exchange's CSB ID and RAND.
   */
  public static TrafficKeys srtpKeys(SecretBytes tgk, long csbId, Bytes rand) {
    return MikeyKeyDerivation.trafficKeys(IbakeProfile.PRF, tgk, IbakeProfile.CS_ID, csbId, rand.toByteArray(),
        IbakeProfile.SRTP_MASTER_KEY_BYTES, IbakeProfile.SRTP_MASTER_SALT_BYTES);
  }
}
