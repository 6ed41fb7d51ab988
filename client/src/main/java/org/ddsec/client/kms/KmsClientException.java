package org.ddsec.client.kms;

/** The KMS could not be asked, or answered outside the MIKEY exchange (no {@code application/mikey} body). */
public final class KmsClientException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why no MIKEY answer came back. */
  public enum Reason {
    /** Connection, TLS or timeout failure. */
    UNAVAILABLE,
    /** An HTTP refusal without a MIKEY body (404, 405, 413, 415, 503 …); see {@link #status()}. */
    REFUSED
  }

  private final Reason reason;
  private final int status;

  public KmsClientException(Reason reason, int status, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.status = status;
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status, or -1 when there was no answer. */
  public int status() {
    return status;
  }
}
