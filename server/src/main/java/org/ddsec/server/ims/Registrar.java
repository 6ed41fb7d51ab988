package org.ddsec.server.ims;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.protocol.sip.HeaderNames;
import org.ddsec.protocol.sip.Hop;
import org.ddsec.protocol.sip.NameAddress;
import org.ddsec.protocol.sip.SipRequest;
import org.ddsec.protocol.sip.SipResponse;
import org.ddsec.protocol.sip.SipUri;
import org.ddsec.protocol.sip.Uri;

/**
 * The registrar of the IMS core (RFC 3261 §10.3): bindings per AOR with expiry, refresh and
 * removal ({@code Expires: 0}, {@code Contact: *}), {@code 423 Interval Too Brief} below the
 * minimum, the maximum as a cap, and the current bindings in the 200 OK. Expiry follows the
 * injected clock. Registration is not authenticated here (IMS AKA of TS 33.203 is out of scope;
 * see docs/sip.md): the TLS hop stands for the protected Gm link. Thread-safe.
 */
public final class Registrar {

  /** Expiry rules: what a REGISTER without Expires gets, the floor and the cap. */
  public record Expiry(Duration defaultExpires, Duration minExpires, Duration maxExpires) {
    public static final Expiry DEFAULT = new Expiry(Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofHours(2));

    public Expiry {
      if (minExpires.isNegative() || defaultExpires.compareTo(minExpires) < 0 || maxExpires.compareTo(defaultExpires) < 0) {
        throw new IllegalArgumentException("registration expiry: default " + defaultExpires + ", min " + minExpires + ", max " + maxExpires
            + " (expected: min <= default <= max)");
      }
    }
  }

  private final String domain;
  private final Expiry expiry;
  private final Clock clock;
  private final Map<String, List<Binding>> bindings = new HashMap<>();

  public Registrar(String domain, Expiry expiry, Clock clock) {
    this.domain = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
    this.expiry = Objects.requireNonNull(expiry, "expiry");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public String domain() {
    return domain;
  }

  /**
   * Handles a REGISTER for this registrar (the proxy decided it is, by its Request-URI) that
   * arrived over {@code flow}; returns the response to send.
   */
  public synchronized SipResponse register(SipRequest r, Hop flow, String toTag) {
    Instant now = clock.instant();
    if (!(r.to().uri() instanceof SipUri to)) {
      return SipResponse.to(r, 400, "Bad Request (To must be a SIP URI, RFC 3261 §10.3 step 5)", toTag); // RFC 4475 §3.3.4
    }
    if (!to.host().equalsIgnoreCase(domain)) {
      return SipResponse.to(r, 403, "Forbidden (AOR not in " + domain + ")", toTag);
    }
    String aor = to.aor();
    purge(aor, now);
    List<Binding> current = new ArrayList<>(bindings.getOrDefault(aor, List.of()));
    long headerExpires = r.expires();
    if (r.wildcardContact()) {
      if (headerExpires != 0) {
        return SipResponse.to(r, 400, "Bad Request (Contact: * needs Expires: 0, RFC 3261 §10.2.2)", toTag);
      }
      current.removeIf(b -> !(b.callId().equals(r.callId()) && b.cseq() >= r.cseq().number())); // RFC 3261 §10.3 step 6
      store(aor, current);
      return ok(r, toTag, current, now);
    }
    List<Binding> updated = new ArrayList<>(current);
    for (NameAddress c : r.contacts()) {
      if (!(c.uri() instanceof SipUri contact)) {
        return SipResponse.to(r, 400, "Bad Request (Contact must be a SIP URI)", toTag);
      }
      long secs = c.params().get("expires").map(Long::parseLong).orElse(headerExpires >= 0 ? headerExpires : expiry.defaultExpires().toSeconds());
      if (secs > 0 && secs < expiry.minExpires().toSeconds()) {
        return SipResponse.to(r, 423, null, toTag).withHeader(HeaderNames.MIN_EXPIRES, Long.toString(expiry.minExpires().toSeconds()));
      }
      secs = Math.min(secs, expiry.maxExpires().toSeconds());
      Optional<Binding> same = updated.stream().filter(b -> sameContact(b.contact(), contact)).findFirst();
      if (same.isPresent() && same.get().callId().equals(r.callId()) && same.get().cseq() >= r.cseq().number()) {
        continue; // an older or repeated request for this binding (RFC 3261 §10.3 step 7)
      }
      same.ifPresent(updated::remove);
      if (secs > 0) {
        updated.add(new Binding(aor, contact, flow, now.plusSeconds(secs), r.callId(), r.cseq().number(), now));
      }
    }
    store(aor, updated);
    return ok(r, toTag, updated, now);
  }

  private void store(String aor, List<Binding> l) {
    if (l.isEmpty()) {
      bindings.remove(aor);
    } else {
      bindings.put(aor, List.copyOf(l));
    }
  }

  private static boolean sameContact(SipUri a, SipUri b) {
    return a.aor().equals(b.aor()) && a.transport().equals(b.transport());
  }

  private static SipResponse ok(SipRequest r, String toTag, List<Binding> l, Instant now) {
    SipResponse resp = SipResponse.to(r, 200, null, toTag);
    for (Binding b : l) {
      long left = Math.max(0, Duration.between(now, b.expiresAt()).toSeconds());
      resp = resp.withHeaderAdded(HeaderNames.CONTACT, new NameAddress(b.contact()).withParam("expires", Long.toString(left)).toString());
    }
    return resp;
  }

  private void purge(String aor, Instant now) {
    List<Binding> l = bindings.get(aor);
    if (l != null && l.stream().anyMatch(b -> !b.liveAt(now))) {
      store(aor, l.stream().filter(b -> b.liveAt(now)).toList());
    }
  }

  /** The most recently registered live binding of {@code aor} ({@link SipUri#aor()} form). */
  public synchronized Optional<Binding> lookup(String aor) {
    Instant now = clock.instant();
    purge(aor, now);
    return bindings.getOrDefault(aor, List.of()).stream().max(Comparator.comparing(Binding::registeredAt));
  }

  /** All live bindings of {@code aor}. */
  public synchronized List<Binding> bindings(String aor) {
    purge(aor, clock.instant());
    return bindings.getOrDefault(aor, List.of());
  }

  /** The live binding whose contact is {@code uri} (to route an in-dialog request over the registered flow). */
  public synchronized Optional<Binding> byContact(Uri uri) {
    if (!(uri instanceof SipUri s)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    for (List<Binding> l : bindings.values()) {
      for (Binding b : l) {
        if (b.liveAt(now) && sameContact(b.contact(), s) && b.contact().port() == s.port()) {
          return Optional.of(b);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code aor} has a live binding registered over {@code flow} (the basis of P-Asserted-Identity). */
  public synchronized boolean registeredOver(String aor, Hop flow) {
    Instant now = clock.instant();
    return bindings.getOrDefault(aor, List.of()).stream().anyMatch(b -> b.liveAt(now) && b.flow().equals(flow));
  }

  /** Live bindings in total. */
  public synchronized int size() {
    Instant now = clock.instant();
    return (int) bindings.values().stream().flatMap(List::stream).filter(b -> b.liveAt(now)).count();
  }
}
