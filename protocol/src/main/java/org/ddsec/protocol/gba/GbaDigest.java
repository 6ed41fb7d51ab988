package org.ddsec.protocol.gba;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.NafId;

/**
 * GBA-based HTTP Digest on Ua: "shared key-based UE authentication with certificate-based NAF
 * authentication" (TS 33.222 §5.3; protocol details TS 24.109 §5.3.2 and §5.2): inside a
 * server-authenticated TLS tunnel the UE answers the NAF's Digest challenge (RFC 2617 / RFC 7616,
 * MD5, qop {@code auth-int} or {@code auth}) with
 *
 * <ul>
 *   <li>realm = {@code 3GPP-bootstrapping@<NAF FQDN>} (the prefix tells the UE to use GBA),
 *   <li>username = the B-TID,
 *   <li>password = base64 of Ks_NAF (GBA_ME, TS 33.220 §4.5.2),
 * </ul>
 *
 * where Ks_NAF is derived for NAF_Id = FQDN || Ua security protocol identifier {@code
 * (0x01, 0x00, 0x01, yy, zz)} with yy, zz the TLS cipher suite of the tunnel (TS 33.220 Annex
 * H.3) — so both ends must use the suite the connection negotiated. The UE signals GBA support
 * with the product token {@value #USER_AGENT_TOKEN} in User-Agent.
 */
public final class GbaDigest {

  /** TS 24.109 §5.2.2: the realm prefix of GBA-based Digest. */
  public static final String REALM_PREFIX = "3GPP-bootstrapping@";
  /** TS 24.109 §5.2.2: the User-Agent product token of a GBA-capable UE. */
  public static final String USER_AGENT_TOKEN = "3gpp-gba";
  /** RFC 2617 §3.2.1: the only algorithm this profile uses. */
  public static final String ALGORITHM = "MD5";

  /** TLS cipher suite code points (IANA TLS Cipher Suites registry) of the suites our JDKs negotiate. */
  private static final Map<String, Integer> SUITES = new LinkedHashMap<>();

  static {
    SUITES.put("TLS_AES_128_GCM_SHA256", 0x1301); // RFC 8446 B.4
    SUITES.put("TLS_AES_256_GCM_SHA384", 0x1302);
    SUITES.put("TLS_CHACHA20_POLY1305_SHA256", 0x1303);
    SUITES.put("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", 0xC02B); // RFC 5289
    SUITES.put("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", 0xC02C);
    SUITES.put("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", 0xC02F);
    SUITES.put("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", 0xC030);
    SUITES.put("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA8); // RFC 7905
    SUITES.put("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", 0xCCA9);
  }

  private GbaDigest() {}

  public static String realm(String nafFqdn) {
    return REALM_PREFIX + nafFqdn;
  }

  /**
   * The TLS cipher suite code of {@code standardName}.
   *
   * @throws IllegalArgumentException for a suite not in the table
   */
  public static int cipherSuiteCode(String standardName) {
    Integer c = SUITES.get(standardName);
    if (c == null) {
      throw new IllegalArgumentException("TLS cipher suite: " + standardName + " (expected one of: " + String.join(", ", SUITES.keySet()) + ")");
    }
    return c;
  }

  /** TS 33.220 Annex H.3: (0x01, 0x00, 0x01, yy, zz) for the TLS cipher suite yy zz. */
  public static byte[] uaProtocolId(int cipherSuite) {
    if (cipherSuite < 0 || cipherSuite > 0xFFFF) {
      throw new IllegalArgumentException("cipher suite: " + cipherSuite + " (expected: 16 bits)");
    }
    return new byte[] {0x01, 0x00, 0x01, (byte) (cipherSuite >> 8), (byte) cipherSuite};
  }

  /** The NAF_Id of {@code nafFqdn} on a TLS connection with cipher suite {@code standardName}. */
  public static NafId nafId(String nafFqdn, String cipherSuiteStandardName) {
    return new NafId(nafFqdn, uaProtocolId(cipherSuiteCode(cipherSuiteStandardName)));
  }

  /** The Digest password: base64 of Ks_NAF, as ASCII octets (wipe after use). */
  public static byte[] password(SecretBytes ksNaf) {
    byte[] k = ksNaf.unsafeBytes();
    try {
      return Base64.getEncoder().encode(k);
    } finally {
      SecretBytes.wipe(k);
    }
  }

  /**
   * The UE's Authorization header answering {@code challenge} (a WWW-Authenticate value) for one
   * request.
   *
   * @param nc the nonce count of this request with this nonce (1, 2, …)
   * @throws DigestException if the challenge is malformed, not GBA-based, or offers neither qop
   */
  public static String authorization(String challenge, String bTid, SecretBytes ksNaf, String method, String uri, Bytes body,
      String cnonce, long nc) throws DigestException {
    DigestParams c = DigestParams.parse(challenge);
    String realm = c.require("realm");
    if (!realm.startsWith(REALM_PREFIX)) {
      throw new DigestException("realm: " + DigestParams.printable(realm) + " (expected: " + REALM_PREFIX + "<NAF FQDN>, GBA-based)");
    }
    if (!c.get("algorithm").orElse(ALGORITHM).equalsIgnoreCase(ALGORITHM)) {
      throw new DigestException("algorithm: " + DigestParams.printable(c.get("algorithm").get()) + " (expected: MD5)");
    }
    String qop = qopOf(c.get("qop").orElse(""));
    String nonce = c.require("nonce");
    String ncHex = String.format("%08x", nc);
    byte[] pw = password(ksNaf);
    String response;
    try {
      response = DigestAka.requestDigest(pw, bTid, realm, method, uri, nonce, ncHex, cnonce, qop, body);
    } finally {
      SecretBytes.wipe(pw);
    }
    Map<String, String> d = new LinkedHashMap<>();
    d.put("username", bTid);
    d.put("realm", realm);
    d.put("nonce", nonce);
    d.put("uri", uri);
    d.put("algorithm", ALGORITHM);
    d.put("qop", qop);
    d.put("nc", ncHex);
    d.put("cnonce", cnonce);
    d.put("response", response);
    c.get("opaque").ifPresent(o -> d.put("opaque", o));
    return DigestParams.format(d, Set.of("qop", "nc", "algorithm"));
  }

  /** auth-int if offered (integrity of the body, TS 24.109 §5.2.6), else auth. */
  private static String qopOf(String offered) throws DigestException {
    boolean authInt = false;
    boolean auth = false;
    for (String q : offered.split(",")) {
      authInt |= q.strip().equals(DigestAka.QOP_AUTH_INT);
      auth |= q.strip().equals(DigestAka.QOP_AUTH);
    }
    if (!authInt && !auth) {
      throw new DigestException("qop: " + DigestParams.printable(offered) + " (expected: auth-int or auth)");
    }
    return authInt ? DigestAka.QOP_AUTH_INT : DigestAka.QOP_AUTH;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
