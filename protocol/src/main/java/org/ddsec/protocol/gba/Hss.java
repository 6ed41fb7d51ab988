package org.ddsec.protocol.gba;

import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.crypto.milenage.Aka;
import org.ddsec.crypto.milenage.MacFailureException;
import org.ddsec.crypto.milenage.Milenage;

/**
 * The HSS/AuC role for GBA (TS 33.220 §4.5.2 step 2, TS 33.102 §6.3.2, §6.3.5): makes Milenage
 * authentication vectors with the SQN scheme of {@link SqnScheme} and re-synchronises SQN_HE from
 * a verified AUTS. The subscriber records live in a {@link SubscriberStore}.
 */
public final class Hss {

  /** One authentication vector for one subscriber. */
  public record Vector(String impi, Aka.AuthenticationVector av, Sqn sqn) {}

  private final SubscriberStore store;
  private final RandomSource random;

  public Hss(SubscriberStore store, RandomSource random) {
    this.store = Objects.requireNonNull(store, "store");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A fresh vector for {@code impi} (SQN_HE advanced by {@link SqnScheme#next}); empty if unknown. */
  public Optional<Vector> vector(String impi) {
    Optional<Subscriber> found = store.find(impi);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Subscriber s = found.get();
    try {
      Optional<Sqn> sqn = store.updateSqn(impi, SqnScheme::next);
      if (sqn.isEmpty()) {
        return Optional.empty(); // removed meanwhile
      }
      byte[] rand = random.bytes(16);
      try (Milenage m = s.milenage()) {
        return Optional.of(new Vector(impi, Aka.generate(m, rand, sqn.get().toBytes(), s.amf().toByteArray()), sqn.get()));
      }
    } finally {
      s.k().close();
      s.opc().close();
    }
  }

  /**
   * Verifies AUTS (MAC-S over RAND) and re-synchronises SQN_HE (TS 33.102 §6.3.5).
   *
   * @return the new SQN_HE; empty if {@code impi} is unknown
   * @throws MacFailureException if MAC-S does not verify (nothing changes)
   */
  public Optional<Sqn> resynchronise(String impi, Bytes rand, Bytes auts) throws MacFailureException {
    Optional<Subscriber> found = store.find(impi);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Subscriber s = found.get();
    Bytes sqnMs;
    try (Milenage m = s.milenage()) {
      sqnMs = Aka.resynchronise(m, rand.toByteArray(), auts.toByteArray());
    } finally {
      s.k().close();
      s.opc().close();
    }
    Sqn ms = Sqn.fromBytes(sqnMs.toByteArray());
    return store.updateSqn(impi, current -> SqnScheme.resynchronise(current, ms));
  }
}
