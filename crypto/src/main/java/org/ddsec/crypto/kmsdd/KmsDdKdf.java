package org.ddsec.crypto.kmsdd;

import java.nio.charset.StandardCharsets;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.gba.Kdf;

/**
 * The key derivations of ddsec's KMS-DD profile ({@code docs/profile-kms-dd.md}, "Key
 * derivations"), all with the 3GPP TS 33.220 Annex B.2 KDF: {@code HMAC-SHA-256(key, FC || P0 ||
 * L0 || …)}, P0 a label naming the use.
 *
 * <p>The FC values 0xD0–0xD5 are private to ddsec: TS 33.220 Annex B.2.2 has each specification
 * allocate its own, and none we know of uses these. Each key has its own FC <em>and</em> label, so
 * no two derivations can collide. Every output is 32 bytes.
 *
 * <p>Where the seed (TR 33.828 §7.4.3.3) writes {@code K = KDF(Ra, ID-A)}, an unkeyed function
 * that anyone who learns Ra can evaluate and that binds neither recipient nor message, ddsec
 * derives K from a KMS secret and binds ID-A, ID-B and the message id ({@link #mediaKey}).
 */
public final class KmsDdKdf {

  /** FC for a ticket protection key TPK(x, ticket type). */
  public static final int FC_TPK = 0xD0;
  /** FC for MPKi, the key of A's TRANSFER_INIT. */
  public static final int FC_MPKI = 0xD1;
  /** FC for Kd_v, the KMS derivation secret of key-ring version v. */
  public static final int FC_DERIVATION_SECRET = 0xD2;
  /** FC for TPK_token_v, the key of the retrieval token {@code Ekms(Ka)}. */
  public static final int FC_TOKEN_TPK = 0xD3;
  /** FC for K, the media key. */
  public static final int FC_MEDIA_KEY = 0xD4;
  /** FC for Ke2m, the end-to-mailbox key of Fig. 19. */
  public static final int FC_E2M = 0xD5;

  static final byte[] LABEL_TPK = ascii("ddsec-dd TPK");
  static final byte[] LABEL_MPKI = ascii("ddsec-dd MPKi");
  static final byte[] LABEL_DERIVATION = ascii("ddsec-dd derivation");
  static final byte[] LABEL_TOKEN = ascii("ddsec-dd token");
  static final byte[] LABEL_K = ascii("ddsec-dd K");
  static final byte[] LABEL_E2M = ascii("ddsec-dd Ke2m");

  private KmsDdKdf() {}

  /** TPK(x, type) = KDF(x, 0xD0, "ddsec-dd TPK", type as two octets): one key per user and ticket type. */
  public static SecretBytes ticketProtectionKey(SecretBytes userKey, int ticketType) {
    return Kdf.derive(userKey, FC_TPK, LABEL_TPK, u16(ticketType));
  }

  /** MPKi = KDF(Ka, 0xD1, "ddsec-dd MPKi", Ra, ID-A, ID-B). */
  public static SecretBytes mpki(SecretBytes ka, byte[] ra, String idA, String idB) {
    return Kdf.derive(ka, FC_MPKI, LABEL_MPKI, ra, utf8(idA), utf8(idB));
  }

  /** Kd_v = KDF(Kkms_v, 0xD2, "ddsec-dd derivation", v). */
  public static SecretBytes derivationSecret(SecretBytes kkms, long version) {
    return Kdf.derive(kkms, FC_DERIVATION_SECRET, LABEL_DERIVATION, u32(version));
  }

  /** TPK_token_v = KDF(Kkms_v, 0xD3, "ddsec-dd token", v). */
  public static SecretBytes tokenProtectionKey(SecretBytes kkms, long version) {
    return Kdf.derive(kkms, FC_TOKEN_TPK, LABEL_TOKEN, u32(version));
  }

  /** K = KDF(Kd_v, 0xD4, "ddsec-dd K", Ra, ID-A, ID-B, msg-id). */
  public static SecretBytes mediaKey(SecretBytes kd, byte[] ra, String idA, String idB, byte[] msgId) {
    return Kdf.derive(kd, FC_MEDIA_KEY, LABEL_K, ra, utf8(idA), utf8(idB), msgId);
  }

  /** Ke2m = KDF(Kd_v, 0xD5, "ddsec-dd Ke2m", Ra, ID-A, ID-Bm, msg-id). */
  public static SecretBytes endToMailboxKey(SecretBytes kd, byte[] ra, String idA, String idBm, byte[] msgId) {
    return Kdf.derive(kd, FC_E2M, LABEL_E2M, ra, utf8(idA), utf8(idBm), msgId);
  }

  /** Length of a message id. */
  public static final int MESSAGE_ID_BYTES = 16;

  /**
   * msg-id = the first 16 bytes of SHA-256 over the Ticket Data of A's request ticket: unique per
   * deposit, and recomputable from what the mailbox stores. Public (not a key).
   */
  public static byte[] messageId(byte[] requestTicketData) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(requestTicketData);
      return java.util.Arrays.copyOf(h, MESSAGE_ID_BYTES);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is always available", e);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] u16(int v) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException("ticket type: " + v + " (expected: 16 bits)");
    }
    return new byte[] {(byte) (v >>> 8), (byte) v};
  }

  private static byte[] u32(long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("key version: " + v + " (expected: 32 bits)");
    }
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }
}
