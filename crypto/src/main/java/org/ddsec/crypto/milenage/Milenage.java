package org.ddsec.crypto.milenage;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;

/**
 * The MILENAGE algorithm set, 3GPP TS 35.206 §4.1: the authentication and key generation
 * functions f1, f1*, f2, f3, f4, f5 and f5* built on AES-128 (the kernel function E_K) and the
 * operator variant OPc.
 *
 * <pre>
 * OPc  = OP ⊕ E_K(OP)
 * TEMP = E_K(RAND ⊕ OPc)
 * OUT1 = E_K(TEMP ⊕ rot(IN1 ⊕ OPc, r1) ⊕ c1) ⊕ OPc,  IN1 = SQN || AMF || SQN || AMF
 * OUTi = E_K(rot(TEMP ⊕ OPc, ri) ⊕ ci) ⊕ OPc,        i = 2..5
 * f1 = OUT1[0..63], f1* = OUT1[64..127], f5 = OUT2[0..47], f2 = OUT2[64..127],
 * f3 = OUT3, f4 = OUT4, f5* = OUT5[0..47]
 * </pre>
 *
 * with r1 = 64, r2 = 0, r3 = 32, r4 = 64, r5 = 96 bits (rotation towards the most significant
 * bit) and c1..c5 the 128-bit constants 0, 1, 2, 4, 8. An instance holds K and OPc; close it to
 * wipe them.
 */
public final class Milenage implements AutoCloseable {

  /** TS 35.206 §4.1: rotation amounts r1..r5 in bits. */
  static final int[] R = {64, 0, 32, 64, 96};
  /** TS 35.206 §4.1: the last byte of the constants c1..c5 (all other bytes are zero). */
  static final int[] C = {0, 1, 2, 4, 8};

  private final Cipher ek;
  private final byte[] opc;

