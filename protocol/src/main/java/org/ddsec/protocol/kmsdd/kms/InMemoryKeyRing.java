package org.ddsec.protocol.kmsdd.kms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.core.SecretBytes;

/**
 * A {@link KeyRing} in memory: {@link #rotate} adds a fresh 32-byte version and retires the
 * previous one, which stays readable for the retention period. Versions count up from 1.
 */
public final class InMemoryKeyRing implements KeyRing {

  private final List<KeyVersion> versions = new ArrayList<>();
  private final Duration retention;
  private final RandomSource random;

  public InMemoryKeyRing(Duration retention, RandomSource random, Instant start) {
    this.retention = retention;
    this.random = random;
    rotate(start);
  }

  /** Makes a new version current from {@code now}; the previous one is retired at {@code now}. */
  public synchronized KeyVersion rotate(Instant now) {
    if (!versions.isEmpty()) {
      KeyVersion last = versions.get(versions.size() - 1);
      versions.set(versions.size() - 1,
          new KeyVersion(last.version(), last.secret(), last.activeFrom(), Optional.of(now), now.plus(retention)));
    }
    KeyVersion v = new KeyVersion(versions.size() + 1L, SecretBytes.wrap(random.bytes(32)), now, Optional.empty(), Instant.MAX);
    versions.add(v);
    return v;
  }

  @Override
  public synchronized KeyVersion current(Instant now) {
    return versions.get(versions.size() - 1);
  }

  @Override
  public synchronized Optional<KeyVersion> readable(long version, Instant now) {
    if (version < 1 || version > versions.size()) {
      return Optional.empty();
    }
    KeyVersion v = versions.get((int) version - 1);
    return v.isReadableAt(now) ? Optional.of(v) : Optional.empty();
  }

  /** A digest of the whole ring, secrets included: equal digests mean unchanged contents. */
  public synchronized Bytes fingerprint() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (KeyVersion v : versions) {
      byte[] s = v.secret().unsafeBytes();
      out.writeBytes(s);
      SecretBytes.wipe(s);
      out.writeBytes(v.toString().getBytes(StandardCharsets.UTF_8));
    }
    try {
      return Bytes.of(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
