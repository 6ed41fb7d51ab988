package org.ddsec.crypto.ibe.sakke;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.bouncycastle.util.BigIntegers;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.Identity;

/**
 * The SAKKE side of a KMS (RFC 6508 §6.1): the KMS Master Secret z_T, the KMS Public Key
 * Z_T = [z_T]P, and the issuance of Receiver Secret Keys K_(a,T) = [(a + z_T)^-1]P (§6.1.1).
 *
 * <p>The master secret is held as {@link SecretBytes} (L = 128 octets, big-endian) and wiped by
 * {@link #close()}; while a key is computed it passes through {@link BigInteger}s the JVM cannot
 * wipe (best-effort, as everywhere on the JVM). RFC 6508 §7 asks that RSK creation be monitored;
 * that is the caller's audit log, this class does no I/O.
 */
public final class SakkeKms implements AutoCloseable {

  private final SakkeParameters params;
  private final SecretBytes masterSecret;
  private final SakkePublicKey publicKey;

  private SakkeKms(SakkeParameters params, SecretBytes masterSecret, SakkePublicKey publicKey) {
    this.params = params;
    this.masterSecret = masterSecret;
    this.publicKey = publicKey;
  }

  /** A new KMS with z_T drawn uniformly from [2, q-1] (RFC 6508 §6.1). */
  public static SakkeKms generate(SakkeParameters params, SecureRandom random) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(random, "random");
    BigInteger two = BigInteger.TWO;
    BigInteger z = BigIntegers.createRandomInRange(two, params.q().subtract(BigInteger.ONE), random);
    return fromScalar(params, z);
  }

  /**
   * The KMS of a stored master secret (a big-endian integer of at most L octets).
   *
   * @throws IllegalArgumentException unless 2 ≤ z ≤ q-1 (the message gives no digit of z)
   */
  public static SakkeKms fromMasterSecret(SakkeParameters params, SecretBytes z) {
    Objects.requireNonNull(params, "params");
    if (z.length() > params.fieldBytes()) {
      throw new IllegalArgumentException("SAKKE master secret: " + z.length() + " octets (expected: ≤ " + params.fieldBytes() + ")");
    }
    byte[] b = z.unsafeBytes();
    BigInteger v = new BigInteger(1, b);
    SecretBytes.wipe(b);
    if (v.compareTo(BigInteger.TWO) < 0 || v.compareTo(params.q()) >= 0) {
      throw new IllegalArgumentException("SAKKE master secret: out of range (expected: 2 ≤ z ≤ q-1, RFC 6508 §2.2)");
    }
    return fromScalar(params, v);
  }

  private static SakkeKms fromScalar(SakkeParameters params, BigInteger z) {
    SecretBytes secret = SecretBytes.wrap(BigIntegers.asUnsignedByteArray(params.fieldBytes(), z));
    SakkePublicKey pub = new SakkePublicKey(params, params.multiplyBase(z));
    return new SakkeKms(params, secret, pub);
  }

  public SakkeParameters parameters() {
    return params;
  }

  /** Z_T, to be given to every user through an authenticated channel (RFC 6508 §6.1.2). */
  public SakkePublicKey publicKey() {
    return publicKey;
  }

  /** A copy of z_T (L octets) for the KMS's own key store; wipe it after use. */
  public SecretBytes masterSecret() {
    return masterSecret.slice(0, masterSecret.length());
  }

  /**
   * The RSK of {@code identity}, K = [(b + z_T)^-1 mod q]P, encoded 0x04 || x || y (257 octets,
   * RFC 6508 §4). It must reach the user over a confidential, mutually authenticated channel
   * (§6.1.2), where {@link ReceiverSecretKey#validate} checks it.
   *
   * @throws IllegalStateException if b + z_T ≡ 0 mod q (probability 2^-1021 for a random z_T)
   */
  public SecretBytes issueReceiverSecretKey(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    byte[] zb = masterSecret.unsafeBytes();
    BigInteger z = new BigInteger(1, zb);
    SecretBytes.wipe(zb);
    BigInteger sum = Sakke.identifier(identity).add(z).mod(params.q());
    if (sum.signum() == 0) {
      throw new IllegalStateException("SAKKE RSK: identifier + master secret ≡ 0 mod q; no key exists for this identity");
    }
    BigInteger inv = BigIntegers.modOddInverse(params.q(), sum);
    return SecretBytes.wrap(params.encodePoint(params.multiplyBase(inv)));
  }

  /** Wipes the master secret; later issuance throws {@link IllegalStateException}. */
  @Override
  public void close() {
    masterSecret.close();
  }

  @Override
  public String toString() {
    return "SakkeKms[" + publicKey + "]";
  }
}
