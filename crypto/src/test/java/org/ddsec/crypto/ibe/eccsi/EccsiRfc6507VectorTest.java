package org.ddsec.crypto.ibe.eccsi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Locale;
import org.bouncycastle.math.ec.ECPoint;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.Identity;
import org.ddsec.crypto.ibe.KeyPeriod;
import org.ddsec.testkit.Hex;
import org.junit.jupiter.api.Test;

/** Every value of RFC 6507 Appendix A (NIST P-256, SHA-256), in the order the appendix prints them. */
class EccsiRfc6507VectorTest {

  private static final EccsiParameters PARAMS = EccsiParameters.p256();

  // Appendix A, "Global parameters" / "Community parameters"
  static final String P = "FFFFFFFF 00000001 00000000 00000000 00000000 FFFFFFFF FFFFFFFF FFFFFFFF";
  static final String Q = "FFFFFFFF 00000000 FFFFFFFF FFFFFFFF BCE6FAAD A7179E84 F3B9CAC2 FC632551";
  static final String G = """
      04
      6B17D1F2 E12C4247 F8BCE6E5 63A440F2
      77037D81 2DEB33A0 F4A13945 D898C296
      4FE342E2 FE1A7F9B 8EE7EB4A 7C0F9E16
      2BCE3357 6B315ECE CBB64068 37BF51F5""";
  static final String KSAK = "12345";
  static final String KPAK = """
      04
      50D4670B DE75244F 28D2838A 0D25558A
      7A72686D 4522D4C8 273FB644 2AEBFA93
      DBDD3755 1AFD263B 5DFD617F 3960C65A
      8C298850 FF99F203 66DCE7D4 367217F4""";
  // "Signer ID"
  static final String ID = "3230 31312D30 32007465 6C3A2B34 34373730 30393030 31323300";
  static final Identity IDENTITY = Identity.tel(KeyPeriod.of(2011, 2), "+447700900123");
  // "Creating SSK and PVT"
  static final String V = "23456";
  static final String PVT = """
      04
      758A1427 79BE89E8 29E71984 CB40EF75
      8CC4AD77 5FC5B9A3 E1C8ED52 F6FA36D9
      A79D2476 92F4EDA3 A6BDAB77 D6AA6474
      A464AE49 34663C52 65BA7018 BA091F79""";
  static final String HS = "490F3FEB BC1C902F 6289723D 7F8CBF79 DB889308 49D19F38 F0295B5C 276C14D1";
  static final String SSK = "23F374AE 1F4033F3 E9DBDDAA EF20F4CF 0B86BBD5 A138A5AE 9E7E006B 34489A0D";
  // "Creating a Signature"
  static final String M = "6D657373 61676500"; // "message\0"
  static final String J_SCALAR = "34567";
  static final String J = """
      04
      269D4C8F DEB66A74 E4EF8C0D 5DCC597D
      DFE6029C 2AFFC493 6008CD2C C1045D81
      6DDA6A13 10F4B067 BD5DABDA D741B7CE
      F36457E1 96B1BFA9 7FD5F8FB B3926ADB""";
  static final String R = "269D4C8F DEB66A74 E4EF8C0D 5DCC597D DFE6029C 2AFFC493 6008CD2C C1045D81";
  static final String HE = "111F90EA E8271C96 DF9B3D67 26768D9E E9B18145 D7EC152C FA9C23D1 C4F02285";
  static final String S_PRIME = "E09B528D 0EF8D6DF 1AA3ECBF 80110CFC EC9FC682 52CEBB67 9F413484 6940CCFD";
  static final String S = S_PRIME;
  static final String SIG = """
      269D4C8F DEB66A74 E4EF8C0D 5DCC597D
      DFE6029C 2AFFC493 6008CD2C C1045D81
      E09B528D 0EF8D6DF 1AA3ECBF 80110CFC
      EC9FC682 52CEBB67 9F413484 6940CCFD
      04
      758A1427 79BE89E8 29E71984 CB40EF75
      8CC4AD77 5FC5B9A3 E1C8ED52 F6FA36D9
      A79D2476 92F4EDA3 A6BDAB77 D6AA6474
      A464AE49 34663C52 65BA7018 BA091F79""";
  // "Verifying a Signature"
  static final String Y = """
      04
      833898D9 39C0013B B0502728 6F95CCE0
      37C11BD2 5799423C 76E48362 A4959978
      95D0473A 1CD6186E E9F0C104 B472499E
      1A24D6CE 3D85173F 02EBBD94 5C25F604""";
  static final String JX = R;

  static String c(String hex) {
    return hex.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }

  static BigInteger i(String hex) {
    return new BigInteger(c(hex), 16);
  }

  static EccsiKms kms() {
    return EccsiKms.fromKsak(PARAMS, SecretBytes.fromHex("0" + KSAK));
  }

  static EccsiSigningKey signingKey() throws Exception {
    try (EccsiKms kms = kms()) {
      return EccsiSigningKey.validate(kms.kpak(), IDENTITY, SecretBytes.fromHex(c(SSK)), Bytes.fromHex(c(PVT)));
    }
  }

