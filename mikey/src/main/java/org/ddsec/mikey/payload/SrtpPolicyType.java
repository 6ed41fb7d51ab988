package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * SRTP policy parameter "Type": RFC 3830 §6.10.1 Table 6.10.1.a (0–12), RFC 4771 (13),
 * RFC 7714 §14.3 (20).
 */
public enum SrtpPolicyType implements CodePoint {
  ENCRYPTION_ALGORITHM(0, "Encryption algorithm"),
  SESSION_ENCR_KEY_LENGTH(1, "Session Encr. key length"),
  AUTHENTICATION_ALGORITHM(2, "Authentication algorithm"),
  SESSION_AUTH_KEY_LENGTH(3, "Session Auth. key length"),
  SESSION_SALT_KEY_LENGTH(4, "Session Salt key length"),
  SRTP_PRF(5, "SRTP Pseudo Random Function"),
  KEY_DERIVATION_RATE(6, "Key derivation rate"),
  SRTP_ENCRYPTION(7, "SRTP encryption off/on"),
  SRTCP_ENCRYPTION(8, "SRTCP encryption off/on"),
  FEC_ORDER(9, "sender's FEC order"),
  SRTP_AUTHENTICATION(10, "SRTP authentication off/on"),
  AUTH_TAG_LENGTH(11, "Authentication tag length"),
  SRTP_PREFIX_LENGTH(12, "SRTP prefix length"),
  ROC_TRANSMISSION_RATE(13, "ROC transmission rate"),
  AEAD_AUTH_TAG_LENGTH(20, "AEAD authentication tag length");

  private final int code;
  private final String rfcName;

  SrtpPolicyType(int code, String rfcName) {
    this.code = code;
    this.rfcName = rfcName;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String rfcName() {
    return rfcName;
  }

  private static final SrtpPolicyType[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static SrtpPolicyType lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
