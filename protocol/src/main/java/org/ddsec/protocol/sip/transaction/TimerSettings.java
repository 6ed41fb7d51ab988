package org.ddsec.protocol.sip.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The RFC 3261 timer base values (§17.1.1.1, Table 4): T1 the round-trip estimate, T2 the
 * maximum retransmission interval for non-INVITE requests and INVITE responses, T4 how long the
 * network holds a message. Every other timer derives from them (B = F = H = J = L = M = 64·T1).
 */
public record TimerSettings(Duration t1, Duration t2, Duration t4) {

  /** T1 = 500 ms, T2 = 4 s, T4 = 5 s (RFC 3261 Table 4). */
  public static final TimerSettings RFC3261 = new TimerSettings(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

  public TimerSettings {
    Objects.requireNonNull(t1, "t1");
    Objects.requireNonNull(t2, "t2");
    Objects.requireNonNull(t4, "t4");
    if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative()) {
      throw new IllegalArgumentException("SIP timers: T1=" + t1 + " T2=" + t2 + " T4=" + t4 + " (expected: 0 < T1 <= T2, T4 >= 0)");
    }
  }

  /** 64·T1: Timers B, F, H, J, L and M. */
  public Duration timeout() {
    return t1.multipliedBy(64);
  }
}
