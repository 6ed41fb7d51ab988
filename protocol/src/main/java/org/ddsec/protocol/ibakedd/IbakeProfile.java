package org.ddsec.protocol.ibakedd;

import java.time.Duration;
import org.ddsec.core.Bytes;
import org.ddsec.crypto.mikey.KemacEncryption;
import org.ddsec.crypto.mikey.KeyLengths;
import org.ddsec.crypto.mikey.MikeyMac;
import org.ddsec.crypto.mikey.MikeyPrf;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.payload.EccCurve;
import org.ddsec.mikey.payload.PrfFunction;

/**
 * The code points, lengths and algorithm choices of the IBAKE-DD profile
 * ({@code docs/profile-ibake-dd.md}, "Code points"), in one place.
 */
public final class IbakeProfile {

  /** PRF of every HDR: PRF-HMAC-SHA-256 (RFC 6043 §6.1, PRF func 1). */
  public static final MikeyPrf PRF = MikeyPrf.PRF_HMAC_SHA_256;
  public static final PrfFunction PRF_CODE = PrfFunction.PRF_HMAC_SHA_256;
  /** KEMAC encryption of REQUEST_KEY_RESP (RFC 3830 §6.2: AES-CM-128). */
  public static final KemacEncryption ENCRYPTION = KemacEncryption.AES_CM_128;
  /** MAC of every V payload: HMAC-SHA-256-256 (RFC 6043 §6.9). */
  public static final MikeyMac MAC = MikeyMac.HMAC_SHA_256_256;
  public static final KeyLengths KEY_LENGTHS = KeyLengths.of(ENCRYPTION, MAC);

  /** ECCPT curve: P-256 (RFC 6267 §6.1.4 Table 5, value 8). */
  public static final EccCurve CURVE = EccCurve.P_256;

  /** RAND of REQUEST_KEY_PSK and I_MESSAGE_1/2 (RFC 3830 §6.11: at least 128 bits). */
  public static final int RAND_BYTES = 16;
  /** MPK from K_SESSION (RFC 6267 §5.1), an HMAC-SHA-256 key. */
  public static final int MPK_BYTES = 32;
  /** TGK from K_SESSION (RFC 6267 §5.1). */
  public static final int TGK_BYTES = 32;
  /** The Secret Key SK of a deferred message, A's media TGK for B (RFC 6267 §4.2.2.5 ESK). */
  public static final int SK_BYTES = 16;
  /** The crypto session of the voice stream. */
  public static final int CS_ID = 1;
  /** SRTP master key and salt for AES_CM_128_HMAC_SHA1_80 (RFC 3711 §8.2). */
  public static final int SRTP_MASTER_KEY_BYTES = 16;
  public static final int SRTP_MASTER_SALT_BYTES = 14;

  /** Default allowable clock skew of the live hops (RFC 3830 §5.4 leaves it to the profile). */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(2);
  /** How long a deferred message stays retrievable. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  /** How long a responder or initiator keeps a half-done exchange. */
  public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofSeconds(30);
  /** Most identities one REQUEST_KEY_PSK may ask keys for. */
  public static final int MAX_KEYS_PER_REQUEST = 8;
  /** Octets of a deferred message's id (SHA-256 of the ESK's Encr data, truncated). */
  public static final int MESSAGE_ID_BYTES = 16;

  private IbakeProfile() {}

  /**
   * The associated data of an IBE ciphertext in a payload of {@code payload} type (IBAKE or ESK)
   * in a message of {@code dataType} with {@code csbId}: {@code data type (1) || next-payload
   * type (1) || CSB ID (4)}. It binds each ciphertext to the kind of message and the exchange it
   * was made for (an R_MESSAGE_1's IBAKE cannot be replayed as an I_MESSAGE_2's, nor an ESK into
   * another exchange). ddsec's encoding of RFC 6267's open IBE, in both modes.
   */
  public static Bytes ibeAssociatedData(DataType dataType, PayloadType payload, long csbId) {
    return Bytes.of((byte) dataType.code(), (byte) payload.code(),
        (byte) (csbId >>> 24), (byte) (csbId >>> 16), (byte) (csbId >>> 8), (byte) csbId);
  }
}
