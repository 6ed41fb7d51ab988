package org.ddsec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BytesTest {

  @Test
  void of_copiesInput() {
    byte[] a = {1, 2, 3};
    Bytes b = Bytes.of(a);
    a[0] = 9;
    assertThat(b.get(0)).isEqualTo(1);
    b.toByteArray()[1] = 9;
    assertThat(b.get(1)).isEqualTo(2);
  }

  @Test
  void equals_byContent() {
    assertThat(Bytes.fromHex("0a0b")).isEqualTo(Bytes.of((byte) 10, (byte) 11));
    assertThat(Bytes.fromHex("0a0b").hashCode()).isEqualTo(Bytes.of((byte) 10, (byte) 11).hashCode());
    assertThat(Bytes.fromHex("0a0b")).isNotEqualTo(Bytes.fromHex("0a0c"));
  }

  @Test
  void hex_roundTrip() {
    assertThat(Bytes.fromHex("00ff7F80").hex()).isEqualTo("00ff7f80");
  }

  @Test
  void fromHex_badInput_namesPosition() {
    assertThat(assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("0g")).getMessage())
        .contains("position 1");
    assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("abc"));
  }

  @Test
  void sliceAndConcat() {
    Bytes b = Bytes.fromHex("0102030405");
    assertThat(b.slice(1, 2).concat(b.slice(4, 1)).hex()).isEqualTo("020305");
  }
}
