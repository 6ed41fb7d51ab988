package org.ddsec.media.srtp.internal;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.srtp.SrtpSessionKeys;

/**
 * AEAD_AES_128_GCM / AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714) with the JCE's {@code
 * AES/GCM/NoPadding} and a 16-octet tag (RFC 7714 §10).
 *
 * <ul>
 *   <li>IV = salt ⊕ (00 00 || SSRC || ROC || SEQ) for SRTP (§8.1), salt ⊕ (00 00 || SSRC || 00 00
 *       || 0 || SRTCP index) for SRTCP (§9.1): both are salt ⊕ (00 00 || SSRC || i as 48 bits).
 *   <li>SRTP: the header is the associated data, the payload (with any RTP padding) the
 *       plaintext (§8.2).
 *   <li>SRTCP with E = 1: AAD = first 8 octets || E || SRTCP index, the rest is encrypted; with E
 *       = 0 the whole packet and the ESRTCP word are AAD (§9.2, §9.3, §17).
 * </ul>
 */
public final class AesGcmTransform implements PacketTransform {

  /** The AEAD tag: 16 octets (RFC 7714 §10). */
  public static final int TAG_BYTES = 16;

  private static final int RTCP_HEADER = 8;

  private final byte[] salt;
  private final SecretKeySpec key;
  private final Cipher gcm;

  /**
   * @param keys session keys: a 16- or 32-byte encryption key and a 12-byte salt; the auth key
   *     is unused (copied; the caller keeps them)
   */
  public AesGcmTransform(SrtpSessionKeys keys) {
    if (keys.saltKey().length() != 12) {
      throw new IllegalArgumentException("AES-GCM session salt: " + keys.saltKey().length() + " bytes (expected: 12)");
    }
    int n = keys.encrKey().length();
    if (n != 16 && n != 32) {
      throw new IllegalArgumentException("AES-GCM session key: " + n + " bytes (expected: 16 or 32)");
    }
    this.salt = keys.saltKey().unsafeBytes();
    byte[] k = keys.encrKey().unsafeBytes();
    try {
      this.key = new SecretKeySpec(k, "AES");
      this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES/GCM/NoPadding is mandatory in the JCE", e);
    } finally {
      SecretBytes.wipe(k);
    }
  }

  /** The 12-octet IV of RFC 7714 §8.1 / §9.1 for an SRTP index or an SRTCP index. */
  public byte[] iv(long ssrc, long index) {
    byte[] iv = salt.clone();
    for (int i = 0; i < 4; i++) {
      iv[2 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
    }
    for (int i = 0; i < 6; i++) {
      iv[6 + i] ^= (byte) (index >>> (40 - 8 * i));
    }
    return iv;
  }

  @Override
  public byte[] protectRtp(byte[] rtp, int headerLength, long ssrc, long index) {
    byte[] out = new byte[rtp.length + TAG_BYTES];
    System.arraycopy(rtp, 0, out, 0, headerLength);
    try {
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv(ssrc, index)));
      gcm.updateAAD(rtp, 0, headerLength);
      gcm.doFinal(rtp, headerLength, rtp.length - headerLength, out, headerLength);
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES-GCM encryption failed (an IV repeated?)", e);
    }
    return out;
  }

  @Override
  public byte[] unprotectRtp(byte[] srtp, int headerLength, long ssrc, long index) {
    byte[] out = new byte[srtp.length - TAG_BYTES];
    System.arraycopy(srtp, 0, out, 0, headerLength);
    try {
      gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv(ssrc, index)));
      gcm.updateAAD(srtp, 0, headerLength);
      gcm.doFinal(srtp, headerLength, srtp.length - headerLength, out, headerLength);
      return out;
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES-GCM decryption failed for a reason other than the tag", e);
    }
  }

  @Override
  public byte[] protectRtcp(byte[] rtcp, long ssrc, long srtcpIndex, boolean encrypt) {
    int len = rtcp.length;
    byte[] esrtcp = new byte[4];
    AesCmHmacSha1Transform.putEsrtcp(esrtcp, 0, encrypt, srtcpIndex);
    byte[] out = new byte[len + TAG_BYTES + 4];
    try {
      gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv(ssrc, srtcpIndex)));
      if (encrypt) {
        System.arraycopy(rtcp, 0, out, 0, RTCP_HEADER);
        gcm.updateAAD(rtcp, 0, RTCP_HEADER);
        gcm.updateAAD(esrtcp);
        gcm.doFinal(rtcp, RTCP_HEADER, len - RTCP_HEADER, out, RTCP_HEADER);
      } else {
        System.arraycopy(rtcp, 0, out, 0, len);
        gcm.updateAAD(rtcp, 0, len);
        gcm.updateAAD(esrtcp);
        gcm.doFinal(rtcp, 0, 0, out, len);
      }
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES-GCM encryption failed (an IV repeated?)", e);
    }
    System.arraycopy(esrtcp, 0, out, len + TAG_BYTES, 4);
    return out;
  }

  @Override
  public byte[] unprotectRtcp(byte[] srtcp, long ssrc, long srtcpIndex, boolean encrypted) {
    int end = srtcp.length - 4; // the ESRTCP word follows the cipher
    int len = end - TAG_BYTES;
    byte[] out = new byte[len];
    try {
      gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv(ssrc, srtcpIndex)));
      if (encrypted) {
        System.arraycopy(srtcp, 0, out, 0, RTCP_HEADER);
        gcm.updateAAD(srtcp, 0, RTCP_HEADER);
        gcm.updateAAD(srtcp, end, 4);
        gcm.doFinal(srtcp, RTCP_HEADER, end - RTCP_HEADER, out, RTCP_HEADER);
      } else {
        gcm.updateAAD(srtcp, 0, len);
        gcm.updateAAD(srtcp, end, 4);
        gcm.doFinal(srtcp, len, TAG_BYTES, new byte[0], 0);
        System.arraycopy(srtcp, 0, out, 0, len);
      }
      return out;
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new AssertionError("AES-GCM decryption failed for a reason other than the tag", e);
    }
  }

  @Override
  public void close() {
    SecretBytes.wipe(salt);
  }
}