  private Milenage(SecretBytes k, byte[] opcOwned) {
    if (k.length() != 16 || opcOwned.length != 16) {
      throw new IllegalArgumentException("K and OPc: " + k.length() + "/" + opcOwned.length + " bytes (expected: 16)");
    }
    byte[] kb = k.unsafeBytes();
    try {
      this.ek = Cipher.getInstance("AES/ECB/NoPadding");
      ek.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kb, "AES"));
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/ECB is always available", e);
    } finally {
      SecretBytes.wipe(kb);
    }
    this.opc = opcOwned;
  }

  /** Milenage for subscriber key {@code k} and operator variant {@code opc} (both 128 bits). */
  public static Milenage withOpc(SecretBytes k, SecretBytes opc) {
    return new Milenage(k, opc.unsafeBytes());
  }

  /** Milenage for {@code k} and the operator field {@code op}, from which OPc is computed. */
  public static Milenage withOp(SecretBytes k, SecretBytes op) {
    try (SecretBytes opc = computeOpc(k, op)) {
      return withOpc(k, opc);
    }
  }

  /** OPc = OP ⊕ E_K(OP) (TS 35.206 §4.1). */
  public static SecretBytes computeOpc(SecretBytes k, SecretBytes op) {
    if (k.length() != 16 || op.length() != 16) {
      throw new IllegalArgumentException("K and OP: " + k.length() + "/" + op.length() + " bytes (expected: 16)");
    }
    byte[] kb = k.unsafeBytes();
    byte[] ob = op.unsafeBytes();
    try {
      Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kb, "AES"));
      byte[] out = c.doFinal(ob);
      xorInto(out, ob);
      return SecretBytes.wrap(out);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/ECB is always available", e);
    } finally {
      SecretBytes.wipe(kb);
      SecretBytes.wipe(ob);
    }
  }

  /** OPc, for provisioning records. */
  public SecretBytes opc() {
    return SecretBytes.copyOf(opc);
  }

  /** f1 and f1*: the network and re-synchronisation authentication codes. */
  public record F1(Bytes macA, Bytes macS) {}

  /** f2..f5 of one RAND: RES, CK, IK and the anonymity key AK. */
  public record F2345(Bytes res, SecretBytes ck, SecretBytes ik, SecretBytes ak) implements AutoCloseable {
    @Override
    public void close() {
      ck.close();
      ik.close();
      ak.close();
    }
  }

  /** f1 (MAC-A) and f1* (MAC-S) for RAND (16 bytes), SQN (6) and AMF (2). */
  public F1 f1(byte[] rand, byte[] sqn, byte[] amf) {
    check(rand, 16, "RAND");
    check(sqn, 6, "SQN");
    check(amf, 2, "AMF");
    byte[] temp = temp(rand);
    byte[] in1 = new byte[16];
    System.arraycopy(sqn, 0, in1, 0, 6);
    System.arraycopy(amf, 0, in1, 6, 2);
    System.arraycopy(sqn, 0, in1, 8, 6);
    System.arraycopy(amf, 0, in1, 14, 2);
    xorInto(in1, opc);
    byte[] x = rotate(in1, R[0]);
    xorInto(x, temp);
    x[15] ^= (byte) C[0];
    byte[] out1 = encrypt(x);
    xorInto(out1, opc);
    F1 f = new F1(Bytes.of(out1, 0, 8), Bytes.of(out1, 8, 8));
    wipeAll(temp, in1, x, out1);
    return f;
  }

  /** f2 (RES), f3 (CK), f4 (IK) and f5 (AK) for RAND. */
  public F2345 f2345(byte[] rand) {
    check(rand, 16, "RAND");
    byte[] temp = temp(rand);
    byte[] out2 = out(temp, 1);
    byte[] out3 = out(temp, 2);
    byte[] out4 = out(temp, 3);
    F2345 f = new F2345(Bytes.of(out2, 8, 8), SecretBytes.wrap(out3), SecretBytes.wrap(out4),
        SecretBytes.copyOf(out2, 0, 6));
    wipeAll(temp, out2);
    return f;
  }

  /** f5*: the anonymity key of re-synchronisation (AUTS). */
  public SecretBytes f5star(byte[] rand) {
    check(rand, 16, "RAND");
    byte[] temp = temp(rand);
    byte[] out5 = out(temp, 4);
    SecretBytes ak = SecretBytes.copyOf(out5, 0, 6);
    wipeAll(temp, out5);
    return ak;
  }

  private byte[] temp(byte[] rand) {
    byte[] x = rand.clone();
    xorInto(x, opc);
    byte[] t = encrypt(x);
    SecretBytes.wipe(x);
    return t;
  }

  /** OUT_(i+1) for index i = 1..4 (OUT2..OUT5). */
  private byte[] out(byte[] temp, int i) {
    byte[] x = temp.clone();
    xorInto(x, opc);
    byte[] r = rotate(x, R[i]);
    r[15] ^= (byte) C[i];
    byte[] o = encrypt(r);
    xorInto(o, opc);
    wipeAll(x, r);
    return o;
  }

  private byte[] encrypt(byte[] block) {
    try {
      return ek.doFinal(block);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/ECB on a 16-byte block cannot fail", e);
    }
  }

  /** Cyclic rotation of a 128-bit value by {@code bits} (a multiple of 8) towards the MSB. */
  static byte[] rotate(byte[] x, int bits) {
    int n = bits / 8;
    byte[] out = new byte[16];
    for (int i = 0; i < 16; i++) {
      out[i] = x[(i + n) % 16];
    }
    return out;
  }

  static void xorInto(byte[] a, byte[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] ^= b[i];
    }
  }

  private static void check(byte[] v, int len, String what) {
    Objects.requireNonNull(v, what);
    if (v.length != len) {
      throw new IllegalArgumentException(what + ": " + v.length + " bytes (expected: " + len + ")");
    }
  }

  private static void wipeAll(byte[]... arrays) {
    for (byte[] a : arrays) {
      Arrays.fill(a, (byte) 0);
    }
  }

  /**
   * Wipes OPc. The JCE keeps its own copy of K inside the cipher and key objects, which cannot be
   * wiped; dropping this instance releases them (best effort, see {@link SecretBytes}).
   */
  @Override
  public void close() {
    Arrays.fill(opc, (byte) 0);
  }

  @Override
  public String toString() {
    return "Milenage[K, OPc hidden]";
  }
}
