package org.ddsec.crypto.ibe.eccsi;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.Identity;

/**
 * The ECCSI side of a KMS: one KMS Secret Authentication Key (KSAK), its KPAK = [KSAK]G (RFC
 * 6507 §4.2), and the issuance of (SSK, PVT) pairs for any number of identities under them
 * (§5.1.1). Each issuance draws a fresh v and erases it afterwards.
 *
 * <p>The KSAK is held as {@link SecretBytes} and wiped by {@link #close()}; scalars pass through
 * {@link BigInteger}s the JVM cannot wipe (best-effort). Secret scalar multiplications use Bouncy
 * Castle's fixed-point comb, whose table look-ups do not depend on the scalar.
 */
public final class EccsiKms implements AutoCloseable {

  private final EccsiParameters params;
  private final SecretBytes ksak;
  private final EccsiKpak kpak;

  private EccsiKms(EccsiParameters params, SecretBytes ksak, EccsiKpak kpak) {
    this.params = params;
    this.ksak = ksak;
    this.kpak = kpak;
  }

  /** A new KMS with a KSAK drawn uniformly from [1, q-1] (RFC 6507 §4.2). */
  public static EccsiKms generate(EccsiParameters params, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return fromScalar(params, BigIntegers.createRandomInRange(BigInteger.ONE, params.q().subtract(BigInteger.ONE), random));
  }

  /**
   * The KMS of a stored KSAK (a big-endian integer of at most N octets).
   *
   * @throws IllegalArgumentException unless 1 ≤ KSAK ≤ q-1 (no digit of it in the message)
   */
  public static EccsiKms fromKsak(EccsiParameters params, SecretBytes ksak) {
    Objects.requireNonNull(params, "params");
    if (ksak.length() > params.n()) {
      throw new IllegalArgumentException("ECCSI KSAK: " + ksak.length() + " octets (expected: ≤ " + params.n() + ")");
    }
    byte[] b = ksak.unsafeBytes();
    BigInteger k = new BigInteger(1, b);
    SecretBytes.wipe(b);
    if (k.signum() == 0 || k.compareTo(params.q()) >= 0) {
      throw new IllegalArgumentException("ECCSI KSAK: out of range (expected: non-zero modulo q, RFC 6507 §4.2)");
    }
    return fromScalar(params, k);
  }

  private static EccsiKms fromScalar(EccsiParameters params, BigInteger k) {
    ECPoint kpak = new FixedPointCombMultiplier().multiply(params.g(), k);
    return new EccsiKms(params, SecretBytes.wrap(params.integer(k)), new EccsiKpak(params, kpak));
  }

  public EccsiParameters parameters() {
    return params;
  }

  public EccsiKpak kpak() {
    return kpak;
  }

  /** A copy of the KSAK (N octets) for the KMS's own key store; wipe it after use. */
  public SecretBytes ksak() {
    return ksak.slice(0, ksak.length());
  }

  /**
   * A fresh (SSK, PVT) pair for {@code identity} (RFC 6507 §5.1.1): v random non-zero in F_q,
   * PVT = [v]G, HS = hash(G || KPAK || ID || PVT), SSK = (KSAK + HS·v) mod q, restarting with a
   * new v in the (negligible) case that SSK or HS is zero modulo q.
   */
  public EccsiKeyMaterial issue(Identity identity, SecureRandom random) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(random, "random");
    while (true) {
      BigInteger v = BigIntegers.createRandomInRange(BigInteger.ONE, params.q().subtract(BigInteger.ONE), random);
      Optional<EccsiKeyMaterial> m = issueWith(identity, v);
      if (m.isPresent()) {
        return m.get();
      }
    }
  }

  /** Steps 2-6 of RFC 6507 §5.1.1 for a given v; empty when SSK or HS is zero modulo q (step 5). */
  Optional<EccsiKeyMaterial> issueWith(Identity identity, BigInteger v) {
    BigInteger q = params.q();
    ECPoint pvt = new FixedPointCombMultiplier().multiply(params.g(), v).normalize();
    byte[] hsBytes = Eccsi.hs(params, kpak.point(), identity, pvt);
    BigInteger hs = new BigInteger(1, hsBytes).mod(q);
    byte[] kb = ksak.unsafeBytes();
    BigInteger k = new BigInteger(1, kb);
    SecretBytes.wipe(kb);
    BigInteger ssk = k.add(hs.multiply(v)).mod(q);
    if (ssk.signum() == 0 || hs.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(new EccsiKeyMaterial(identity, SecretBytes.wrap(params.integer(ssk)), Bytes.of(params.encode(pvt))));
  }

  /** Wipes the KSAK; later issuance throws {@link IllegalStateException}. */
  @Override
  public void close() {
    ksak.close();
  }

  @Override
  public String toString() {
    return "EccsiKms[" + kpak + "]";
  }
}
