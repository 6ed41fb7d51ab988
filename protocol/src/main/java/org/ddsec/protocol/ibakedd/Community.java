package org.ddsec.protocol.ibakedd;

import java.util.Objects;
import org.ddsec.crypto.ibe.eccsi.EccsiKpak;
import org.ddsec.crypto.ibe.sakke.SakkePublicKey;

/**
 * The public parameters of one KMS community that every party is configured with (RFC 6508 §6.1.2
 * and RFC 6507 §4.2: "through an authenticated channel"): the KMS's identity, its SAKKE public key
 * Z_T and its ECCSI KPAK. Identity-based encryption to anyone and the verification of anyone's
 * signature need nothing else.
 */
public record Community(String kmsId, SakkePublicKey sakke, EccsiKpak kpak) {

  public Community {
    Objects.requireNonNull(kmsId, "kmsId");
    Objects.requireNonNull(sakke, "sakke");
    Objects.requireNonNull(kpak, "kpak");
  }
}
