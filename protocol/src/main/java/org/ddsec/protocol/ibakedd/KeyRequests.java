package org.ddsec.protocol.ibakedd;

import java.util.ArrayList;
import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.mikey.MessageKeys;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.VerificationMacInput;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.IdRolePayload;
import org.ddsec.mikey.payload.IdType;
import org.ddsec.core.SecretBytes;
import org.ddsec.mikey.payload.Payload;

/**
 * What the REQUEST_KEY_PSK / REQUEST_KEY_RESP exchange of RFC 6267 §4.2.1 shares between the KMS
 * and its clients: the identifiers in IDRi (ID Type "Byte string", the RFC 6509 §3.2 form, so a
 * request names both the URI and the key period), the message keys from the pre-shared key
 * (RFC 3830 §4.1.4, as RFC 6267 §5.2 requires for this exchange) and what each V payload covers.
 *
 * <pre>
 * REQUEST_KEY_PSK  = HDR, T, RAND, IDRi (1..8 identifiers), IDRkms, IDRpsk, V
 * REQUEST_KEY_RESP = HDR, T (= the request's), IDRkms, KEMAC, V
 * KEMAC data       = per identifier: IDRi, Key data (K_PR: SAKKE RSK, 257 octets),
 *                                    Key data (K_PR: ECCSI SSK || PVT, 32 + 65 octets)
 * </pre>
 */
public final class KeyRequests {

  /** Octets of the second K_PR of each identity: the ECCSI SSK (32) then its PVT (65). */
  public static final int ECCSI_KEY_BYTES = 32 + 65;

  private KeyRequests() {}

  /** An IDRi naming {@code identity} (ID Type Byte string, ID Data the RFC 6509 identifier). */
  public static IdRolePayload idr(Identity identity) {
    return new IdRolePayload(IdRole.IDRI, IdType.BYTE_STRING, identity.bytes());
  }

  /**
   * The identifier an IDRi names.
   *
   * @throws MikeyException UNSUPPORTED_ID for another ID Type or an identifier that is not of the
   *     RFC 6509 §3.2 form
   */
  public static Identity identity(IdRolePayload p) throws MikeyException {
    if (p.idType() != IdType.BYTE_STRING) {
      throw new MikeyException(Reason.UNSUPPORTED_ID, "IDRi ID Type", p.idType().rfcName() + " (expected: Byte string, an RFC 6509 identifier)");
    }
    try {
      return Identity.parse(p.idData());
    } catch (IllegalArgumentException e) {
      throw new MikeyException(Reason.UNSUPPORTED_ID, "IDRi", e.getMessage());
    }
  }

  /** The identifiers of the IDRi payloads of {@code payloads}, in order. */
  public static List<Identity> identities(List<Payload> payloads) throws MikeyException {
    List<Identity> out = new ArrayList<>();
    for (IdRolePayload p : org.ddsec.protocol.mikey.MikeyMessages.idrs(payloads, IdRole.IDRI)) {
      out.add(identity(p));
    }
    return out;
  }

  /** encr_key, auth_key, salt_key from the PSK, the request's CSB ID and RAND (RFC 3830 §4.1.4). */
  public static MessageKeys keys(SecretBytes psk, long csbId, Bytes rand) {
    return MikeyKeyDerivation.messageKeys(IbakeProfile.PRF, psk, csbId, rand.toByteArray(), IbakeProfile.KEY_LENGTHS);
  }

  /**
   * What follows the message in either V payload (RFC 6267 §5.4): Identity_i, the ID data of the
   * request's first IDRi, then Identity_kms.
   */
  public static byte[][] covered(Identity first, String kmsId) {
    return new byte[][] {first.bytes().toByteArray(), Bytes.utf8(kmsId).toByteArray()};
  }

  /** The whole V input of {@code m}, for documentation and tests (VerificationPayloads appends {@link #covered}). */
  public static byte[] macInput(MikeyMessage m, Identity first, String kmsId) {
    byte[][] c = covered(first, kmsId);
    return VerificationMacInput.ibake(m.authenticatedBytes().toByteArray(), c[0], c[1]);
  }
}
