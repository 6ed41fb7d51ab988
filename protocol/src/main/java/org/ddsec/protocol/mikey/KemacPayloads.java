package org.ddsec.protocol.mikey;

import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.AuthenticationException;
import org.ddsec.crypto.mikey.KemacEncryption;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyMac;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.EncryptionAlgorithm;
import org.ddsec.mikey.payload.KemacPayload;
import org.ddsec.mikey.payload.MacAlgorithm;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.PayloadChain.Scope;
import org.ddsec.mikey.payload.TimestampPayload;

/**
 * The KEMAC of the pre-shared key method (RFC 3830 §3.1, §4.2.3, §5.2, §6.2): Key data
 * sub-payloads encrypted under encr_key/salt_key, the MAC over the entire message except the MAC
 * field, and the reverse on receipt (MAC first, then decryption, then strict decoding).
 *
 * <p>The message keys come from the caller ({@link org.ddsec.crypto.mikey.MikeyKeyDerivation}:
 * RFC 3830 §4.1.4 from the PSK, or the RFC 6043 §5.1.2 labels); the AES-CM IV uses the HDR's CSB
 * ID and the initiator's timestamp T. NULL encryption and the NULL MAC protect nothing and are
 * refused on receipt.
 */
public final class KemacPayloads {

  private KemacPayloads() {}

  /** Encrypts {@code subPayloads} (Key data, optionally preceded by ID/IDR) into a KEMAC with a zero MAC. */
  public static KemacPayload encrypt(List<Payload> subPayloads, KemacEncryption enc, MikeyMac mac, MessageKeys keys,
      long csbId, long timestamp) {
    byte[] plain = MikeyCodec.encodeSubPayloads(subPayloads, Scope.KEMAC);
    try (SecretBytes p = SecretBytes.wrap(plain)) {
      byte[] ct = enc.encrypt(keys.encrKey(), keys.saltKey(), csbId, timestamp, p);
      MacAlgorithm ma = MacAlgorithm.lookup(mac.code());
      return new KemacPayload(EncryptionAlgorithm.lookup(enc.code()), Bytes.of(ct), ma, Bytes.of(new byte[ma.macLength()]));
    }
  }

  /**
   * Encodes {@code header}, {@code body} and {@code kemac} (last, as RFC 3830 §3.1 requires) and
   * fills the KEMAC's MAC over the whole message under {@code authKey}.
   */
  public static MikeyMessage seal(CommonHeader header, List<Payload> body, KemacPayload kemac, SecretBytes authKey) {
    if (kemac.macAlg() == MacAlgorithm.NULL) {
      throw new IllegalArgumentException("KEMAC with the NULL MAC in the pre-shared key method authenticates nothing");
    }
    List<Payload> ps = new ArrayList<>(body);
    ps.add(kemac.withZeroMac());
    MikeyMessage template = MikeyCodec.encode(header, ps);
    byte[] tag = MikeyMac.fromCode(kemac.macAlg().code()).compute(authKey, template.authenticatedBytes().toByteArray());
    return template.withAuthenticator(Bytes.of(tag));
  }

  /**
   * Verifies the MAC of a message ending in a KEMAC, then decrypts and decodes the KEMAC's
   * sub-payloads. {@code timestamp} is the initiator's T (for an initial message, its own).
   *
   * @param first the type of the first sub-payload: {@link PayloadType#KEY_DATA}, or ID/IDR in
   *     the public-key method
   * @throws MikeyException AUTH_FAILURE when the MAC does not verify (nothing is decrypted then);
   *     UNSUPPORTED_ENCRYPTION/UNSUPPORTED_MAC for NULL; a decoding reason for malformed plaintext
   */
  public static List<Payload> open(MikeyMessage m, MessageKeys keys, long timestamp, PayloadType first) throws MikeyException {
    if (m.payloads().isEmpty() || !(m.payloads().get(m.payloads().size() - 1) instanceof KemacPayload k)) {
      throw new MikeyException(Reason.AUTH_FAILURE, "KEMAC", "missing (expected: the last payload)");
    }
    if (k.macAlg() == MacAlgorithm.NULL) {
      throw new MikeyException(Reason.UNSUPPORTED_MAC, "Mac alg", "NULL (expected: a MAC algorithm)");
    }
    if (k.encrAlg() == EncryptionAlgorithm.NULL) {
      throw new MikeyException(Reason.UNSUPPORTED_ENCRYPTION, "Encr alg", "NULL (expected: an encryption algorithm)");
    }
    MikeyMac mac = MikeyMac.fromCode(k.macAlg().code());
    try {
      mac.verify(keys.authKey(), k.mac().toByteArray(), m.authenticatedBytes().toByteArray());
    } catch (AuthenticationException e) {
      throw new MikeyException(Reason.AUTH_FAILURE, "MAC", m.authenticatorField().orElseThrow().offset(),
          "does not verify (expected: " + mac.rfcName() + " under the message key)", e);
    }
    KemacEncryption enc = KemacEncryption.fromCode(k.encrAlg().code());
    try (SecretBytes plain = enc.decrypt(keys.encrKey(), keys.saltKey(), m.header().csbId(), timestamp, k.encrData().toByteArray())) {
      byte[] p = plain.unsafeBytes();
      try {
        return MikeyCodec.decodeSubPayloads(p, first, Scope.KEMAC);
      } finally {
        SecretBytes.wipe(p);
      }
    } catch (AuthenticationException e) {
      throw new MikeyException(Reason.AUTH_FAILURE, "Encr data", -1, "key unwrap integrity check failed", e);
    } catch (IllegalArgumentException e) {
      throw new MikeyException(Reason.MALFORMED, "Encr data", e.getMessage());
    }
  }

  /** {@link #open} with the message's own T as the IV timestamp (initial messages). */
  public static List<Payload> open(MikeyMessage m, MessageKeys keys, PayloadType first) throws MikeyException {
    TimestampPayload t = m.first(TimestampPayload.class)
        .orElseThrow(() -> new MikeyException(Reason.INVALID_TIMESTAMP, "T", "missing (expected: a T payload)"));
    return open(m, keys, t.asUint64(), first);
  }

  /**
   * Decrypts and decodes a KEMAC that carries the NULL MAC because the message's V payload covers
   * it (RFC 6043 §4.2.3.5, Appendix A.1). Call it only after that V verified.
   *
   * @throws MikeyException UNSUPPORTED_ENCRYPTION for NULL encryption; a decoding reason for
   *     malformed plaintext
   */
  public static List<Payload> decryptVerified(KemacPayload k, MessageKeys keys, long csbId, long timestamp, PayloadType first)
      throws MikeyException {
    if (k.encrAlg() == EncryptionAlgorithm.NULL) {
      throw new MikeyException(Reason.UNSUPPORTED_ENCRYPTION, "Encr alg", "NULL (expected: an encryption algorithm)");
    }
    KemacEncryption enc = KemacEncryption.fromCode(k.encrAlg().code());
    try (SecretBytes plain = enc.decrypt(keys.encrKey(), keys.saltKey(), csbId, timestamp, k.encrData().toByteArray())) {
      byte[] p = plain.unsafeBytes();
      try {
        return MikeyCodec.decodeSubPayloads(p, first, Scope.KEMAC);
      } finally {
        SecretBytes.wipe(p);
      }
    } catch (AuthenticationException e) {
      throw new MikeyException(Reason.AUTH_FAILURE, "Encr data", -1, "key unwrap integrity check failed", e);
    } catch (IllegalArgumentException e) {
      throw new MikeyException(Reason.MALFORMED, "Encr data", e.getMessage());
    }
  }
}
