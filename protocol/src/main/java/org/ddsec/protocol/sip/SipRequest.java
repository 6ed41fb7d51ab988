package org.ddsec.protocol.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;

/**
 * A SIP request (RFC 3261 §7.1): method, Request-URI, headers, body. Besides what {@link
 * SipMessage} checks, the CSeq method must equal the request method (RFC 4475 §3.1.2.17) and the
 * Request-URI may carry no {@code ?} headers (RFC 4475 §3.1.2.11).
 */
public final class SipRequest extends SipMessage {

  public static final String INVITE = "INVITE";
  public static final String ACK = "ACK";
  public static final String BYE = "BYE";
  public static final String CANCEL = "CANCEL";
  public static final String REGISTER = "REGISTER";
  public static final String OPTIONS = "OPTIONS";
  /** RFC 3262 §6: acknowledges a reliable provisional response. */
  public static final String PRACK = "PRACK";

  private final String method;
  private final Uri requestUri;

  SipRequest(String method, Uri requestUri, List<HeaderField> headers, Bytes body) throws SipParseException {
    this(method, requestUri, headers, body, null);
  }

  private SipRequest(String method, Uri requestUri, List<HeaderField> headers, Bytes body, SipMessage prior) throws SipParseException {
    super(headers, body, prior);
    this.method = Objects.requireNonNull(method, "method");
    this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
    for (int i = 0; i < method.length(); i++) {
      if (!SipLexer.isTokenChar(method.charAt(i))) {
        throw new SipParseException("Request-Line", "method '" + SipLexer.printable(method) + "' (expected: a token)");
      }
    }
    if (method.isEmpty()) {
      throw new SipParseException("Request-Line", "empty method");
    }
    if (!cseq().method().equals(method)) {
      throw new SipParseException(HeaderNames.CSEQ, "method " + cseq().method() + " (expected: " + method + ", the request's method)");
    }
    if (requestUri instanceof SipUri s && !s.headers().isEmpty()) {
      throw new SipParseException("Request-URI", "'?' headers in the Request-URI (expected: none, RFC 3261 §19.1.5)");
    }
  }

  /** A request; throws {@link IllegalArgumentException} if it is not valid. */
  public static SipRequest create(String method, Uri requestUri, List<HeaderField> headers, Bytes body) {
    try {
      return new SipRequest(method, requestUri, headers, body);
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  public String method() {
    return method;
  }

  public boolean isMethod(String m) {
    return method.equals(m);
  }

  public Uri requestUri() {
    return requestUri;
  }

  @Override
  public String startLine() {
    return method + " " + requestUri + " SIP/2.0";
  }

  @Override
  SipRequest copy(List<HeaderField> headers, Bytes body) throws SipParseException {
    return new SipRequest(method, requestUri, headers, body, this);
  }

  public SipRequest withRequestUri(Uri uri) {
    try {
      return new SipRequest(method, uri, headerFields(), body(), this);
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A copy with a different method and CSeq (for building ACK and CANCEL, RFC 3261 §9.1, §17.1.1.3). */
  public SipRequest withMethod(String newMethod, long cseqNumber) {
    List<HeaderField> l = new ArrayList<>(headerFields().size());
    for (HeaderField f : headerFields()) {
      l.add(f.is(HeaderNames.CSEQ) ? new HeaderField(HeaderNames.CSEQ, new CSeq(cseqNumber, newMethod).toString()) : f);
    }
    try {
      return new SipRequest(newMethod, requestUri, l, body(), this);
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public SipRequest withHeader(String name, String value) {
    return (SipRequest) super.withHeader(name, value);
  }

  @Override
  public SipRequest withoutHeader(String name) {
    return (SipRequest) super.withoutHeader(name);
  }

  @Override
  public SipRequest withoutFirst(String name) {
    return (SipRequest) super.withoutFirst(name);
  }

  @Override
  public SipRequest withFirstReplaced(String name, String value) {
    return (SipRequest) super.withFirstReplaced(name, value);
  }

  @Override
  public SipRequest withHeaderFirst(String name, String value) {
    return (SipRequest) super.withHeaderFirst(name, value);
  }

  @Override
  public SipRequest withHeaderAdded(String name, String value) {
    return (SipRequest) super.withHeaderAdded(name, value);
  }

  @Override
  public SipRequest withBody(MediaType contentType, Bytes body) {
    return (SipRequest) super.withBody(contentType, body);
  }
}
