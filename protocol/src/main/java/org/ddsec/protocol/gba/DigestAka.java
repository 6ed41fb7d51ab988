package org.ddsec.protocol.gba;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.ddsec.core.Bytes;

/**
 * The digest computations of HTTP Digest AKA, RFC 3310 with AKAv1-MD5 over RFC 2617 §3.2.2:
 *
 * <pre>
 * A1       = username ":" realm ":" password          (password = RES, the raw octets; RFC 3310 §3.3;
 *                                                       "" when AUTS is sent, §3.4)
 * A2       = method ":" digest-uri                      (qop=auth)
 *          = method ":" digest-uri ":" H(entity-body)   (qop=auth-int)
 * response = KD(H(A1), nonce ":" nc ":" cnonce ":" qop ":" H(A2)),  H = MD5, KD(s, d) = H(s ":" d)
 * </pre>
 *
 * and {@code rspauth} of Authentication-Info (RFC 2617 §3.2.3), the same with an empty method
 * and, for auth-int, the hash of the response body; the server's password is XRES (RFC 3310
 * §3.5). Hex is lowercase.
 */
public final class DigestAka {

  /** RFC 3310 §3.1: the algorithm directive of AKA version 1 with MD5. */
  public static final String ALGORITHM = "AKAv1-MD5";

  /** RFC 2617 §3.2.1: integrity protection of the entity body (what TS 24.109 uses on Ub). */
  public static final String QOP_AUTH_INT = "auth-int";

  /** RFC 2617 §3.2.1: authentication only. */
  public static final String QOP_AUTH = "auth";

  private DigestAka() {}

  /**
   * The request digest of RFC 2617 §3.2.2.1 (qop = auth or auth-int). {@code entityBody} is used
   * only for auth-int.
   */
  public static String requestDigest(byte[] password, String username, String realm, String method, String uri,
      String nonce, String nc, String cnonce, String qop, Bytes entityBody) {
    return digest(password, username, realm, method, uri, nonce, nc, cnonce, qop, entityBody);
  }

  /** {@code rspauth} of RFC 2617 §3.2.3: as the request digest with an empty method. */
  public static String responseAuth(byte[] password, String username, String realm, String uri,
      String nonce, String nc, String cnonce, String qop, Bytes responseBody) {
    return digest(password, username, realm, "", uri, nonce, nc, cnonce, qop, responseBody);
  }

  /** Lowercase hex MD5 of {@code body}: H(entity-body). */
  public static String bodyHash(Bytes body) {
    MessageDigest md = md5();
    return hex(md.digest(body.toByteArray()));
  }

  private static String digest(byte[] password, String username, String realm, String method, String uri,
      String nonce, String nc, String cnonce, String qop, Bytes body) {
    MessageDigest md = md5();
    md.update(ascii(username + ":" + realm + ":"));
    md.update(password);
    String ha1 = hex(md.digest());
    String a2;
    if (QOP_AUTH_INT.equals(qop)) {
      a2 = method + ":" + uri + ":" + bodyHash(body);
    } else if (QOP_AUTH.equals(qop)) {
      a2 = method + ":" + uri;
    } else {
      throw new IllegalArgumentException("qop: " + qop + " (expected: auth or auth-int)");
    }
    String ha2 = hex(md.digest(ascii(a2)));
    return hex(md.digest(ascii(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2)));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("MD5 is always available", e);
    }
  }

  static String hex(byte[] b) {
    return Bytes.of(b).hex();
  }
}
