package org.ddsec.mikey;

import java.util.Objects;

/**
 * The one checked exception for everything a MIKEY peer (or the wire) can cause: a malformed or
 * truncated message, an unsupported code point, a failed MAC or signature, a stale timestamp.
 *
 * <p>It carries a {@link Reason} that maps onto the MIKEY ERR codes (so a responder can build its
 * ERR payload straight from it), the name of the field at fault and the byte offset in the
 * message where the problem was found ({@code -1} when no offset applies). The message reads
 * {@code field: actual (expected: constraint) at offset N} and never contains key material.
 */
public final class MikeyException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a message was refused, each with the ERR payload code a responder reports. */
  public enum Reason {
    /** Fewer bytes than a length or fixed-size field requires. */
    TRUNCATED(ErrorCode.UNSPECIFIED),
    /** Bytes left over after the last payload (or inside a length-delimited field). */
    TRAILING_BYTES(ErrorCode.UNSPECIFIED),
    /** A field whose value breaks the encoding rules (reserved bits set, inconsistent lengths…). */
    MALFORMED(ErrorCode.UNSPECIFIED),
    /** A next-payload value that is unassigned, or a payload not allowed where it appears. */
    UNKNOWN_PAYLOAD(ErrorCode.UNSUPPORTED_MESSAGE_TYPE),
    UNSUPPORTED_VERSION(ErrorCode.UNSUPPORTED_MESSAGE_TYPE),
    UNSUPPORTED_DATA_TYPE(ErrorCode.INVALID_DT),
    UNSUPPORTED_PRF(ErrorCode.INVALID_PRF),
    UNSUPPORTED_MAC(ErrorCode.INVALID_MAC),
    UNSUPPORTED_ENCRYPTION(ErrorCode.INVALID_EA),
    UNSUPPORTED_HASH(ErrorCode.INVALID_HA),
    UNSUPPORTED_DH_GROUP(ErrorCode.INVALID_DH),
    UNSUPPORTED_ID(ErrorCode.INVALID_ID),
    UNSUPPORTED_CERT(ErrorCode.INVALID_CERT),
    UNSUPPORTED_SP(ErrorCode.INVALID_SP),
    UNSUPPORTED_SP_PARAM(ErrorCode.INVALID_SP_PAR),
    UNSUPPORTED_TICKET(ErrorCode.INVALID_TICKET),
    UNSUPPORTED_TP_PARAM(ErrorCode.INVALID_TP_PAR),
    INVALID_TIMESTAMP(ErrorCode.INVALID_TS),
    /** A MAC, signature or AEAD tag did not verify. */
    AUTH_FAILURE(ErrorCode.AUTH_FAILURE),
    /** A message was seen before (replay cache hit). */
    REPLAY(ErrorCode.INVALID_TS),
    /**
     * Authentic, but an identity is not the one required: a plain identity differs from its
     * encrypted copy, a mailbox is not the recipient's, a requester is not the ticket's recipient.
     */
    IDENTITY_REFUSED(ErrorCode.INVALID_ID),
    /**
     * A ticket that is well-formed but cannot be resolved: unknown or expired protection key,
     * key version beyond retention, bound to another message, past its validity (RFC 6043 §6.9).
     */
    TICKET_REFUSED(ErrorCode.INVALID_TICKET),
    /** Well-formed, authentic, but not acceptable to the role (wrong peer, wrong state…). */
    REFUSED(ErrorCode.UNSPECIFIED),
    /**
     * The peer answered with a MIKEY Error message; {@link MikeyException#errorCode()} is the code it sent.
     */
    PEER_ERROR(ErrorCode.UNSPECIFIED);

    private final ErrorCode errorCode;

    Reason(ErrorCode errorCode) {
      this.errorCode = errorCode;
    }

    /** The ERR payload "Error no" for this reason. */
    public ErrorCode errorCode() {
      return errorCode;
    }
  }

  private final Reason reason;
  private final String field;
  private final int offset;
  private ErrorCode peerCode;

  public MikeyException(Reason reason, String field, int offset, String detail) {
    super(format(field, offset, detail));
    this.reason = Objects.requireNonNull(reason, "reason");
    this.field = Objects.requireNonNull(field, "field");
    this.offset = offset;
  }

  public MikeyException(Reason reason, String field, String detail) {
    this(reason, field, -1, detail);
  }

  public MikeyException(Reason reason, String field, int offset, String detail, Throwable cause) {
    this(reason, field, offset, detail);
    initCause(cause);
  }

  /** The peer's Error message carried {@code code} (RFC 3830 §6.12), seen in {@code field}. */
  public static MikeyException peerError(ErrorCode code, String field) {
    MikeyException e = new MikeyException(Reason.PEER_ERROR, field, "peer sent ERR " + code.code() + " " + code.rfcName());
    e.peerCode = Objects.requireNonNull(code, "code");
    return e;
  }

  private static String format(String field, int offset, String detail) {
    return field + ": " + detail + (offset >= 0 ? " at offset " + offset : "");
  }

  public Reason reason() {
    return reason;
  }

  /** The ERR payload code a responder reports for this failure. */
  public ErrorCode errorCode() {
    return peerCode != null ? peerCode : reason.errorCode();
  }

  /** The field at fault, by its RFC name. */
  public String field() {
    return field;
  }

  /** Byte offset in the message where the fault was found, or -1. */
  public int offset() {
    return offset;
  }
}
