package org.ddsec.protocol.gba;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The HSS's subscriber records (TS 33.220 §4.2.1). Implementations: {@link InMemorySubscriberStore}
 * here, JDBC (H2, PostgreSQL) in {@code server}. All methods are safe to call from several
 * threads; {@link #updateSqn} is atomic per subscriber.
 *
 * <p>Records handed out carry fresh copies of K and OPc that the caller may close.
 */
public interface SubscriberStore {

  /** Adds {@code s}; returns false (and changes nothing) if its IMPI is already present. */
  boolean add(Subscriber s);

  /** The subscriber with {@code impi}, if any. */
  Optional<Subscriber> find(String impi);

  /** Every subscriber, ordered by IMPI. */
  List<Subscriber> list();

  /**
   * Removes the subscriber and with it its bootstrapping sessions (a Zn look-up needs the
   * subscription); returns false if there was none.
   */
  boolean remove(String impi);

  /**
   * Atomically replaces the subscriber's SQN_HE by {@code f(SQN_HE)} and returns the new value;
   * empty if the IMPI is unknown. {@code f} must be a pure function: it may run more than once.
   */
  Optional<Sqn> updateSqn(String impi, UnaryOperator<Sqn> f);
}
