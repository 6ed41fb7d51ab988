package org.ddsec.crypto.srtp;

/**
 * How wide {@code r = SRTCP index DIV key_derivation_rate} is in the SRTCP key derivation, which
 * decides the octet of the PRF input the SRTCP label lands in.
 *
 * <p>RFC 3711 §4.3.2 replaces the SRTP index by "the 32-bit quantity 0 || SRTCP index", and
 * §4.3.1 keeps {@code r} as wide as the index, so {@code key_id = label || r} is 40 bits and the
 * label sits two octets further right than for SRTP. RFC 3711 Errata ID 3712 (held for document
 * update) pads the quantity to 48 bits so that all six labels share one octet; libsrtp, jitsi-srtp
 * and RFC 6188 Figure 2 do that, and NIST's SP 800-135 informative note (2016) accepts both.
 */
public enum SrtcpIndexWidth {

  /**
   * 48-bit r, label in the same octet as for SRTP (RFC 3711 Errata ID 3712). The default: it is
   * what deployed SRTP stacks compute, so SRTCP interoperates.
   */
  BITS_48_ERRATA_3712(6),

  /**
   * 32-bit r, as RFC 3711 §4.3.2 is written and as NIST's original CAVP SRTP KDF vectors
   * compute it. Does not interoperate with libsrtp-derived stacks.
   */
  BITS_32_RFC_3711_TEXT(4);

  private final int rBytes;

  SrtcpIndexWidth(int rBytes) {
    this.rBytes = rBytes;
  }

  /** Width of r in bytes. */
  int rBytes() {
    return rBytes;
  }
}
