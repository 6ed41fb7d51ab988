package org.ddsec.media.srtp.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.srtp.AesCounterMode;
import org.ddsec.crypto.srtp.SrtpSessionKeys;

/**
 * AES-CM encryption (RFC 3711 §4.1.1) with HMAC-SHA1 authentication (RFC 3711 §4.2.1), with the
 * JCE's {@code AES/CTR/NoPadding} and {@code HmacSHA1}.
 *
 * <ul>
 *   <li>SRTP: IV = (k_s · 2^16) ⊕ (SSRC · 2^64) ⊕ (i · 2^16); the tag is the leftmost {@code
 *       tagBytes} of HMAC(k_a, header || encrypted payload || ROC) (RFC 3711 §4.2, "M || ROC").
 *   <li>SRTCP: the same IV with the SRTCP index; the tag covers header || encrypted part || E ||
 *       SRTCP index (RFC 3711 §3.4).
 * </ul>
 */
public final class AesCmHmacSha1Transform implements PacketTransform {

  private static final int RTCP_HEADER = 8;

  private final SecretBytes salt;
  private final SecretKeySpec encKey;
  private final Cipher ctr;
  private final Mac hmac;
  private final int tagBytes;
  private final byte[] mac = new byte[20];

  /**
   * @param keys session keys: a 16/24/32-byte encryption key, 20-byte auth key, 14-byte salt
   *     (copied; the caller keeps them)
   * @param tagBytes the tag length, 4 or 10 (1..20 accepted)
   */
  public AesCmHmacSha1Transform(SrtpSessionKeys keys, int tagBytes) {
    if (tagBytes < 1 || tagBytes > 20) {
      throw new IllegalArgumentException("HMAC-SHA1 tag: " + tagBytes + " bytes (expected: 1..20)");
    }
    if (keys.saltKey().length() != 14) {
      throw new IllegalArgumentException("AES-CM session salt: " + keys.saltKey().length() + " bytes (expected: 14)");
    }
    this.tagBytes = tagBytes;
    this.salt = keys.saltKey().slice(0, 14);
    byte[] ke = keys.encrKey().unsafeBytes();
    byte[] ka = keys.authKey().unsafeBytes();
    try {
      this.encKey = new SecretKeySpec(ke, "AES");
      this.ctr = Cipher.getInstance("AES/CTR/NoPadding");
      this.hmac = Mac.getInstance("HmacSHA1");
      hmac.init(new SecretKeySpec(ka, "HmacSHA1"));
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/CTR/NoPadding and HmacSHA1 are mandatory in the JCE", e);
    } finally {
      SecretBytes.wipe(ke);
      SecretBytes.wipe(ka);
    }
  }

  @Override
  public byte[] protectRtp(byte[] rtp, int headerLength, long ssrc, long index) {
    int len = rtp.length;
    byte[] out = new byte[len + tagBytes];
    System.arraycopy(rtp, 0, out, 0, headerLength);
    crypt(rtp, headerLength, len - headerLength, out, headerLength, ssrc, index);
    tag(out, len, index >>> 16);
    System.arraycopy(mac, 0, out, len, tagBytes);
    return out;
  }

  @Override
  public byte[] unprotectRtp(byte[] srtp, int headerLength, long ssrc, long index) {
    int authLen = srtp.length - tagBytes;
    tag(srtp, authLen, index >>> 16);
    if (!tagMatches(srtp, authLen)) {
      return null;
    }
    byte[] out = new byte[authLen];
    System.arraycopy(srtp, 0, out, 0, headerLength);
    crypt(srtp, headerLength, authLen - headerLength, out, headerLength, ssrc, index);
    return out;
  }

  @Override
  public byte[] protectRtcp(byte[] rtcp, long ssrc, long srtcpIndex, boolean encrypt) {
    int len = rtcp.length;
    byte[] out = new byte[len + 4 + tagBytes];
    System.arraycopy(rtcp, 0, out, 0, RTCP_HEADER);
    if (encrypt) {
      crypt(rtcp, RTCP_HEADER, len - RTCP_HEADER, out, RTCP_HEADER, ssrc, srtcpIndex);
    } else {
      System.arraycopy(rtcp, RTCP_HEADER, out, RTCP_HEADER, len - RTCP_HEADER);
    }
    putEsrtcp(out, len, encrypt, srtcpIndex);
    hmac.update(out, 0, len + 4);
    doFinal();
    System.arraycopy(mac, 0, out, len + 4, tagBytes);
    return out;
  }

  @Override
  public byte[] unprotectRtcp(byte[] srtcp, long ssrc, long srtcpIndex, boolean encrypted) {
    int authLen = srtcp.length - tagBytes;
    hmac.update(srtcp, 0, authLen);
    doFinal();
    if (!tagMatches(srtcp, authLen)) {
      return null;
    }
    int len = authLen - 4;
    byte[] out = new byte[len];
    System.arraycopy(srtcp, 0, out, 0, RTCP_HEADER);
    if (encrypted) {
      crypt(srtcp, RTCP_HEADER, len - RTCP_HEADER, out, RTCP_HEADER, ssrc, srtcpIndex);
    } else {
      System.arraycopy(srtcp, RTCP_HEADER, out, RTCP_HEADER, len - RTCP_HEADER);
    }
    return out;
  }

  static void putEsrtcp(byte[] b, int at, boolean e, long srtcpIndex) {
    b[at] = (byte) ((e ? 0x80 : 0) | (srtcpIndex >>> 24) & 0x7F);
    b[at + 1] = (byte) (srtcpIndex >>> 16);
    b[at + 2] = (byte) (srtcpIndex >>> 8);
    b[at + 3] = (byte) srtcpIndex;
  }

  /** HMAC over {@code b[0, len)} || ROC into {@link #mac}. */
  private void tag(byte[] b, int len, long roc) {
    hmac.update(b, 0, len);
    hmac.update((byte) (roc >>> 24));
    hmac.update((byte) (roc >>> 16));
    hmac.update((byte) (roc >>> 8));
    hmac.update((byte) roc);
    doFinal();
  }

  private void doFinal() {
    try {
      hmac.doFinal(mac, 0);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("a 20-byte buffer holds an HMAC-SHA1", e);
    }
  }

  private boolean tagMatches(byte[] b, int at) {
    byte[] received = new byte[tagBytes];
    System.arraycopy(b, at, received, 0, tagBytes);
    byte[] computed = new byte[tagBytes];
    System.arraycopy(mac, 0, computed, 0, tagBytes);
    return MessageDigest.isEqual(received, computed);
  }

  private void crypt(byte[] in, int inOff, int len, byte[] out, int outOff, long ssrc, long index) {
    try {
      ctr.init(Cipher.ENCRYPT_MODE, encKey, new IvParameterSpec(AesCounterMode.srtpIv(salt, ssrc, index)));
      ctr.doFinal(in, inOff, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/CTR/NoPadding does not fail with a valid key and IV", e);
    }
  }

  @Override
  public void close() {
    salt.close();
    java.util.Arrays.fill(mac, (byte) 0);
  }
}
