package org.ddsec.protocol.ibakedd;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.crypto.ibe.eccsi.EccsiSigningKey;
import org.ddsec.crypto.ibe.sakke.ReceiverSecretKey;

/**
 * One party's identity-based keys, per key period (RFC 6509 §3.2 monthly identities): the SAKKE
 * receiver secret key and the ECCSI signing key that the KMS issued for {@code uri} in that month.
 * Only validated keys enter (the types can only be made by their validation). Old months are
 * kept: a deferred message is decrypted with the key of the month it was sent in.
 */
public final class UserKeys {

  /** Both keys of one month. */
  public record PeriodKeys(ReceiverSecretKey rsk, EccsiSigningKey ssk) {
    public PeriodKeys {
      Objects.requireNonNull(rsk, "rsk");
      Objects.requireNonNull(ssk, "ssk");
      if (!rsk.identity().equals(ssk.identity())) {
        throw new IllegalArgumentException("RSK and SSK of different identities: " + rsk.identity() + " / " + ssk.identity());
      }
    }
  }

  private final String uri;
  private final Map<KeyPeriod, PeriodKeys> byPeriod = new TreeMap<>();

  public UserKeys(String uri) {
    this.uri = Objects.requireNonNull(uri, "uri");
  }

  public String uri() {
    return uri;
  }

  /** The identifier of this party for {@code period}. */
  public Identity identity(KeyPeriod period) {
    return Identity.of(period, uri);
  }

  /**
   * Adds (or replaces) the keys of one month.
   *
   * @throws IllegalArgumentException if they are not this party's
   */
  public synchronized void put(PeriodKeys keys) {
    if (!keys.rsk().identity().uri().equals(uri)) {
      throw new IllegalArgumentException("keys of " + keys.rsk().identity() + " (expected: " + uri + ")");
    }
    byPeriod.put(keys.rsk().identity().period(), keys);
  }

  public synchronized Optional<PeriodKeys> get(KeyPeriod period) {
    return Optional.ofNullable(byPeriod.get(period));
  }

  /** Removes the keys of {@code period} (a device that never had them, in tests). */
  public synchronized void remove(KeyPeriod period) {
    byPeriod.remove(period);
  }

  public synchronized SortedSet<KeyPeriod> periods() {
    return new TreeSet<>(byPeriod.keySet());
  }
}
