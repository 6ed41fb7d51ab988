package org.ddsec.protocol.sip;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ddsec.core.Bytes;

/**
 * The strict SIP parser (RFC 3261 §7, §25; RFC 4475 as the acceptance suite). Input is bounded by
 * {@link SipLimits} before anything is scanned further; the header section must be UTF-8 with
 * CRLF line ends; folded lines are unfolded; compact header names are expanded.
 *
 * <p>Datagram rule (RFC 3261 §18.3): a Content-Length larger than the datagram is an error
 * (RFC 4475 §3.1.2.2); octets after the declared body are ignored (RFC 4475 §3.1.1.8); without a
 * Content-Length the body is the rest of the datagram (RFC 4475 §3.4.1). On streams {@link
 * StreamFramer} frames by Content-Length first and {@link #parseFramed} requires it.
 */
public final class SipParser {

  private static final String REQUEST_LINE = "Request-Line";
  private static final String STATUS_LINE = "Status-Line";

  private SipParser() {}

  /** Parses one UDP datagram. */
  public static SipMessage parseDatagram(byte[] data, int offset, int length, SipLimits limits) throws SipParseException {
    return parse(data, offset, length, limits, false);
  }

  /** Parses one message framed on a stream (Content-Length present and equal to the body). */
  public static SipMessage parseFramed(byte[] message, SipLimits limits) throws SipParseException {
    return parse(message, 0, message.length, limits, true);
  }

  /** Parses a complete message held as text (tests, samples); treated like a datagram. */
  public static SipMessage parse(String message) throws SipParseException {
    byte[] b = message.getBytes(StandardCharsets.UTF_8);
    return parseDatagram(b, 0, b.length, SipLimits.DEFAULT);
  }

  private static SipMessage parse(byte[] data, int offset, int length, SipLimits limits, boolean stream) throws SipParseException {
    if (length > limits.maxMessageBytes()) {
      throw new SipParseException(SipParseException.Reason.TOO_LARGE, "message", length + " bytes (expected: at most " + limits.maxMessageBytes() + ")");
    }
    int start = offset;
    int end = offset + length;
    while (start + 1 < end && data[start] == '\r' && data[start + 1] == '\n') {
      start += 2; // RFC 3261 §7.5: CRLFs before the start line are ignored
    }
    int headEnd = indexOfBlankLine(data, start, end);
    if (headEnd < 0) {
      throw new SipParseException("header section", "no empty line after the headers (expected: CRLF CRLF)");
    }
    String head = decodeUtf8(data, start, headEnd - 4 - start);
    List<String> lines = splitLines(head);
    String first = lines.get(0);
    List<HeaderField> fields = headerFields(lines, limits);
    int contentLength = -1;
    List<HeaderField> kept = new ArrayList<>(fields.size());
    for (HeaderField f : fields) {
      if (f.is(HeaderNames.CONTENT_LENGTH)) {
        if (contentLength >= 0) {
          throw new SipParseException(SipParseException.Reason.DUPLICATE_HEADER, HeaderNames.CONTENT_LENGTH,
              "appears more than once (expected: one value, RFC 4475 §3.3.9)");
        }
        SipLexer lx = new SipLexer(f.value(), HeaderNames.CONTENT_LENGTH);
        long n = lx.number("Content-Length", Integer.MAX_VALUE);
        lx.expectEnd("Content-Length");
        contentLength = (int) n;
      } else {
        kept.add(f);
      }
    }
    int available = end - headEnd;
    Bytes body;
    if (contentLength < 0) {
      if (stream) {
        throw new SipParseException(SipParseException.Reason.MISSING_HEADER, HeaderNames.CONTENT_LENGTH,
            "missing (expected: present on stream transports, RFC 3261 §18.3)");
      }
      body = Bytes.of(data, headEnd, available);
    } else {
      if (contentLength > limits.maxMessageBytes() - (headEnd - start)) {
        throw new SipParseException(SipParseException.Reason.TOO_LARGE, HeaderNames.CONTENT_LENGTH,
            contentLength + " (expected: a message of at most " + limits.maxMessageBytes() + " bytes)");
      }
      if (contentLength > available) {
        throw new SipParseException(HeaderNames.CONTENT_LENGTH, contentLength + " (expected: at most the " + available + " bytes present, RFC 3261 §18.3)");
      }
      if (stream && contentLength != available) {
        throw new SipParseException(HeaderNames.CONTENT_LENGTH, contentLength + " (expected: " + available + ", the framed body)");
      }
      body = Bytes.of(data, headEnd, contentLength);
    }
    if (first.startsWith("SIP/")) {
      return statusLine(first, kept, body);
    }
    return requestLine(first, kept, body);
  }

