package org.ddsec.protocol.gba;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.ddsec.core.Bytes;
import org.ddsec.testkit.Hex;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the RFC 3310 / RFC 2617 digest computations.
 *
 * <p>Where the expected values come from:
 *
 * <ul>
 *   <li>{@code 6629fae4…} is the response printed in RFC 2617 §3.5 (qop=auth, GET
 *       /dir/index.html, password "Circle Of Life"). Digest AKA only changes where the password
 *       comes from (RES, RFC 3310 §3.3), so the same function with the password's bytes as RES
 *       must reproduce it.
 *   <li>The auth-int, empty-password (AUTS, RFC 3310 §3.4) and rspauth (RFC 2617 §3.2.3) values
 *       were computed independently with Python's hashlib, from RES = a54211d5e3ba50bf (TS 35.208
 *       test set 1):
 *       <pre>
 * import hashlib
 * H = lambda b: hashlib.md5(b).hexdigest()
 * res = bytes.fromhex("a54211d5e3ba50bf"); user = "alice@ims.example.org"; realm = "ims.example.org"
 * nonce = "I1U8vpY3qJ0hiuZNrke/NVVVVVVVVVVVVVVVVVVVVVU="
 * ha1 = H(user.encode() + b":" + realm.encode() + b":" + res)
 * ha2 = H(b"GET:/:" + H(b"").encode())
 * H(f"{ha1}:{nonce}:00000001:0a4f113b:auth-int:{ha2}".encode())   # 009569dc88f2eadc4eb02059657b9edc
 * ha1e = H(user.encode() + b":" + realm.encode() + b":")
 * H(f"{ha1e}:{nonce}:00000001:0a4f113b:auth-int:{ha2}".encode())  # d4bfb7a35fa7d9102f38093c9fbe087e
 * ha2r = H(b":/:" + H(b"&lt;x/&gt;").encode())
 * H(f"{ha1}:{nonce}:00000001:0a4f113b:auth-int:{ha2r}".encode())  # 5bf6b2e2ab6b9e0ad85be3dfb84b2874
 *       </pre>
 * </ul>
 */
class DigestAkaTest {

  private static final byte[] RES = Hex.decode("a54211d5e3ba50bf");
  private static final String USER = "alice@ims.example.org";
  private static final String REALM = "ims.example.org";
  private static final String NONCE = "I1U8vpY3qJ0hiuZNrke/NVVVVVVVVVVVVVVVVVVVVVU=";

  @Test
  void requestDigest_rfc2617Section35Example_matchesPrintedResponse() {
    byte[] password = "Circle Of Life".getBytes(StandardCharsets.US_ASCII);
    String r = DigestAka.requestDigest(password, "Mufasa", "testrealm@host.com", "GET", "/dir/index.html",
        "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", DigestAka.QOP_AUTH, Bytes.EMPTY);
    assertThat(r).isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void requestDigest_authIntWithRes_matchesHashlib() {
    String r = DigestAka.requestDigest(RES, USER, REALM, "GET", "/", NONCE, "00000001", "0a4f113b", DigestAka.QOP_AUTH_INT, Bytes.EMPTY);
    assertThat(r).isEqualTo("009569dc88f2eadc4eb02059657b9edc");
  }

  @Test
  void requestDigest_emptyPasswordForAuts_matchesHashlib() {
    String r = DigestAka.requestDigest(new byte[0], USER, REALM, "GET", "/", NONCE, "00000001", "0a4f113b", DigestAka.QOP_AUTH_INT, Bytes.EMPTY);
    assertThat(r).isEqualTo("d4bfb7a35fa7d9102f38093c9fbe087e");
  }

  @Test
  void responseAuth_authIntOverBody_matchesHashlib() {
    String r = DigestAka.responseAuth(RES, USER, REALM, "/", NONCE, "00000001", "0a4f113b", DigestAka.QOP_AUTH_INT, Bytes.utf8("<x/>"));
    assertThat(r).isEqualTo("5bf6b2e2ab6b9e0ad85be3dfb84b2874");
  }

  @Test
  void requestDigest_authIntBodyChanged_digestChanges() {
    String a = DigestAka.requestDigest(RES, USER, REALM, "GET", "/", NONCE, "00000001", "0a4f113b", DigestAka.QOP_AUTH_INT, Bytes.EMPTY);
    String b = DigestAka.requestDigest(RES, USER, REALM, "GET", "/", NONCE, "00000001", "0a4f113b", DigestAka.QOP_AUTH_INT, Bytes.utf8("x"));
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void requestDigest_unknownQop_refused() {
    assertThrows(IllegalArgumentException.class,
        () -> DigestAka.requestDigest(RES, USER, REALM, "GET", "/", NONCE, "00000001", "c", "auth-conf", Bytes.EMPTY));
  }
}
