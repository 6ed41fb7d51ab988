package org.ddsec.protocol.kmsdd;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ddsec.crypto.mikey.KemacEncryption;
import org.ddsec.crypto.mikey.KeyLengths;
import org.ddsec.crypto.mikey.MikeyMac;
import org.ddsec.crypto.mikey.MikeyPrf;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.payload.EncryptionAlgorithm;
import org.ddsec.mikey.payload.MacAlgorithm;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.PrfFunction;
import org.ddsec.mikey.payload.TicketFlag;
import org.ddsec.mikey.payload.TicketPolicy;

/**
 * The code points and algorithm choices of the KMS-DD profile ({@code docs/profile-kms-dd.md},
 * "Code points"), in one place.
 */
public final class KmsDdProfile {

  /** Ticket Type of A's request ticket {@code Ea(Ra, ID-A, ID-B)} (RFC 6043 §14: private use). */
  public static final int TICKET_REQUEST = 0xFDD1;
  /** Ticket Type of the KMS's keys ticket for A, {@code Ea(Ra, K[, Ke2m])}. */
  public static final int TICKET_KEYS = 0xFDD2;
  /** Ticket Type of the retrieval token {@code Ekms(Ka)} the mailbox stores. */
  public static final int TICKET_TOKEN = 0xFDD3;
  /** Subtype and Version of all three ticket types. */
  public static final int TICKET_SUBTYPE = 1;
  public static final int TICKET_VERSION = 1;
  /** First byte of every THDR Data: the profile version. */
  public static final int THDR_VERSION = 1;

  /** Flags of the request ticket: initiator-made (D = 0, so L), resolve mandatory, TRANSFER_RESP sent, RANDRi in the TGK derivation. */
  public static final Set<TicketFlag> REQUEST_FLAGS = EnumSet.of(TicketFlag.E, TicketFlag.F, TicketFlag.H, TicketFlag.L);
  /** Flags of the KMS-made tickets. */
  public static final Set<TicketFlag> KMS_FLAGS = EnumSet.of(TicketFlag.D, TicketFlag.E, TicketFlag.H);

  public static final MikeyPrf PRF = MikeyPrf.PRF_HMAC_SHA_256;
  public static final PrfFunction PRF_CODE = PrfFunction.PRF_HMAC_SHA_256;
  public static final KemacEncryption ENCRYPTION = KemacEncryption.AES_CM_128;
  public static final EncryptionAlgorithm ENCRYPTION_CODE = EncryptionAlgorithm.AES_CM_128;
  public static final MikeyMac MAC = MikeyMac.HMAC_SHA_256_256;
  public static final MacAlgorithm MAC_CODE = MacAlgorithm.HMAC_SHA_256_256;
  public static final KeyLengths KEY_LENGTHS = KeyLengths.of(ENCRYPTION, MAC);

  /** Length of every RAND this profile draws (RFC 3830 §6.11: SHOULD be at least 128 bits). */
  public static final int RAND_BYTES = 16;
  /** CSB ID in the KEMAC IV of Ticket Data (RFC 6043 Appendix A.1). */
  public static final long TICKET_CSB_ID = 0xFFFF_FFFFL;
  /** The crypto session of the voice stream. */
  public static final int CS_ID = 1;
  /** SRTP master key and salt lengths for AES_CM_128_HMAC_SHA1_80 (RFC 3711 §8.2). */
  public static final int SRTP_MASTER_KEY_BYTES = 16;
  public static final int SRTP_MASTER_SALT_BYTES = 14;

  /** Default allowable clock skew of the live hops (RFC 3830 §5.4 leaves it to the profile). */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofMinutes(2);
  /** Default retention: how long a deposited message stays retrievable. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  private KmsDdProfile() {}

  /** The Ticket Policy of one of the three ticket types. */
  public static TicketPolicy policy(int ticketType, List<Payload> tpData) {
    Set<TicketFlag> flags = ticketType == TICKET_REQUEST ? REQUEST_FLAGS : KMS_FLAGS;
    return new TicketPolicy(ticketType, TICKET_SUBTYPE, TICKET_VERSION, PRF_CODE, flags, tpData);
  }

  /**
   * Checks that {@code p} is the policy this profile gives tickets of {@code ticketType}.
   *
   * @throws MikeyException UNSUPPORTED_TICKET for another type, TICKET_REFUSED for other
   *     subtype/version/PRF/flags
   */
  public static void checkPolicy(TicketPolicy p, int ticketType, String what) throws MikeyException {
    if (p.ticketType() != ticketType) {
      throw new MikeyException(Reason.UNSUPPORTED_TICKET, what + " Ticket Type",
          String.format("0x%04X (expected: 0x%04X)", p.ticketType(), ticketType));
    }
    Set<TicketFlag> flags = ticketType == TICKET_REQUEST ? REQUEST_FLAGS : KMS_FLAGS;
    if (p.subtype() != TICKET_SUBTYPE || p.version() != TICKET_VERSION || p.prf() != PRF_CODE || !p.flags().equals(flags)) {
      throw new MikeyException(Reason.TICKET_REFUSED, what + " Ticket Policy",
          "subtype " + p.subtype() + ", version " + p.version() + ", PRF " + p.prf().rfcName() + ", flags " + p.flags()
              + " (expected: 1, 1, " + PRF_CODE.rfcName() + ", " + flags + ")");
    }
  }
}