  private static SipRequest requestLine(String line, List<HeaderField> fields, Bytes body) throws SipParseException {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new SipParseException(REQUEST_LINE, "'" + SipLexer.abbreviate(SipLexer.printable(line))
          + "' (expected: Method SP Request-URI SP SIP-Version, single spaces, RFC 3261 §7.1)");
    }
    checkVersion(parts[2], REQUEST_LINE);
    Uri uri = Uri.parse(parts[1], "Request-URI");
    return new SipRequest(parts[0], uri, fields, body);
  }

  private static SipResponse statusLine(String line, List<HeaderField> fields, Bytes body) throws SipParseException {
    int sp1 = line.indexOf(' ');
    if (sp1 < 0) {
      throw new SipParseException(STATUS_LINE, "'" + SipLexer.abbreviate(SipLexer.printable(line)) + "' (expected: SIP-Version SP Status-Code SP Reason-Phrase)");
    }
    checkVersion(line.substring(0, sp1), STATUS_LINE);
    int sp2 = line.indexOf(' ', sp1 + 1);
    if (sp2 < 0) {
      throw new SipParseException(STATUS_LINE, "no SP after the status code (expected: SIP-Version SP Status-Code SP Reason-Phrase)");
    }
    String code = line.substring(sp1 + 1, sp2);
    if (code.length() != 3 || !SipLexer.isDigit(code.charAt(0)) || !SipLexer.isDigit(code.charAt(1)) || !SipLexer.isDigit(code.charAt(2))) {
      throw new SipParseException(STATUS_LINE, "status code '" + SipLexer.abbreviate(SipLexer.printable(code)) + "' (expected: 3 digits, 100..699)");
    }
    return new SipResponse(Integer.parseInt(code), line.substring(sp2 + 1), fields, body);
  }

  private static void checkVersion(String v, String field) throws SipParseException {
    if (v.equalsIgnoreCase("SIP/2.0")) {
      return;
    }
    if (v.length() > 4 && v.substring(0, 4).equalsIgnoreCase("SIP/") && v.substring(4).matches("[0-9]{1,4}\\.[0-9]{1,4}")) {
      throw new SipParseException(SipParseException.Reason.VERSION_NOT_SUPPORTED, field, "SIP version " + v + " (expected: SIP/2.0)");
    }
    throw new SipParseException(field, "SIP version '" + SipLexer.abbreviate(SipLexer.printable(v)) + "' (expected: SIP/2.0)");
  }

  /** Unfolds and splits header lines into fields (RFC 3261 §7.3.1). */
  private static List<HeaderField> headerFields(List<String> lines, SipLimits limits) throws SipParseException {
    List<String> unfolded = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.isEmpty() && SipLexer.isWsp(l.charAt(0))) {
        if (unfolded.isEmpty()) {
          throw new SipParseException("header section", "continuation line before the first header field");
        }
        int last = unfolded.size() - 1;
        String joined = unfolded.get(last) + " " + l.strip();
        if (joined.length() > limits.maxHeaderValueChars() + 256) {
          throw new SipParseException(SipParseException.Reason.TOO_LARGE, "header section", "a header field longer than " + limits.maxHeaderValueChars() + " characters");
        }
        unfolded.set(last, joined);
      } else {
        unfolded.add(l);
      }
    }
    if (unfolded.size() > limits.maxHeaderFields()) {
      throw new SipParseException(SipParseException.Reason.TOO_LARGE, "header section", unfolded.size() + " header fields (expected: at most " + limits.maxHeaderFields() + ")");
    }
    List<HeaderField> fields = new ArrayList<>(unfolded.size());
    for (String l : unfolded) {
      int colon = l.indexOf(':');
      if (colon < 0) {
        throw new SipParseException("header section", "line '" + SipLexer.abbreviate(SipLexer.printable(l)) + "' (expected: name HCOLON value)");
      }
      String name = l.substring(0, colon);
      int ne = name.length();
      while (ne > 0 && SipLexer.isWsp(name.charAt(ne - 1))) {
        ne--;
      }
      name = name.substring(0, ne);
      if (name.isEmpty()) {
        throw new SipParseException("header section", "empty header name (expected: a token before ':')");
      }
      for (int i = 0; i < name.length(); i++) {
        if (!SipLexer.isTokenChar(name.charAt(i))) {
          throw new SipParseException("header section", "header name '" + SipLexer.abbreviate(SipLexer.printable(name)) + "' (expected: a token)");
        }
      }
      String value = l.substring(colon + 1).strip();
      if (value.length() > limits.maxHeaderValueChars()) {
        throw new SipParseException(SipParseException.Reason.TOO_LARGE, HeaderNames.canonical(name),
            value.length() + " characters (expected: at most " + limits.maxHeaderValueChars() + ")");
      }
      fields.add(new HeaderField(name, value));
    }
    return fields;
  }

  /** Splits on CRLF; a bare CR or LF is an error. */
  private static List<String> splitLines(String head) throws SipParseException {
    List<String> lines = new ArrayList<>(16);
    int from = 0;
    while (true) {
      int i = head.indexOf("\r\n", from);
      String line = i < 0 ? head.substring(from) : head.substring(from, i);
      if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
        throw new SipParseException(lines.isEmpty() ? "start line" : "header section", "bare CR or LF (expected: lines ending in CRLF)");
      }
      lines.add(line);
      if (i < 0) {
        return lines;
      }
      from = i + 2;
    }
  }

  private static String decodeUtf8(byte[] b, int off, int len) throws SipParseException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len)).toString();
    } catch (CharacterCodingException e) {
      throw new SipParseException("header section", "not UTF-8 (expected: UTF-8 text, RFC 3261 §7.3.1)");
    }
  }

  /** The index just after the first CRLF CRLF in [from, to), or -1. */
  static int indexOfBlankLine(byte[] b, int from, int to) {
    for (int i = from; i + 3 < to; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i + 4;
      }
    }
    return -1;
  }

  /**
   * The stateless error response for a request the parser refused (RFC 3261 §8.2, §16.3; RFC 4475
   * §3.1.2): status from {@code error} (400, 413, 505), the request's Via, From, To, Call-ID and
   * CSeq copied verbatim, a Warning 399 naming the field. Empty when the bytes are a response, an
   * ACK, lack any of those five headers, or when one of them is itself malformed (the answer would
   * be unparsable and unroutable) — then the message is dropped.
   */
  public static Optional<byte[]> errorResponse(byte[] data, int offset, int length, SipParseException error) {
    int end = offset + Math.min(length, 64 * 1024);
    int start = offset;
    while (start + 1 < end && data[start] == '\r' && data[start + 1] == '\n') {
      start += 2;
    }
    int headEnd = indexOfBlankLine(data, start, end);
    String head = new String(data, start, (headEnd < 0 ? end : headEnd) - start, StandardCharsets.UTF_8);
    String[] lines = head.split("\r\n", -1);
    if (lines.length < 2 || lines[0].startsWith("SIP/") || lines[0].startsWith("ACK ")) {
      return Optional.empty();
    }
    List<String> unfolded = new ArrayList<>();
    for (int i = 1; i < lines.length && unfolded.size() < 512; i++) {
      String l = lines[i];
      if (l.isEmpty()) {
        break;
      }
      if (SipLexer.isWsp(l.charAt(0)) && !unfolded.isEmpty()) {
        unfolded.set(unfolded.size() - 1, unfolded.get(unfolded.size() - 1) + " " + l.strip());
      } else {
        unfolded.add(l);
      }
    }
    List<String> via = new ArrayList<>();
    String from = null;
    String to = null;
    String callId = null;
    String cseq = null;
    for (String l : unfolded) {
      int colon = l.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = HeaderNames.canonical(l.substring(0, colon).strip());
      String value = l.substring(colon + 1).strip();
      if (!echoable(value)) {
        continue;
      }
      switch (name) {
        case HeaderNames.VIA -> via.add(value);
        case HeaderNames.FROM -> from = from == null ? value : from;
        case HeaderNames.TO -> to = to == null ? value : to;
        case HeaderNames.CALL_ID -> callId = callId == null ? value : callId;
        case HeaderNames.CSEQ -> cseq = cseq == null ? value : cseq;
        default -> {
          // not copied
        }
      }
    }
    if (via.isEmpty() || via.size() > 70 || from == null || to == null || callId == null || cseq == null) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder(512);
    b.append("SIP/2.0 ").append(error.status()).append(' ').append(SipStatus.reasonPhrase(error.status())).append("\r\n");
    for (String v : via) {
      b.append("Via: ").append(v).append("\r\n");
    }
    b.append("From: ").append(from).append("\r\n").append("To: ").append(to).append("\r\n").append("Call-ID: ").append(callId)
        .append("\r\n").append("CSeq: ").append(cseq).append("\r\n");
    b.append("Warning: 399 ddsec ").append(SipLexer.quote(sanitize(error.getMessage()))).append("\r\n");
    b.append("Content-Length: 0\r\n\r\n");
    byte[] out = b.toString().getBytes(StandardCharsets.UTF_8);
    try {
      parseFramed(out, SipLimits.DEFAULT); // never send what a strict peer could not parse (a broken Via, To …)
    } catch (SipParseException e) {
      // a 505 echoes the peer's Via of another SIP version: that peer reads it (RFC 4475 §3.1.2.16)
      if (!(error.reason() == SipParseException.Reason.VERSION_NOT_SUPPORTED && e.reason() == SipParseException.Reason.VERSION_NOT_SUPPORTED)) {
        return Optional.empty();
      }
    }
    return Optional.of(out);
  }

  private static boolean echoable(String v) {
    if (v.isEmpty() || v.length() > 1024) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7F || c == '\uFFFD') {
        return false;
      }
    }
    return true;
  }

  private static String sanitize(String m) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < m.length() && b.length() < 160; i++) {
      char c = m.charAt(i);
      b.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return b.toString();
  }
}
