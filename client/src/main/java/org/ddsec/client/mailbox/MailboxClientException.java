package org.ddsec.client.mailbox;

/** The mailbox refused a request or could not be reached; the message names the status, never a key. */
public final class MailboxClientException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** Connection, TLS or timeout failure. */
    UNAVAILABLE,
    /** 401 after a fresh challenge: the B-TID or key is not accepted (bootstrap again). */
    UNAUTHORIZED,
    /** 404: no such message for this subscriber. */
    NOT_FOUND,
    /** Any other refusal, or an answer that does not parse. */
    REFUSED
  }

  private final Reason reason;
  private final int status;

  public MailboxClientException(Reason reason, int status, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.status = status;
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status, or -1. */
  public int status() {
    return status;
  }
}