  @Test
  void parameters_p256_matchAppendixA() {
    assertThat(PARAMS.p()).isEqualTo(i(P));
    assertThat(PARAMS.q()).isEqualTo(i(Q));
    assertThat(Hex.encode(PARAMS.encode(PARAMS.g()))).isEqualTo(c(G));
    assertThat(PARAMS.n()).isEqualTo(32);
  }

  @Test
  void kms_ksak12345_givesKpak() {
    try (EccsiKms kms = kms()) {
      assertThat(kms.kpak().encoded().hex()).isEqualTo(c(KPAK));
    }
  }

  @Test
  void identity_rfcTelUri_isId() {
    assertThat(IDENTITY.bytes().hex()).isEqualTo(c(ID));
  }

  @Test
  void issueWith_v23456_givesPvtHsAndSsk() {
    try (EccsiKms kms = kms()) {
      // RFC 6507 §5.1.1 steps 2-4
      EccsiKeyMaterial m = kms.issueWith(IDENTITY, i(V)).orElseThrow();
      assertThat(m.pvt().hex()).isEqualTo(c(PVT));
      ECPoint pvt = PARAMS.g().multiply(i(V)).normalize();
      assertThat(Hex.encode(Eccsi.hs(PARAMS, kms.kpak().point(), IDENTITY, pvt))).isEqualTo(c(HS));
      assertThat(m.ssk().unsafeHex()).isEqualTo(c(SSK));
    }
  }

  @Test
  void validate_rfcSskAndPvt_storesHs() throws Exception {
    // RFC 6507 §5.1.2: HS is stored with the SSK
    try (EccsiSigningKey key = signingKey()) {
      assertThat(key.hs().hex()).isEqualTo(c(HS));
      assertThat(key.pvt().hex()).isEqualTo(c(PVT));
    }
  }

  @Test
  void signWith_j34567_everyIntermediate() throws Exception {
    try (EccsiSigningKey key = signingKey()) {
      // step 2: J = [j]G, r = Jx
      ECPoint bigJ = PARAMS.g().multiply(i(J_SCALAR)).normalize();
      assertThat(Hex.encode(PARAMS.encode(bigJ))).isEqualTo(c(J));
      assertThat(Hex.encode(PARAMS.integer(bigJ.getAffineXCoord().toBigInteger()))).isEqualTo(c(R));
      // step 3: HE = hash( HS || r || M )
      assertThat(Hex.encode(Eccsi.he(Hex.decode(c(HS)), Hex.decode(c(R)), Bytes.fromHex(c(M))))).isEqualTo(c(HE));
      // step 5: s' = ( (( HE + r * SSK )^-1) * j ) modulo q; step 6: s = s' (it fits in N octets)
      BigInteger q = PARAMS.q();
      BigInteger sPrime = i(HE).add(i(R).multiply(i(SSK))).modInverse(q).multiply(i(J_SCALAR)).mod(q);
      assertThat(sPrime).isEqualTo(i(S_PRIME));
      // step 7: Signature = r || s || PVT
      EccsiSignature sig = Eccsi.signWith(key, Bytes.fromHex(c(M)), i(J_SCALAR)).orElseThrow();
      assertThat(sig.r().hex()).isEqualTo(c(R));
      assertThat(sig.s().hex()).isEqualTo(c(S));
      assertThat(sig.pvt().hex()).isEqualTo(c(PVT));
      assertThat(sig.encoded().hex()).isEqualTo(c(SIG));
    }
  }

  @Test
  void verify_rfcSignature_everyIntermediate() throws Exception {
    try (EccsiKms kms = kms()) {
      EccsiSignature sig = EccsiSignature.parse(PARAMS, Bytes.fromHex(c(SIG)));
      // step 2: HS; step 3: HE
      byte[] hs = Eccsi.hs(PARAMS, kms.kpak().point(), IDENTITY, sig.pvtPoint());
      assertThat(Hex.encode(hs)).isEqualTo(c(HS));
      byte[] he = Eccsi.he(hs, Hex.decode(c(R)), Bytes.fromHex(c(M)));
      assertThat(Hex.encode(he)).isEqualTo(c(HE));
      // step 4: Y = [HS]PVT + KPAK
      ECPoint y = Eccsi.y(PARAMS, hs, sig.pvtPoint(), kms.kpak().point());
      assertThat(Hex.encode(PARAMS.encode(y))).isEqualTo(c(Y));
      // step 5: J = [s]( [HE]G + [r]Y )
      ECPoint j = Eccsi.j(PARAMS, i(S), new BigInteger(1, he).mod(PARAMS.q()), i(R), y);
      assertThat(Hex.encode(PARAMS.encode(j))).isEqualTo(c(J));
      // step 6: Jx = r modulo p
      assertThat(j.getAffineXCoord().toBigInteger()).isEqualTo(i(JX));
      Eccsi.verify(kms.kpak(), IDENTITY, Bytes.fromHex(c(M)), Bytes.fromHex(c(SIG)));
    }
  }
}
