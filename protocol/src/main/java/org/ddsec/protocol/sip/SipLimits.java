package org.ddsec.protocol.sip;

/**
 * Size limits a parser enforces before it allocates or scans further (bad input must not cost
 * unbounded memory or time). A message over a limit is refused with {@link
 * SipParseException.Reason#TOO_LARGE}.
 *
 * @param maxMessageBytes the whole message, start line to last body byte (default 64 KiB)
 * @param maxHeaderFields header field lines after unfolding (default 256)
 * @param maxHeaderValueChars one unfolded header field value (default 16 KiB)
 */
public record SipLimits(int maxMessageBytes, int maxHeaderFields, int maxHeaderValueChars) {

  /** 64 KiB per message, 256 header fields, 16 KiB per header value. */
  public static final SipLimits DEFAULT = new SipLimits(64 * 1024, 256, 16 * 1024);

  public SipLimits {
    if (maxMessageBytes < 512 || maxHeaderFields < 8 || maxHeaderValueChars < 128) {
      throw new IllegalArgumentException("SIP limits: " + maxMessageBytes + "/" + maxHeaderFields + "/" + maxHeaderValueChars
          + " (expected: at least 512 bytes, 8 fields, 128 chars)");
    }
  }
}
