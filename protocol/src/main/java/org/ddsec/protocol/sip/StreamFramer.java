package org.ddsec.protocol.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames SIP messages on a byte stream (TLS) by Content-Length (RFC 3261 §18.3): buffers input,
 * skips CRLF keep-alives between messages (§7.5, RFC 5626 §3.5.1), and hands out each complete
 * message's bytes. It never buffers more than {@link SipLimits#maxMessageBytes()}: a header
 * section without its empty line by then, or a Content-Length that would exceed it, is refused
 * with {@link SipParseException.Reason#TOO_LARGE}; a missing or malformed Content-Length is
 * refused as well — framing is then lost and the connection must be closed. Not thread-safe.
 */
public final class StreamFramer {

  private final SipLimits limits;
  private byte[] buf = new byte[4096];
  private int len;

  public StreamFramer(SipLimits limits) {
    this.limits = limits;
  }

  /** Appends {@code n} bytes and returns every message completed by them (possibly none). */
  public List<byte[]> feed(byte[] b, int off, int n) throws SipParseException {
    if (len + n > buf.length) {
      int cap = Math.max(buf.length * 2, len + n);
      buf = Arrays.copyOf(buf, Math.min(cap, limits.maxMessageBytes() * 2 + 4));
      if (len + n > buf.length) {
        throw new SipParseException(SipParseException.Reason.TOO_LARGE, "message",
            "more than " + limits.maxMessageBytes() + " bytes buffered (expected: at most " + limits.maxMessageBytes() + ")");
      }
    }
    System.arraycopy(b, off, buf, len, n);
    len += n;
    List<byte[]> out = new ArrayList<>(1);
    while (true) {
      int start = 0;
      while (start < len && (buf[start] == '\r' || buf[start] == '\n')) {
        start++;
      }
      if (start > 0) {
        consume(start);
      }
      if (len == 0) {
        return out;
      }
      int headEnd = SipParser.indexOfBlankLine(buf, 0, len);
      if (headEnd < 0) {
        if (len > limits.maxMessageBytes()) {
          throw new SipParseException(SipParseException.Reason.TOO_LARGE, "header section",
              "no empty line within " + limits.maxMessageBytes() + " bytes (expected: a smaller message)");
        }
        return out;
      }
      long cl = contentLength(buf, headEnd);
      long total = headEnd + cl;
      if (total > limits.maxMessageBytes()) {
        throw new SipParseException(SipParseException.Reason.TOO_LARGE, HeaderNames.CONTENT_LENGTH,
            cl + " (expected: a message of at most " + limits.maxMessageBytes() + " bytes)");
      }
      if (len < total) {
        return out;
      }
      out.add(Arrays.copyOf(buf, (int) total));
      consume((int) total);
    }
  }

  /** Bytes buffered and not yet part of a complete message. */
  public int buffered() {
    return len;
  }

  /** A copy of the buffered bytes (to build an error response after a framing error). */
  public byte[] snapshot() {
    return Arrays.copyOf(buf, len);
  }

  private void consume(int n) {
    System.arraycopy(buf, n, buf, 0, len - n);
    len -= n;
  }

  private static long contentLength(byte[] b, int headEnd) throws SipParseException {
    String head = new String(b, 0, headEnd, StandardCharsets.ISO_8859_1);
    long found = -1;
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0 || line.isEmpty() || SipLexer.isWsp(line.charAt(0))) {
        continue;
      }
      String name = line.substring(0, colon).strip();
      if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("l")) {
        continue;
      }
      if (found >= 0) {
        throw new SipParseException(SipParseException.Reason.DUPLICATE_HEADER, HeaderNames.CONTENT_LENGTH,
            "appears more than once (expected: one value; framing is lost)");
      }
      String v = line.substring(colon + 1).strip();
      if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new SipParseException(HeaderNames.CONTENT_LENGTH, "'" + SipLexer.abbreviate(SipLexer.printable(v)) + "' (expected: digits; framing is lost)");
      }
      found = Long.parseLong(v);
    }
    if (found < 0) {
      throw new SipParseException(SipParseException.Reason.MISSING_HEADER, HeaderNames.CONTENT_LENGTH,
          "missing (expected: present on stream transports, RFC 3261 §18.3)");
    }
    return found;
  }
}
