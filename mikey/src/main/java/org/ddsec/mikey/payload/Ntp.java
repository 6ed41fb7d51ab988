package org.ddsec.mikey.payload;

import java.time.Instant;
import org.ddsec.core.Bytes;

/**
 * NTP timestamps (RFC 5905 §6; RFC 3830 §4.2.8): seconds since 1900-01-01 in the high 32 bits and
 * the fraction in the low 32. Era handling follows RFC 4330 §3: seconds with the top bit clear
 * are taken to be in era 1 (after 2036-02-07), as RFC 6043 §6.10 requires for TRs/TRe.
 */
public final class Ntp {
  /** Seconds from 1900-01-01 to 1970-01-01. */
  public static final long UNIX_EPOCH_OFFSET = 2_208_988_800L;

  private Ntp() {}

  public static long fromInstant(Instant t) {
    long secs = t.getEpochSecond() + UNIX_EPOCH_OFFSET;
    long frac = ((long) t.getNano() << 32) / 1_000_000_000L;
    return (secs & 0xFFFF_FFFFL) << 32 | frac;
  }

  public static Instant toInstant(long ntp64) {
    long secs = ntp64 >>> 32;
    long frac = ntp64 & 0xFFFF_FFFFL;
    // RFC 4330 §3: MSB clear -> era 1 (2036-2104); set -> era 0 (1968-2036).
    long era = (secs & 0x8000_0000L) == 0 ? 1L << 32 : 0;
    long nanos = (frac * 1_000_000_000L) >>> 32;
    return Instant.ofEpochSecond(secs + era - UNIX_EPOCH_OFFSET, nanos);
  }

  public static Bytes toBytes(long ntp64) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (ntp64 >>> (56 - 8 * i));
    }
    return Bytes.of(b);
  }
}
