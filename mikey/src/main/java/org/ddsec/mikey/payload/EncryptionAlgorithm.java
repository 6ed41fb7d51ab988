package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * KEMAC "Encr alg": RFC 3830 §6.2 Table 6.2.a, RFC 6043 §6.2 Table 6.5.
 */
public enum EncryptionAlgorithm implements CodePoint {
  NULL(0, "NULL", 0),
  AES_CM_128(1, "AES-CM-128", 16),
  AES_KW_128(2, "AES-KW-128", 16),
  AES_CM_256(3, "AES-CM-256", 32);

  private final int code;
  private final String rfcName;
  private final int keyLength;

  EncryptionAlgorithm(int code, String rfcName, int keyLength) {
    this.code = code;
    this.rfcName = rfcName;
    this.keyLength = keyLength;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String rfcName() {
    return rfcName;
  }

  /** Key length in bytes (0 for NULL). */
  public int keyLength() {
    return keyLength;
  }

  private static final EncryptionAlgorithm[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static EncryptionAlgorithm lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
