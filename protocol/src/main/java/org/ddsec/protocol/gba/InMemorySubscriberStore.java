package org.ddsec.protocol.gba;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** A {@link SubscriberStore} in a map (tests, in-memory flows); optionally tied to a session store. */
public final class InMemorySubscriberStore implements SubscriberStore {

  private final ConcurrentMap<String, Subscriber> subscribers = new ConcurrentHashMap<>();
  private final InMemoryBootstrappingStore sessions;

  /** A store whose {@link #remove} does not touch any session store. */
  public InMemorySubscriberStore() {
    this(null);
  }

  /** A store whose {@link #remove} also drops the subscriber's sessions from {@code sessions}. */
  public InMemorySubscriberStore(InMemoryBootstrappingStore sessions) {
    this.sessions = sessions;
  }

  @Override
  public boolean add(Subscriber s) {
    return subscribers.putIfAbsent(s.impi(), s.copy()) == null;
  }

  @Override
  public Optional<Subscriber> find(String impi) {
    Subscriber s = subscribers.get(impi);
    return s == null ? Optional.empty() : Optional.of(s.copy());
  }

  @Override
  public List<Subscriber> list() {
    List<Subscriber> out = new ArrayList<>();
    for (Subscriber s : subscribers.values()) {
      out.add(s.copy());
    }
    out.sort(Comparator.comparing(Subscriber::impi));
    return out;
  }

  @Override
  public boolean remove(String impi) {
    Subscriber s = subscribers.remove(impi);
    if (s == null) {
      return false;
    }
    if (sessions != null) {
      sessions.removeAllOf(impi);
    }
    s.k().close();
    s.opc().close();
    return true;
  }

  @Override
  public Optional<Sqn> updateSqn(String impi, UnaryOperator<Sqn> f) {
    Subscriber s = subscribers.computeIfPresent(impi, (k, old) -> old.withSqn(f.apply(old.sqn())));
    return s == null ? Optional.empty() : Optional.of(s.sqn());
  }
}
