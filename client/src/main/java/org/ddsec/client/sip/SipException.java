package org.ddsec.client.sip;

/**
 * A SIP request of the {@link SipUserAgent} that did not succeed: no final response in time, the
 * transport failed, or (for REGISTER and BYE) a final error response, whose status is {@link
 * #status()} (0 when there was no response).
 */
public final class SipException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  public SipException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
