package org.ddsec.media.srtp;

import java.util.Locale;
import org.ddsec.crypto.srtp.SessionKeyLengths;

/**
 * The SRTP crypto suites ddsec speaks, named as in SDES (RFC 4568 §6.2) and RFC 7714 §14.1.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>suite</th><th>master key</th><th>master salt</th><th>SRTP tag</th><th>SRTCP tag</th><th>source</th></tr>
 *   <tr><td>AES_CM_128_HMAC_SHA1_80</td><td>128</td><td>112</td><td>80</td><td>80</td><td>RFC 3711 §5, RFC 4568 §6.2.1</td></tr>
 *   <tr><td>AES_CM_128_HMAC_SHA1_32</td><td>128</td><td>112</td><td>32</td><td>80</td><td>RFC 4568 §6.2.2 (SRTCP keeps 80)</td></tr>
 *   <tr><td>AEAD_AES_128_GCM</td><td>128</td><td>96</td><td>128 (AEAD)</td><td>128 (AEAD)</td><td>RFC 7714 §12 Table 2</td></tr>
 *   <tr><td>AEAD_AES_256_GCM</td><td>256</td><td>96</td><td>128 (AEAD)</td><td>128 (AEAD)</td><td>RFC 7714 §12 Table 3</td></tr>
 * </table>
 *
 * <p>All four use the AES-CM PRF of RFC 3711 §4.3.3 (AES-256 per RFC 6188 for the last) with key
 * derivation rate 0 by default; the AEAD suites need no authentication key (RFC 7714 §7.1).
 */
public enum SrtpSuite {

  AES_CM_128_HMAC_SHA1_80(16, 14, 10, 10, false),
  AES_CM_128_HMAC_SHA1_32(16, 14, 4, 10, false),
  AEAD_AES_128_GCM(16, 12, 16, 16, true),
  AEAD_AES_256_GCM(32, 12, 16, 16, true);

  /** HMAC-SHA1 authentication key length: 160 bits (RFC 3711 §4.3.2 / §5.2). */
  static final int HMAC_SHA1_KEY_BYTES = 20;

  private final int masterKeyBytes;
  private final int masterSaltBytes;
  private final int srtpTagBytes;
  private final int srtcpTagBytes;
  private final boolean aead;

  SrtpSuite(int masterKeyBytes, int masterSaltBytes, int srtpTagBytes, int srtcpTagBytes, boolean aead) {
    this.masterKeyBytes = masterKeyBytes;
    this.masterSaltBytes = masterSaltBytes;
    this.srtpTagBytes = srtpTagBytes;
    this.srtcpTagBytes = srtcpTagBytes;
    this.aead = aead;
  }

  public int masterKeyBytes() {
    return masterKeyBytes;
  }

  public int masterSaltBytes() {
    return masterSaltBytes;
  }

  /** The bytes SRTP appends to an RTP packet: the HMAC tag, or the AEAD tag. */
  public int srtpTagBytes() {
    return srtpTagBytes;
  }

  /** The authentication (or AEAD) tag of SRTCP; the 4-byte E || SRTCP index word comes in addition. */
  public int srtcpTagBytes() {
    return srtcpTagBytes;
  }

  /** True for the AES-GCM suites of RFC 7714. */
  public boolean isAead() {
    return aead;
  }

  /** Session key lengths (n_e, n_a, n_s) the KDF must produce (RFC 3711 §4.3.1, RFC 7714 §12). */
  public SessionKeyLengths sessionKeyLengths() {
    return aead
        ? new SessionKeyLengths(masterKeyBytes, 0, masterSaltBytes)
        : SessionKeyLengths.aesCmHmacSha1(masterKeyBytes);
  }

  /**
   * The suite of an SDES/RFC 7714 name, case-insensitive.
   *
   * @throws IllegalArgumentException naming the value and the choices
   */
  public static SrtpSuite fromName(String name) {
    for (SrtpSuite s : values()) {
      if (s.name().equals(name.toUpperCase(Locale.ROOT))) {
        return s;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (SrtpSuite s : values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(s.name());
    }
    throw new IllegalArgumentException("SRTP suite: " + name + " (expected: one of " + sb + ")");
  }
}
