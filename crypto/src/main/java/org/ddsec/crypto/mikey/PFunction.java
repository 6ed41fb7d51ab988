package org.ddsec.crypto.mikey;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The P-function of RFC 3830 §4.1.2, for any JCE HMAC:
 *
 * <pre>
 *   P(s, label, m) = HMAC(s, A_1 || label) || HMAC(s, A_2 || label) || ... || HMAC(s, A_m || label)
 *   A_0 = label,  A_i = HMAC(s, A_(i-1))
 * </pre>
 *
 * <p>This is exactly the TLS {@code P_hash(secret, seed)} of RFC 2246 §5 / RFC 5246 §5 with
 * {@code seed = label}, which is why the TLS PRF vectors can check it.
 */
final class PFunction {

  private PFunction() {}

  /** {@code m} blocks of output ({@code m} times the MAC length); {@code s} must not be empty. */
  static byte[] p(String jceMac, byte[] s, byte[] label, int m) {
    Mac mac = hmac(jceMac, s);
    int h = mac.getMacLength();
    byte[] out = new byte[Math.multiplyExact(m, h)];
    byte[] a = label;
    try {
      for (int i = 0; i < m; i++) {
        a = mac.doFinal(a); // A_i = HMAC(s, A_(i-1))
        mac.update(a);
        mac.update(label);
        mac.doFinal(out, i * h); // HMAC(s, A_i || label)
      }
    } catch (ShortBufferException e) {
      throw new AssertionError("output sized for " + m + " blocks", e);
    }
    return out;
  }

  static Mac hmac(String jceMac, byte[] key) {
    try {
      Mac mac = Mac.getInstance(jceMac);
      mac.init(new SecretKeySpec(key, jceMac));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new AssertionError(jceMac + " is a mandatory JCE algorithm", e);
    }
  }
}
