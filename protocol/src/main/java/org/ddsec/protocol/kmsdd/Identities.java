package org.ddsec.protocol.kmsdd;

import java.util.List;
import java.util.Optional;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.IdRolePayload;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.protocol.mikey.MikeyMessages;

/**
 * The caller and recipient identities named by a chain of payloads: the one IDRi is ID-A, the
 * first IDRr is ID-B (a keys ticket names the mailbox in a second IDRr, {@link #extraResponder}).
 */
public record Identities(String idA, String idB, Optional<String> extraResponder) {

  /**
   * @param kmsId if not null, an IDRkms in {@code payloads} must name this KMS
   * @throws MikeyException MALFORMED if IDRi or IDRr is missing or repeated; IDENTITY_REFUSED for
   *     another KMS
   */
  public static Identities of(List<Payload> payloads, String what, String kmsId) throws MikeyException {
    List<IdRolePayload> is = MikeyMessages.idrs(payloads, IdRole.IDRI);
    List<IdRolePayload> rs = MikeyMessages.idrs(payloads, IdRole.IDRR);
    if (is.size() != 1 || rs.isEmpty() || rs.size() > 2) {
      throw new MikeyException(Reason.MALFORMED, what, is.size() + " IDRi, " + rs.size() + " IDRr (expected: 1 IDRi, 1 or 2 IDRr)");
    }
    if (kmsId != null) {
      Optional<String> kms = MikeyMessages.optionalIdentity(payloads, IdRole.IDRKMS);
      if (kms.isPresent() && !kms.get().equals(kmsId)) {
        throw new MikeyException(Reason.IDENTITY_REFUSED, what + " IDRkms", kms.get() + " (expected: " + kmsId + ")");
      }
    }
    return new Identities(MikeyMessages.uriOf(is.get(0)), MikeyMessages.uriOf(rs.get(0)),
        rs.size() == 2 ? Optional.of(MikeyMessages.uriOf(rs.get(1))) : Optional.empty());
  }

  /**
   * Seed step 5: "compares the decrypted ID-A with plain ID-A to make sure they are same" (and
   * ID-B likewise).
   *
   * @throws MikeyException IDENTITY_REFUSED naming the identity that differs
   */
  public static void requireEqual(Identities plain, Identities other, String what) throws MikeyException {
    if (!plain.idA.equals(other.idA)) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, what + " ID-A", other.idA + " (expected: " + plain.idA + ")");
    }
    if (!plain.idB.equals(other.idB)) {
      throw new MikeyException(Reason.IDENTITY_REFUSED, what + " ID-B", other.idB + " (expected: " + plain.idB + ")");
    }
  }
}
