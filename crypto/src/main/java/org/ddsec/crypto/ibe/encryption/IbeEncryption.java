package org.ddsec.crypto.ibe.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.IbeException;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.sakke.Encapsulation;
import org.ddsec.crypto.ibe.sakke.ReceiverSecretKey;
import org.ddsec.crypto.ibe.sakke.Sakke;
import org.ddsec.crypto.ibe.sakke.SakkePublicKey;

/**
 * ddsec's identity-based encryption, the "E_B(...)" that RFC 6267 leaves open: SAKKE (RFC 6508)
 * as a KEM, HKDF-SHA-256 (RFC 5869) from the SSV, and AES-128-GCM (NIST SP 800-38D). See
 * docs/ibe.md for the construction and the reasons.
 *
 * <pre>
 * (SSV, ED)    = SAKKE-Encapsulate(Z_T, ID)                   fresh SSV per message
 * key || nonce = HKDF-SHA-256(IKM = SSV, salt = none,
 *                  info = "ddsec IBE SAKKE AES-128-GCM v1" || ED || len16(ID) || ID)[0..28)
 * C            = AES-128-GCM(key, nonce, AAD = len16(ID) || ID || AD, plaintext)
 * ciphertext   = ED || C                                       (273 + |plaintext| + 16 octets)
 * </pre>
 *
 * ID is the recipient's RFC 6509 identifier (key period included) and AD the caller's associated
 * data. Decryption runs SAKKE decapsulation with its §6.2.2 step 5 check, then the GCM tag check;
 * each failure is a typed {@link IbeException}.
 */
public final class IbeEncryption {

  /** The HKDF info label; versioned so a future construction cannot be confused with this one. */
  static final byte[] LABEL = "ddsec IBE SAKKE AES-128-GCM v1".getBytes(StandardCharsets.US_ASCII);
  static final int KEY_BYTES = 16;
  static final int NONCE_BYTES = 12;

  private IbeEncryption() {}

  /**
   * Encrypts {@code plaintext} to {@code recipient} under the KMS public key {@code kms}.
   *
   * @param associatedData authenticated but not encrypted (may be empty); the same bytes must be
   *     given to {@link #decrypt}
   */
  public static IbeCiphertext encrypt(SakkePublicKey kms, Identity recipient, Bytes associatedData,
      SecretBytes plaintext, SecureRandom random) {
    Objects.requireNonNull(kms, "kms");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(associatedData, "associatedData");
    Objects.requireNonNull(plaintext, "plaintext");
    try (Encapsulation e = Sakke.encapsulate(kms, recipient, random)) {
      byte[] p = plaintext.unsafeBytes();
      try {
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, e.ssv(), e.data().encoded(), recipient, associatedData, p);
        return IbeCiphertext.of(e.data(), sealed);
      } catch (AEADBadTagException impossible) {
        throw new AssertionError("GCM encryption checks no tag", impossible);
      } finally {
        SecretBytes.wipe(p);
      }
    }
  }

  /**
   * Decrypts {@code ciphertext} with the recipient's key; the identity is the key's.
   *
   * @throws IbeException MALFORMED / INVALID_POINT when the ciphertext does not parse;
   *     DECAPSULATION_FAILED when it was not made for this key's identity and KMS (another
   *     identity, another key period) or its Encapsulated Data was modified; DECRYPTION_FAILED
   *     when the GCM tag does not verify (modified ciphertext or other associated data)
   */
  public static SecretBytes decrypt(ReceiverSecretKey key, Bytes ciphertext, Bytes associatedData) throws IbeException {
    Objects.requireNonNull(key, "key");
    IbeCiphertext c = IbeCiphertext.parse(key.kmsPublicKey().parameters(), ciphertext);
    return decrypt(key, c, associatedData);
  }

  /** As {@link #decrypt(ReceiverSecretKey, Bytes, Bytes)} for a parsed ciphertext. */
  public static SecretBytes decrypt(ReceiverSecretKey key, IbeCiphertext ciphertext, Bytes associatedData) throws IbeException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(associatedData, "associatedData");
    try (SecretBytes ssv = Sakke.decapsulate(key, ciphertext.encapsulation())) {
      byte[] p = gcm(Cipher.DECRYPT_MODE, ssv, ciphertext.encapsulation().encoded(), key.identity(),
          associatedData, ciphertext.sealed().toByteArray());
      return SecretBytes.wrap(p);
    } catch (AEADBadTagException e) {
      throw new IbeException(IbeException.Reason.DECRYPTION_FAILED,
          "IBE ciphertext: AES-128-GCM tag does not verify (modified ciphertext or other associated data)");
    }
  }

  private static byte[] gcm(int mode, SecretBytes ssv, Bytes ed, Identity id, Bytes ad, byte[] input)
      throws AEADBadTagException {
    byte[] okm = new byte[KEY_BYTES + NONCE_BYTES];
    byte[] ikm = ssv.unsafeBytes();
    Bytes idLv = lengthPrefixed(id.bytes());
    try {
      HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
      hkdf.init(new HKDFParameters(ikm, null, Bytes.of(LABEL).concat(ed).concat(idLv).toByteArray()));
      hkdf.generateBytes(okm, 0, okm.length);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(okm, 0, KEY_BYTES, "AES"), new GCMParameterSpec(8 * IbeCiphertext.TAG_BYTES, okm, KEY_BYTES, NONCE_BYTES));
      c.updateAAD(idLv.concat(ad).toByteArray());
      return c.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/GCM/NoPadding with a 128-bit key is mandatory in the JCE", e);
    } finally {
      SecretBytes.wipe(ikm);
      SecretBytes.wipe(okm);
    }
  }

  /** len16(x) || x: the identity's length as two octets, then the identity, so ID || AD splits one way only. */
  static Bytes lengthPrefixed(Bytes x) {
    return Bytes.of((byte) (x.length() >>> 8), (byte) x.length()).concat(x);
  }
}
