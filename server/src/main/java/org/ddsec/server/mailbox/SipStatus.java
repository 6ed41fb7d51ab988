package org.ddsec.server.mailbox;

import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyException;

/**
 * How the mailbox answers a forwarded INVITE whose key management it refuses (docs/services.md,
 * "SIP status mapping"). RFC 4567 §3.1.3 leaves the status to the application; the choice here:
 *
 * <table>
 *   <tr><th>refusal</th><th>SIP status</th></tr>
 *   <tr><td>the offer does not parse or is not this profile (decode reasons, unsupported code points, wrong data type, codec)</td><td>488 Not Acceptable Here</td></tr>
 *   <tr><td>the callee (the SIP request's user) is not served by this mailbox</td><td>404 Not Found</td></tr>
 *   <tr><td>MIKEY authentication, identity, ticket or timestamp refused (Auth failure, Invalid ID, Invalid TICKET, Invalid TS)
 *       by the mailbox or the KMS; a replayed TRANSFER_INIT; SIP and MIKEY identities differ</td><td>403 Forbidden</td></tr>
 *   <tr><td>the KMS or the BSF cannot be reached; the mailbox is full</td><td>503 Service Unavailable</td></tr>
 *   <tr><td>the KMS's answer does not verify; internal failure</td><td>500 Server Internal Error</td></tr>
 * </table>
 */
public final class SipStatus {

  public static final int NOT_FOUND = 404;
  public static final int FORBIDDEN = 403;
  public static final int NOT_ACCEPTABLE_HERE = 488;
  public static final int SERVER_INTERNAL_ERROR = 500;
  public static final int SERVICE_UNAVAILABLE = 503;

  private SipStatus() {}

  /** The status for a refusal raised by the mailbox role itself (before or after the KMS). */
  public static int of(MikeyException e) {
    return switch (e.reason()) {
      case PEER_ERROR -> ofPeerCode(e.errorCode());
      case IDENTITY_REFUSED, AUTH_FAILURE, TICKET_REFUSED, INVALID_TIMESTAMP, REPLAY, UNSUPPORTED_TICKET -> FORBIDDEN;
      case REFUSED -> SERVICE_UNAVAILABLE;
      default -> NOT_ACCEPTABLE_HERE;
    };
  }

  /** The status for an Error message the KMS sent (its ERR code). */
  public static int ofPeerCode(ErrorCode code) {
    return switch (code) {
      case AUTH_FAILURE, INVALID_ID, INVALID_TICKET, INVALID_TS -> FORBIDDEN;
      case UNSPECIFIED -> SERVICE_UNAVAILABLE;
      default -> NOT_ACCEPTABLE_HERE;
    };
  }
}
