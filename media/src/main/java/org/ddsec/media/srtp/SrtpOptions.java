package org.ddsec.media.srtp;

import java.util.Objects;
import org.ddsec.crypto.srtp.KeyDerivationRate;

/**
 * Per-session SRTP parameters besides the suite and the keys.
 *
 * @param keyDerivationRate the key_derivation_rate (RFC 3711 §3.2.1); 0 derives once
 * @param replayWindow size of the replay window in packets, a multiple of 64 from 64 to 32768
 *     (RFC 3711 §3.3.2 asks for at least 64)
 * @param encryptSrtcp whether outgoing SRTCP is encrypted (E = 1); incoming SRTCP may be either
 */
public record SrtpOptions(KeyDerivationRate keyDerivationRate, int replayWindow, boolean encryptSrtcp) {

  /** kdr 0, a 128-packet window (libsrtp's default), SRTCP encrypted. */
  public static final SrtpOptions DEFAULT = new SrtpOptions(KeyDerivationRate.ZERO, 128, true);

  /** Largest replay window. */
  public static final int MAX_REPLAY_WINDOW = 32768;

  public SrtpOptions {
    Objects.requireNonNull(keyDerivationRate, "keyDerivationRate");
    if (replayWindow < 64 || replayWindow > MAX_REPLAY_WINDOW || replayWindow % 64 != 0) {
      throw new IllegalArgumentException(
          "replay window: " + replayWindow + " packets (expected: a multiple of 64 from 64 to " + MAX_REPLAY_WINDOW + ")");
    }
  }

  /** These options with another key derivation rate. */
  public SrtpOptions withKeyDerivationRate(KeyDerivationRate kdr) {
    return new SrtpOptions(kdr, replayWindow, encryptSrtcp);
  }
}
