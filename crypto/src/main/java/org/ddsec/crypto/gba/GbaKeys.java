package org.ddsec.crypto.gba;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.ddsec.core.SecretBytes;

/** GBA_ME keys of 3GPP TS 33.220: Ks (§4.5.2), Ks_NAF (§4.5.2, Annex B.3) and the B-TID (§4.5.2). */
public final class GbaKeys {

  /** Annex B.3: FC for NAF-specific key derivation in GBA and GBA_U. */
  public static final int FC_NAF = 0x01;

  /** Annex B.3: P0 for Ks_NAF and Ks_ext_NAF, "gba-me" (0x67 0x62 0x61 0x2d 0x6d 0x65). */
  public static final byte[] GBA_ME = "gba-me".getBytes(StandardCharsets.US_ASCII);

  private GbaKeys() {}

  /** Ks = CK || IK (§4.5.2), 32 octets. */
  public static SecretBytes ks(SecretBytes ck, SecretBytes ik) {
    byte[] c = ck.unsafeBytes();
    byte[] i = ik.unsafeBytes();
    byte[] out = new byte[c.length + i.length];
    System.arraycopy(c, 0, out, 0, c.length);
    System.arraycopy(i, 0, out, c.length, i.length);
    SecretBytes.wipe(c);
    SecretBytes.wipe(i);
    return SecretBytes.wrap(out);
  }

  /**
   * Ks_NAF = KDF(Ks, "gba-me", RAND, IMPI, NAF_Id) (Annex B.3): FC = 0x01, P0 = "gba-me",
   * P1 = RAND (16 octets), P2 = IMPI (UTF-8), P3 = NAF_Id.
   */
  public static SecretBytes ksNaf(SecretBytes ks, byte[] rand, String impi, NafId nafId) {
    if (rand.length != 16) {
      throw new IllegalArgumentException("RAND: " + rand.length + " octets (expected: 16)");
    }
    return Kdf.derive(ks, FC_NAF, GBA_ME, rand, impi.getBytes(StandardCharsets.UTF_8), nafId.bytes());
  }

  /** B-TID = base64(RAND) "@" BSF server name (§4.5.2). */
  public static String btid(byte[] rand, String bsfServerName) {
    return Base64.getEncoder().encodeToString(rand) + "@" + bsfServerName;
  }
}
