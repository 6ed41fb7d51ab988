package org.ddsec.crypto.srtp;

import java.util.Objects;
import org.ddsec.core.SecretBytes;

/**
 * The SRTP key derivation with the AES-CM PRF (RFC 3711 §4.3.1-§4.3.3; AES-192/256 per RFC 6188
 * §3): for a label and a packet index,
 *
 * <pre>
 *   r      = index DIV key_derivation_rate
 *   key_id = label || r
 *   x      = key_id XOR master_salt          (right-aligned, 112 bits)
 *   key    = first n bits of AES-CM(k_master, IV = x * 2^16)
 * </pre>
 *
 * <p>r is 48 bits for SRTP (the packet index ROC || SEQ); for SRTCP its width is the {@link
 * SrtcpIndexWidth} chosen at construction (48 bits by default, RFC 3711 Errata ID 3712).
 *
 * <p>An instance keeps copies of the master key and salt until {@link #close()}; it is immutable
 * otherwise and may be shared between threads. Every derived key is a new {@link SecretBytes}
 * the caller owns.
 */
public final class SrtpKdf implements AutoCloseable {

  /** The {@code <label>} values of RFC 3711 §4.3.1 and §4.3.2. */
  public enum Label {
    /** 0x00: SRTP encryption key k_e (RFC 3711 §4.3.1). */
    SRTP_ENCRYPTION(0x00),
    /** 0x01: SRTP message authentication key k_a (RFC 3711 §4.3.1). */
    SRTP_AUTHENTICATION(0x01),
    /** 0x02: SRTP salting key k_s (RFC 3711 §4.3.1). */
    SRTP_SALT(0x02),
    /** 0x03: SRTCP encryption key (RFC 3711 §4.3.2). */
    SRTCP_ENCRYPTION(0x03),
    /** 0x04: SRTCP authentication key (RFC 3711 §4.3.2). */
    SRTCP_AUTHENTICATION(0x04),
    /** 0x05: SRTCP salting key (RFC 3711 §4.3.2). */
    SRTCP_SALT(0x05);

    private final int code;

    Label(int code) {
      this.code = code;
    }

    /** The 8-bit label. */
    public int code() {
      return code;
    }

    /** True for the SRTCP labels, whose index is the 31-bit SRTCP index. */
    public boolean isSrtcp() {
      return code >= 0x03;
    }
  }

  /** Largest SRTP packet index, 2^48 - 1 (ROC || SEQ, RFC 3711 §3.3.1). */
  public static final long MAX_SRTP_INDEX = (1L << 48) - 1;

  /** Largest SRTCP index, 2^31 - 1 (RFC 3711 §3.4). */
  public static final long MAX_SRTCP_INDEX = (1L << 31) - 1;

  /** Length of the PRF input x: 112 bits (RFC 3711 §4.3.3). */
  static final int X_BYTES = 14;

  private final SecretBytes masterKey;
  private final SecretBytes masterSalt;
  private final KeyDerivationRate kdr;
  private final SrtcpIndexWidth srtcpIndexWidth;

  /** A KDF whose SRTCP keys follow RFC 3711 Errata ID 3712 (48-bit r), as libsrtp does. */
  public SrtpKdf(SecretBytes masterKey, SecretBytes masterSalt, KeyDerivationRate kdr) {
    this(masterKey, masterSalt, kdr, SrtcpIndexWidth.BITS_48_ERRATA_3712);
  }

  /**
   * @param masterKey 128, 192 or 256 bits (RFC 3711 §4.3.3, RFC 6188); copied
   * @param masterSalt 112 bits (RFC 3711 §5.1), or 96 bits for the AEAD transforms of RFC 7714
   *     §11, which is followed by two zero octets to make the 112-bit PRF input (RFC 7714 leaves
   *     the alignment open; libsrtp and jitsi-srtp append the zeros, and libsrtp's AEAD reference
   *     packet only reproduces that way); copied
   * @param kdr the key_derivation_rate
   * @param srtcpIndexWidth the width of r for the SRTCP labels
   * @throws IllegalArgumentException on a key or salt of another length
   */
  public SrtpKdf(SecretBytes masterKey, SecretBytes masterSalt, KeyDerivationRate kdr, SrtcpIndexWidth srtcpIndexWidth) {
    Objects.requireNonNull(masterKey, "masterKey");
    Objects.requireNonNull(masterSalt, "masterSalt");
    int k = masterKey.length();
    if (k != 16 && k != 24 && k != 32) {
      throw new IllegalArgumentException("SRTP master key: " + k + " bytes (expected: 16, 24 or 32)");
    }
    int s = masterSalt.length();
    if (s != 14 && s != 12) {
      throw new IllegalArgumentException("SRTP master salt: " + s + " bytes (expected: 14, or 12 for AEAD)");
    }
    this.kdr = Objects.requireNonNull(kdr, "kdr");
    this.srtcpIndexWidth = Objects.requireNonNull(srtcpIndexWidth, "srtcpIndexWidth");
    this.masterKey = masterKey.slice(0, k);
    if (s == 14) {
      this.masterSalt = masterSalt.slice(0, s);
    } else {
      byte[] b = masterSalt.unsafeBytes();
      this.masterSalt = SecretBytes.wrap(java.util.Arrays.copyOf(b, 14));
      SecretBytes.wipe(b);
    }
  }

