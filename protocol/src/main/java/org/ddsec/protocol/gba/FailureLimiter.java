package org.ddsec.protocol.gba;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Per-IMPI limit on failed authentications (a sliding window): after {@code maxFailures}
 * failures within {@code window}, the IMPI gets no new challenge and no answer is checked until
 * the oldest of those failures leaves the window. A success clears the IMPI's record. Time comes
 * from the caller (the BSF's injected clock). Thread-safe; at most {@code maxTracked} IMPIs are
 * remembered: when the table is full, IMPIs with no failure inside the window are forgotten; if
 * it is still full, a failure of an IMPI not yet in it goes unrecorded (each challenge is
 * one-shot anyway, so this bounds memory without opening a guessing channel).
 */
public final class FailureLimiter {

  private final int maxFailures;
  private final Duration window;
  private final int maxTracked;
  private final Map<String, Deque<Instant>> failures = new HashMap<>();

  public FailureLimiter(int maxFailures, Duration window, int maxTracked) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("max failures: " + maxFailures + " (expected: ≥ 1)");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("failure window: " + window + " (expected: positive)");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.maxTracked = maxTracked;
  }

  /** How long {@code impi} is still blocked at {@code now}; empty if it is not. */
  public synchronized Optional<Duration> blockedFor(String impi, Instant now) {
    Deque<Instant> d = failures.get(impi);
    if (d == null) {
      return Optional.empty();
    }
    expire(d, now);
    if (d.isEmpty()) {
      failures.remove(impi);
      return Optional.empty();
    }
    if (d.size() < maxFailures) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, d.peekFirst().plus(window)));
  }

  /** Records one failure of {@code impi} at {@code now}. */
  public synchronized void recordFailure(String impi, Instant now) {
    Deque<Instant> d = failures.get(impi);
    if (d == null) {
      if (failures.size() >= maxTracked) {
        purge(now);
      }
      if (failures.size() >= maxTracked) {
        return; // table full of active offenders; blockedFor stays as it was for this IMPI
      }
      d = new ArrayDeque<>();
      failures.put(impi, d);
    }
    expire(d, now);
    d.addLast(now);
    while (d.size() > maxFailures) {
      d.removeFirst();
    }
  }

  /** Forgets {@code impi}'s failures (after a successful authentication). */
  public synchronized void reset(String impi) {
    failures.remove(impi);
  }

  /** Failures of {@code impi} inside the window at {@code now}. */
  public synchronized int failures(String impi, Instant now) {
    Deque<Instant> d = failures.get(impi);
    if (d == null) {
      return 0;
    }
    expire(d, now);
    return d.size();
  }

  private void expire(Deque<Instant> d, Instant now) {
    Instant cutoff = now.minus(window);
    while (!d.isEmpty() && !d.peekFirst().isAfter(cutoff)) {
      d.removeFirst();
    }
  }

  private void purge(Instant now) {
    for (Iterator<Deque<Instant>> it = failures.values().iterator(); it.hasNext(); ) {
      Deque<Instant> d = it.next();
      expire(d, now);
      if (d.isEmpty()) {
        it.remove();
      }
    }
  }
}
