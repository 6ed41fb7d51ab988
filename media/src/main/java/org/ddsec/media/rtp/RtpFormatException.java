package org.ddsec.media.rtp;

/**
 * Bytes that are not a well-formed RTP packet (RFC 3550 §5.1): the message names the field, the
 * value found and the constraint, e.g. {@code RTP version: 1 (expected: 2)}.
 */
public final class RtpFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  public RtpFormatException(String message) {
    super(message);
  }
}
