package org.ddsec.media.capture;

/**
 * Bytes that are not a readable pcap capture (or a stored message whose capture does not match
 * its metadata): the message names the field, e.g. {@code pcap record 12 incl_len: 70000
 * (expected: ≤ 65535, the snaplen)}.
 */
public final class PcapFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  public PcapFormatException(String message) {
    super(message);
  }
}
