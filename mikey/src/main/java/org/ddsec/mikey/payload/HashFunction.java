package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * CHASH "Hash func": RFC 3830 §6.8 Table 6.8, RFC 6043 §6.7 Table 6.12 (SHA-256).
 */
public enum HashFunction implements CodePoint {
  SHA_1(0, "SHA-1", 20),
  MD5(1, "MD5", 16),
  SHA_256(2, "SHA-256", 32);

  private final int code;
  private final String rfcName;
  private final int hashLength;

  HashFunction(int code, String rfcName, int hashLength) {
    this.code = code;
    this.rfcName = rfcName;
    this.hashLength = hashLength;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String rfcName() {
    return rfcName;
  }

  /** Hash length in bytes. */
  public int hashLength() {
    return hashLength;
  }

  private static final HashFunction[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static HashFunction lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
