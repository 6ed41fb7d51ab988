package org.ddsec.crypto.mikey;

import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.AuthenticationException;

/**
 * The MIKEY "MAC alg" of the KEMAC and V payloads (RFC 3830 §6.2 Table 6.2.b, RFC 6043 §6.2
 * Table 6.6), with the computation and the constant-time check of the tag.
 *
 * <p>{@link #compute} MACs the concatenation of its {@code parts} (so the V payload's input of
 * {@link VerificationMacInput} need not be copied); {@link #verify} throws {@link
 * AuthenticationException} on any mismatch, including a tag of the wrong length, and compares
 * with {@link MessageDigest#isEqual}. Authentication keys are derived with {@link
 * #authKeyBytes()} bytes (RFC 3830 §4.2.4: key size SHOULD equal the hash output; RFC 6043 §6.2:
 * HMAC-SHA-256-256 SHALL use a 256-bit key); the HMAC itself accepts any non-empty key, as RFC
 * 2104 does.
 */
public enum MikeyMac {

  /**
   * Code 0, NULL: no MAC, a zero-length tag (RFC 3830 §4.2.4). It authenticates nothing; {@link
   * #verify} accepts exactly the empty tag. Whether NULL is acceptable is the caller's policy
   * (RFC 3830 allows it only where the transport is protected, and with AES-KW in the PK case).
   */
  INSECURE_NULL(0, "NULL", null, 0),

  /** Code 1, HMAC-SHA-1-160: HMAC (RFC 2104) with SHA-1, 160-bit tag (RFC 3830 §4.2.4). */
  HMAC_SHA_1_160(1, "HMAC-SHA-1-160", "HmacSHA1", 20),

  /** Code 2, HMAC-SHA-256-256: HMAC with SHA-256, 256-bit tag and key (RFC 6043 §6.2). */
  HMAC_SHA_256_256(2, "HMAC-SHA-256-256", "HmacSHA256", 32);

  private final int code;
  private final String rfcName;
  private final String jceMac;
  private final int tagBytes;

  MikeyMac(int code, String rfcName, String jceMac, int tagBytes) {
    this.code = code;
    this.rfcName = rfcName;
    this.jceMac = jceMac;
    this.tagBytes = tagBytes;
  }

  /** The "MAC alg" value. */
  public int code() {
    return code;
  }

  /** The name of the RFC tables, e.g. {@code "HMAC-SHA-1-160"}. */
  public String rfcName() {
    return rfcName;
  }

  /** Length of the MAC field: 0, 20 or 32 bytes. */
  public int tagBytes() {
    return tagBytes;
  }

  /** Length of the authentication key to derive (equal to the tag length). */
  public int authKeyBytes() {
    return tagBytes;
  }

  /**
   * The algorithm for a "MAC alg" value.
   *
   * @throws IllegalArgumentException naming the value when it is not 0, 1 or 2
   */
  public static MikeyMac fromCode(int code) {
    for (MikeyMac m : values()) {
      if (m.code == code) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "MAC alg: " + code + " (expected: 0 NULL, 1 HMAC-SHA-1-160 or 2 HMAC-SHA-256-256)");
  }

  /**
   * The tag over {@code parts[0] || parts[1] || ...}.
   *
   * @param authKey the auth_key (not consumed); ignored and may be {@code null} for {@link
   *     #INSECURE_NULL}
   * @return {@link #tagBytes()} bytes
   * @throws IllegalArgumentException if {@code authKey} is empty
   */
  public byte[] compute(SecretBytes authKey, byte[]... parts) {
    Objects.requireNonNull(parts, "parts");
    if (this == INSECURE_NULL) {
      return new byte[0];
    }
    Objects.requireNonNull(authKey, "authKey");
    if (authKey.length() == 0) {
      throw new IllegalArgumentException(rfcName + " auth key: 0 bytes (expected: " + tagBytes + ")");
    }
    byte[] k = authKey.unsafeBytes();
    try {
      Mac mac = PFunction.hmac(jceMac, k);
      for (byte[] p : parts) {
        mac.update(p);
      }
      return mac.doFinal();
    } finally {
      SecretBytes.wipe(k);
    }
  }

  /**
   * Checks {@code tag} against the MAC of {@code parts[0] || parts[1] || ...} in constant time.
   *
   * @throws AuthenticationException "MAC mismatch (HMAC-SHA-1-160)" if the tag is wrong or has
   *     the wrong length
   */
  public void verify(SecretBytes authKey, byte[] tag, byte[]... parts) throws AuthenticationException {
    Objects.requireNonNull(tag, "tag");
    byte[] expected = compute(authKey, parts);
    if (!MessageDigest.isEqual(expected, tag)) {
      throw new AuthenticationException("MAC mismatch (" + rfcName + ")");
    }
  }
}
