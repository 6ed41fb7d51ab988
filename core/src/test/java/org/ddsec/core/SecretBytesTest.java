package org.ddsec.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SecretBytesTest {

  @Test
  void toString_neverShowsBytes() {
    SecretBytes s = SecretBytes.fromHex("00112233445566778899aabbccddeeff");
    assertThat(s.toString()).isEqualTo("SecretBytes[16 bytes]").doesNotContain("0011");
  }

  @Test
  void close_zeroFillsAndForbidsUse() {
    byte[] backing = {1, 2, 3, 4};
    SecretBytes s = SecretBytes.wrap(backing);
    s.close();
    assertThat(backing).containsOnly(0);
    assertThat(s.isClosed()).isTrue();
    assertThrows(IllegalStateException.class, s::unsafeBytes);
    assertThrows(IllegalStateException.class, s::length);
    assertThat(s.toString()).isEqualTo("SecretBytes[closed]");
  }

  @Test
  void copyOf_isIndependentOfCallerArray() {
    byte[] a = {9, 9};
    SecretBytes s = SecretBytes.copyOf(a);
    a[0] = 0;
    assertThat(s.unsafeBytes()).containsExactly(9, 9);
  }

  @Test
  void unsafeBytes_returnsACopy() {
    SecretBytes s = SecretBytes.fromHex("0102");
    byte[] copy = s.unsafeBytes();
    copy[0] = 7;
    assertThat(s.unsafeBytes()).containsExactly(1, 2);
  }

  @Test
  void constantTimeEquals_comparesContent() {
    SecretBytes a = SecretBytes.fromHex("a0b1");
    assertThat(a.constantTimeEquals(SecretBytes.fromHex("a0b1"))).isTrue();
    assertThat(a.constantTimeEquals(SecretBytes.fromHex("a0b0"))).isFalse();
    assertThat(a.constantTimeEquals(SecretBytes.fromHex("a0"))).isFalse();
    assertThat(a.constantTimeEquals(new byte[] {(byte) 0xa0, (byte) 0xb1})).isTrue();
  }

  @Test
  void noEqualsOverride_identityOnly() {
    SecretBytes a = SecretBytes.fromHex("01");
    SecretBytes b = SecretBytes.fromHex("01");
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void fromHex_badDigit_messageHasNoKeyBytes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SecretBytes.fromHex("abzz"));
    assertThat(e.getMessage()).doesNotContain("ab").contains("position 2");
  }

  @Test
  void slice_copiesRange() {
    SecretBytes s = SecretBytes.fromHex("0001020304");
    assertThat(s.slice(1, 3).unsafeHex()).isEqualTo("010203");
  }
}