  public KeyDerivationRate keyDerivationRate() {
    return kdr;
  }

  public SrtcpIndexWidth srtcpIndexWidth() {
    return srtcpIndexWidth;
  }

  /**
   * The three SRTP session keys (labels 0x00, 0x01, 0x02) for the packet with this index.
   *
   * @param packetIndex the 48-bit SRTP index ROC || SEQ
   * @throws IllegalArgumentException if the index is outside 0..2^48-1
   */
  public SrtpSessionKeys srtpSessionKeys(long packetIndex, SessionKeyLengths lengths) {
    return new SrtpSessionKeys(
        deriveKey(Label.SRTP_ENCRYPTION, packetIndex, lengths.encrKeyBytes()),
        deriveKey(Label.SRTP_AUTHENTICATION, packetIndex, lengths.authKeyBytes()),
        deriveKey(Label.SRTP_SALT, packetIndex, lengths.saltKeyBytes()));
  }

  /**
   * The three SRTCP session keys (labels 0x03, 0x04, 0x05) for the packet with this SRTCP index.
   *
   * @param srtcpIndex the 31-bit SRTCP index (without the E flag)
   * @throws IllegalArgumentException if the index is outside 0..2^31-1
   */
  public SrtpSessionKeys srtcpSessionKeys(long srtcpIndex, SessionKeyLengths lengths) {
    return new SrtpSessionKeys(
        deriveKey(Label.SRTCP_ENCRYPTION, srtcpIndex, lengths.encrKeyBytes()),
        deriveKey(Label.SRTCP_AUTHENTICATION, srtcpIndex, lengths.authKeyBytes()),
        deriveKey(Label.SRTCP_SALT, srtcpIndex, lengths.saltKeyBytes()));
  }

  /**
   * One key: the first {@code lengthBytes} bytes of {@code PRF(k_master, x)} (RFC 3711 §4.3.1).
   *
   * @param index the SRTP packet index for labels 0x00-0x02, the SRTCP index for 0x03-0x05
   * @throws IllegalArgumentException if the index exceeds its width or the length is negative
   *     or above 2^20 bytes
   */
  public SecretBytes deriveKey(Label label, long index, int lengthBytes) {
    Objects.requireNonNull(label, "label");
    long max = label.isSrtcp() ? MAX_SRTCP_INDEX : MAX_SRTP_INDEX;
    if (index < 0 || index > max) {
      throw new IllegalArgumentException(
          (label.isSrtcp() ? "SRTCP index: " : "SRTP index: ") + index + " (expected: 0.." + max + ")");
    }
    int rBytes = label.isSrtcp() ? srtcpIndexWidth.rBytes() : 6;
    byte[] salt = masterSalt.unsafeBytes();
    byte[] iv = new byte[AesCounterMode.BLOCK_BYTES];
    try {
      byte[] x = prfInput(salt, label.code(), kdr.divide(index), rBytes);
      System.arraycopy(x, 0, iv, 0, X_BYTES); // IV = x * 2^16 (RFC 3711 §4.3.3)
      return SecretBytes.wrap(AesCounterMode.keystream(masterKey, iv, lengthBytes));
    } finally {
      SecretBytes.wipe(salt);
    }
  }

  /**
   * {@code x = (label || r) XOR master_salt}, both right-aligned in 112 bits, with r {@code
   * rBytes} wide (RFC 3711 §4.3.1).
   */
  static byte[] prfInput(byte[] masterSalt, int label, long r, int rBytes) {
    byte[] x = new byte[X_BYTES];
    System.arraycopy(masterSalt, 0, x, X_BYTES - masterSalt.length, masterSalt.length);
    for (int i = 0; i < rBytes; i++) {
      x[X_BYTES - 1 - i] ^= (byte) (r >>> (8 * i));
    }
    x[X_BYTES - 1 - rBytes] ^= (byte) label;
    return x;
  }

  /** Wipes the copies of the master key and salt; the KDF cannot be used afterwards. */
  @Override
  public void close() {
    masterKey.close();
    masterSalt.close();
  }

  @Override
  public String toString() {
    if (masterKey.isClosed()) {
      return "SrtpKdf[closed]";
    }
    return "SrtpKdf[" + masterKey.bitLength() + "-bit master key, kdr " + kdr.value() + ", SRTCP r " + srtcpIndexWidth + "]";
  }
}
