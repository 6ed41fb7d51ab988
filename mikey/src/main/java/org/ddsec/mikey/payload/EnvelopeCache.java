package org.ddsec.mikey.payload;

import org.ddsec.mikey.CodePoint;

/**
 * PKE "C" (2 bits), the envelope key cache indicator: RFC 3830 §6.3 Table 6.3.
 */
public enum EnvelopeCache implements CodePoint {
  NO_CACHE(0, "No cache"),
  CACHE(1, "Cache"),
  CACHE_FOR_CSB(2, "Cache for CSB");

  private final int code;
  private final String rfcName;

  EnvelopeCache(int code, String rfcName) {
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

  private static final EnvelopeCache[] BY_CODE = CodePoint.byCode(values());

  /** The value for {@code code}, or {@code null} when it is not assigned. */
  public static EnvelopeCache lookup(int code) {
    return CodePoint.lookup(BY_CODE, code);
  }
}
