package org.ddsec.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomSourceTest {

  @Test
  void bytes_seededSource_deterministic() {
    RandomSource a = new SplittableRandom(42)::nextBytes;
    RandomSource b = new SplittableRandom(42)::nextBytes;
    assertThat(a.bytes(16)).hasSize(16).isEqualTo(b.bytes(16));
  }

  @Test
  void secure_twoDraws_differ() {
    RandomSource r = RandomSource.secure();
    assertThat(r.bytes(16)).isNotEqualTo(r.bytes(16));
  }
}
