package org.ddsec.protocol.ibakedd;

import java.security.Provider;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Objects;
import org.ddsec.core.RandomSource;

/**
 * The adapter between the protocol layer's injected {@link RandomSource} and the {@link
 * SecureRandom} that {@code crypto.ibe} and {@code crypto.ecdh} take: every byte they draw (SAKKE
 * SSVs, ECCSI j, ECDH x) comes from the injected source, so a seeded flow is reproducible and a
 * service passes {@link RandomSource#secure()}.
 */
public final class SecureRandoms {

  private SecureRandoms() {}

  /** A {@link SecureRandom} whose bytes are {@code source}'s; seeding it has no effect. */
  public static SecureRandom of(RandomSource source) {
    Objects.requireNonNull(source, "source");
    return new Adapter(source);
  }

  private static final class Adapter extends SecureRandom {
    private static final long serialVersionUID = 1L;

    Adapter(RandomSource source) {
      super(new Spi(source), new Provider("ddsec-RandomSource", "1", "RandomSource adapter") {
        private static final long serialVersionUID = 1L;
      });
    }
  }

  private static final class Spi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final transient RandomSource source;

    Spi(RandomSource source) {
      this.source = source;
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      // The source is injected; a seed from a caller does not change it.
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      source.nextBytes(bytes);
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      return source.bytes(numBytes);
    }
  }
}
