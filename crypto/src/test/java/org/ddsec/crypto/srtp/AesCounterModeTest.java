package org.ddsec.crypto.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.ddsec.core.SecretBytes;
import org.ddsec.testkit.Hex;
import org.ddsec.testkit.Property;
import org.junit.jupiter.api.Test;

/** AES-CM keystream (RFC 3711 §4.1.1) against RFC 3711 Appendix B.2 and RFC 6188 §7.1 / §7.3. */
class AesCounterModeTest {

  /** RFC 3711 B.2 / RFC 6188 §7: the session salt F0F1..FD, "already shifted". */
  private static final String SALT = "F0F1F2F3F4F5F6F7F8F9FAFBFCFD";
  private static final int SEGMENT_BYTES = 1044512; // 65282 AES blocks

  private static String block(byte[] ks, int counter) {
    return Hex.encode(Arrays.copyOfRange(ks, counter * 16, counter * 16 + 16));
  }

  private static byte[] b2Iv() {
    // SSRC 0, ROC 0, SEQ 0: IV = k_s * 2^16
    return AesCounterMode.srtpIv(SecretBytes.fromHex(SALT), 0, 0);
  }

  @Test
  void keystream_rfc3711AppendixB2_matchesFirstAndLastBlocks() {
    byte[] ks = AesCounterMode.keystream(SecretBytes.fromHex("2B7E151628AED2A6ABF7158809CF4F3C"), b2Iv(), SEGMENT_BYTES);
    assertThat(ks).hasSize(SEGMENT_BYTES);
    assertThat(block(ks, 0x0000)).isEqualToIgnoringCase("E03EAD0935C95E80E166B16DD92B4EB4");
    assertThat(block(ks, 0x0001)).isEqualToIgnoringCase("D23513162B02D0F72A43A2FE4A5F97AB");
    assertThat(block(ks, 0x0002)).isEqualToIgnoringCase("41E95B3BB0A2E8DD477901E4FCA894C0");
    assertThat(block(ks, 0xFEFF)).isEqualToIgnoringCase("EC8CDF7398607CB0F2D21675EA9EA1E4");
    assertThat(block(ks, 0xFF00)).isEqualToIgnoringCase("362B7C3C6773516318A077D7FC5073AE");
    assertThat(block(ks, 0xFF01)).isEqualToIgnoringCase("6A2CC3787889374FBEB4C81B17BA6C44");
  }

  @Test
  void keystream_rfc6188Section71Aes256_matchesFirstAndLastBlocks() {
    byte[] ks = AesCounterMode.keystream(
        SecretBytes.fromHex("57f82fe3613fd170a85ec93c40b1f0922ec4cb0dc025b58272147cc438944a98"), b2Iv(), SEGMENT_BYTES);
    assertThat(block(ks, 0x0000)).isEqualTo("92bdd28a93c3f52511c677d08b5515a4");
    assertThat(block(ks, 0x0001)).isEqualTo("9da71b2378a854f67050756ded165bac");
    assertThat(block(ks, 0x0002)).isEqualTo("63c4868b7096d88421b563b8c94c9a31");
    assertThat(block(ks, 0xFEFF)).isEqualTo("cea518c90fd91ced9cbb18c078a54711");
    assertThat(block(ks, 0xFF00)).isEqualTo("3dbc4814f4da5f00a08772b63c6a046d");
    assertThat(block(ks, 0xFF01)).isEqualTo("6eb246913062a16891433e97dd01a57f");
  }

  @Test
  void keystream_rfc6188Section73Aes192_matchesFirstAndLastBlocks() {
    byte[] ks = AesCounterMode.keystream(
        SecretBytes.fromHex("eab234764e517b2d3d160d587d8c86219740f65f99b6bcf7"), b2Iv(), SEGMENT_BYTES);
    assertThat(block(ks, 0x0000)).isEqualTo("35096cba4610028dc1b57503804ce37c");
    assertThat(block(ks, 0x0001)).isEqualTo("5de986291dcce161d5165ec4568f5c9a");
    assertThat(block(ks, 0x0002)).isEqualTo("474a40c77894bc17180202272a4c264d");
    assertThat(block(ks, 0xFEFF)).isEqualTo("d108d1a31a00bad6367ec23eb044b415");
    assertThat(block(ks, 0xFF00)).isEqualTo("c8f57129fdeb970b59f917b257662d4c");
    assertThat(block(ks, 0xFF01)).isEqualTo("a5dab625811034e8cebdfeb6dc158dd3");
  }

  @Test
  void srtpIv_placesSaltSsrcAndIndexPerRfc3711() {
    // IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), RFC 3711 §4.1.1
    byte[] iv = AesCounterMode.srtpIv(SecretBytes.fromHex("0000000000000000000000000000"), 0xA1B2C3D4L, 0x112233445566L);
    assertThat(Hex.encode(iv)).isEqualTo("00000000" + "a1b2c3d4" + "112233445566" + "0000");
    byte[] withSalt = AesCounterMode.srtpIv(SecretBytes.fromHex("ffffffffffffffffffffffffffff"), 0xA1B2C3D4L, 0x112233445566L);
    assertThat(Hex.encode(withSalt)).isEqualTo("ffffffff" + "5e4d3c2b" + "eeddccbbaa99" + "0000");
  }

  @Test
  void srtpIv_outOfRangeInputs_throw() {
    SecretBytes salt = SecretBytes.fromHex(SALT);
    assertThrows(IllegalArgumentException.class, () -> AesCounterMode.srtpIv(SecretBytes.fromHex("00"), 0, 0));
    assertThrows(IllegalArgumentException.class, () -> AesCounterMode.srtpIv(salt, 1L << 32, 0));
    assertThrows(IllegalArgumentException.class, () -> AesCounterMode.srtpIv(salt, 0, 1L << 48));
  }

  @Test
  void apply_isXorWithKeystreamAndItsOwnInverse() {
    Property.forAll(50, rnd -> {
      SecretBytes key = SecretBytes.copyOf(Property.bytes(rnd, Property.oneOf(rnd, 16, 24, 32)));
      byte[] iv = Property.bytes(rnd, 16);
      byte[] data = Property.bytes(rnd, 0, 200);
      byte[] ct = AesCounterMode.apply(key, iv, data);
      byte[] ks = AesCounterMode.keystream(key, iv, data.length);
      for (int i = 0; i < data.length; i++) {
        assertThat(ct[i]).isEqualTo((byte) (data[i] ^ ks[i]));
      }
      assertThat(AesCounterMode.apply(key, iv, ct)).isEqualTo(data);
    });
  }

  @Test
  void keystream_moreThan2To16BlocksPerIv_throws() {
    SecretBytes key = SecretBytes.copyOf(new byte[16]);
    assertThrows(IllegalArgumentException.class, () -> AesCounterMode.keystream(key, new byte[16], AesCounterMode.MAX_KEYSTREAM_BYTES + 1));
    assertThat(AesCounterMode.keystream(key, new byte[16], AesCounterMode.MAX_KEYSTREAM_BYTES)).hasSize(1 << 20);
  }

  @Test
  void keystream_badKeyOrIvLength_throws() {
    assertThrows(IllegalArgumentException.class, () -> AesCounterMode.keystream(SecretBytes.copyOf(new byte[15]), new byte[16], 16));
    assertThrows(IllegalArgumentException.class, () -> AesCounterMode.keystream(SecretBytes.copyOf(new byte[16]), new byte[12], 16));
  }
}
