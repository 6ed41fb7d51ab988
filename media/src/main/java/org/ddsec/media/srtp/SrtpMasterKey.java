package org.ddsec.media.srtp;

import java.util.Objects;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.MikeyKeyDerivation;
import org.ddsec.crypto.mikey.MikeyPrf;
import org.ddsec.crypto.mikey.TrafficKeys;

/**
 * An SRTP master key and master salt for one suite (RFC 3711 §3.2.1), checked for the suite's
 * lengths. Owns copies of both secrets; {@link #close()} wipes them. {@code toString()} shows
 * the suite only.
 */
public final class SrtpMasterKey implements AutoCloseable {

  private final SrtpSuite suite;
  private final SecretBytes key;
  private final SecretBytes salt;

  private SrtpMasterKey(SrtpSuite suite, SecretBytes key, SecretBytes salt) {
    this.suite = suite;
    this.key = key;
    this.salt = salt;
  }

  /**
   * A master key and salt for {@code suite}; both are copied, the caller keeps (and closes) its
   * own.
   *
   * @throws IllegalArgumentException if a length does not fit the suite
   */
  public static SrtpMasterKey of(SrtpSuite suite, SecretBytes masterKey, SecretBytes masterSalt) {
    Objects.requireNonNull(suite, "suite");
    if (masterKey.length() != suite.masterKeyBytes()) {
      throw new IllegalArgumentException(
          "SRTP master key: " + masterKey.length() + " bytes (expected: " + suite.masterKeyBytes() + " for " + suite + ")");
    }
    if (masterSalt.length() != suite.masterSaltBytes()) {
      throw new IllegalArgumentException(
          "SRTP master salt: " + masterSalt.length() + " bytes (expected: " + suite.masterSaltBytes() + " for " + suite + ")");
    }
    return new SrtpMasterKey(suite, masterKey.slice(0, masterKey.length()), masterSalt.slice(0, masterSalt.length()));
  }

  /**
   * The master key and salt of crypto session {@code csId} from a MIKEY TGK: the TEK and the
   * salting key of RFC 3830 §4.1.3 ({@code PRF(TGK, constant || CS ID || CSB ID || RAND)} with
   * the TEK constant 0x2AD01C64 and the salt constant 0x39A2C14B), as long as the suite needs
   * them. This is how every MIKEY-based solution turns its key exchange into SRTP keys.
   *
   * @param prf the PRF named in the MIKEY HDR
   * @param tgk the TGK (not consumed)
   * @param csbId the CSB ID of the HDR payload
   * @param csId the crypto session's CS ID (1 for the first SRTP stream)
   * @param rand the RAND payload's value
   */
  public static SrtpMasterKey fromMikeyTgk(SrtpSuite suite, MikeyPrf prf, SecretBytes tgk, long csbId, int csId, byte[] rand) {
    Objects.requireNonNull(suite, "suite");
    try (TrafficKeys k = MikeyKeyDerivation.trafficKeys(prf, tgk, csId, csbId, rand, suite.masterKeyBytes(), suite.masterSaltBytes())) {
      return of(suite, k.tek(), k.salt());
    }
  }

  public SrtpSuite suite() {
    return suite;
  }

  /** The master key; closed with this object. */
  SecretBytes key() {
    return key;
  }

  /** The master salt; closed with this object. */
  SecretBytes salt() {
    return salt;
  }

  /** Constant-time comparison of key and salt (for tests and key-confirmation checks). */
  public boolean constantTimeEquals(SrtpMasterKey other) {
    boolean k = key.constantTimeEquals(other.key);
    boolean s = salt.constantTimeEquals(other.salt);
    return suite == other.suite & k & s;
  }

  /** Wipes key and salt. */
  @Override
  public void close() {
    key.close();
    salt.close();
  }

  @Override
  public String toString() {
    return key.isClosed() ? "SrtpMasterKey[closed]" : "SrtpMasterKey[" + suite + "]";
  }
}
