package org.ddsec.server.kms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.protocol.kmsdd.kms.KeyRing;
import org.ddsec.protocol.kmsdd.kms.KeyVersion;

/**
 * The KMS key ring Kkms as the configuration file gives it: every version with its secret, the
 * instant it becomes current and, once rotated out, the instant it was retired. A version is
 * <em>current</em> from {@code activeFrom} until {@code retiredAt}; of several current versions
 * the one activated last issues new tokens (so a new version can be provisioned ahead of its
 * activation, on every replica at once). A version stays <em>readable</em> — it resolves the
 * tokens it issued — until its retirement plus the retention period. Identical on every replica
 * that reads the same file: nothing is generated or stored at run time.
 */
public final class ConfiguredKeyRing implements KeyRing {

  /** One configured version. */
  public record Spec(long version, org.ddsec.core.SecretBytes secret, Instant activeFrom, Optional<Instant> retiredAt) {
    public Spec {
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(activeFrom, "activeFrom");
      Objects.requireNonNull(retiredAt, "retiredAt");
      if (version < 1 || version > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("key version: " + version + " (expected: 1..2^32-1)");
      }
      if (secret.length() < 32) {
        throw new IllegalArgumentException("key version " + version + ": " + secret.length() + "-octet secret (expected: ≥ 32)");
      }
      if (retiredAt.isPresent() && !retiredAt.get().isAfter(activeFrom)) {
        throw new IllegalArgumentException("key version " + version + ": retired at " + retiredAt.get() + " (expected: after its activation "
            + activeFrom + ")");
      }
    }

    @Override
    public String toString() {
      return "Spec[v" + version + ", active from " + activeFrom + retiredAt.map(r -> ", retired " + r).orElse("") + "]";
    }
  }

  private final List<KeyVersion> versions;

  /**
   * @throws IllegalArgumentException if the list is empty or two versions share a number
   */
  public ConfiguredKeyRing(List<Spec> specs, Duration retention) {
    Objects.requireNonNull(retention, "retention");
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("key ring: no version (expected: at least one)");
    }
    List<KeyVersion> v = new ArrayList<>();
    for (Spec s : specs) {
      if (v.stream().anyMatch(k -> k.version() == s.version())) {
        throw new IllegalArgumentException("key ring: version " + s.version() + " twice (expected: unique versions)");
      }
      Instant readableUntil = s.retiredAt().map(r -> r.plus(retention)).orElse(Instant.MAX);
      v.add(new KeyVersion(s.version(), s.secret(), s.activeFrom(), s.retiredAt(), readableUntil));
    }
    v.sort(Comparator.comparingLong(KeyVersion::version));
    this.versions = List.copyOf(v);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if no version is current at {@code now} (all retired, or none
   *     activated yet): the KMS then refuses deposits instead of issuing under a retired key
   */
  @Override
  public KeyVersion current(Instant now) {
    return currentOrEmpty(now).orElseThrow(() -> new IllegalStateException("key ring: no version is current at " + now));
  }

  /** The current version at {@code now}, if any. */
  public Optional<KeyVersion> currentOrEmpty(Instant now) {
    return versions.stream()
        .filter(k -> !now.isBefore(k.activeFrom()) && (k.retiredAt().isEmpty() || now.isBefore(k.retiredAt().get())))
        .max(Comparator.comparing(KeyVersion::activeFrom).thenComparingLong(KeyVersion::version));
  }

  @Override
  public Optional<KeyVersion> readable(long version, Instant now) {
    return versions.stream().filter(k -> k.version() == version && k.isReadableAt(now)).findFirst();
  }

  /** The versions, by number (no secrets in their {@code toString}). */
  public List<KeyVersion> versions() {
    return versions;
  }

  @Override
  public String toString() {
    return "ConfiguredKeyRing" + versions;
  }
}
