package org.ddsec.crypto.gba;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ddsec.core.SecretBytes;

/**
 * The generic key derivation function of 3GPP TS 33.220 Annex B.2:
 *
 * <pre>
 * derived key = HMAC-SHA-256(Key, S),  S = FC || P0 || L0 || P1 || L1 || … || Pn || Ln
 * </pre>
 *
 * where FC is one octet distinguishing the use, each Pi is an octet string of at most 65535
 * octets and Li its length as two octets, big-endian (Annex B.2.1; character strings are UTF-8).
 */
public final class Kdf {

  private Kdf() {}

  /** The input string S for {@code fc} and parameters {@code p}. */
  public static byte[] s(int fc, byte[]... p) {
    if (fc < 0 || fc > 0xFF) {
      throw new IllegalArgumentException("FC: " + fc + " (expected: one octet)");
    }
    int len = 1;
    for (byte[] pi : p) {
      Objects.requireNonNull(pi, "parameter");
      if (pi.length > 0xFFFF) {
        throw new IllegalArgumentException("parameter: " + pi.length + " octets (expected: ≤ 65535)");
      }
      len += pi.length + 2;
    }
    byte[] s = new byte[len];
    s[0] = (byte) fc;
    int at = 1;
    for (byte[] pi : p) {
      System.arraycopy(pi, 0, s, at, pi.length);
      at += pi.length;
      s[at++] = (byte) (pi.length >>> 8);
      s[at++] = (byte) pi.length;
    }
    return s;
  }

  /** HMAC-SHA-256(key, S(fc, p…)): 32 octets. */
  public static SecretBytes derive(SecretBytes key, int fc, byte[]... p) {
    byte[] k = key.unsafeBytes();
    byte[] s = s(fc, p);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(k, "HmacSHA256"));
      return SecretBytes.wrap(mac.doFinal(s));
    } catch (GeneralSecurityException e) {
      throw new AssertionError("HmacSHA256 is always available", e);
    } finally {
      SecretBytes.wipe(k);
    }
  }
}
