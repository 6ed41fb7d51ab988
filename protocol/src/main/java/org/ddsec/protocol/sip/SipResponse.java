package org.ddsec.protocol.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;

/** A SIP response (RFC 3261 §7.2): status 100–699, reason phrase, headers, body. */
public final class SipResponse extends SipMessage {

  private final int status;
  private final String reason;

  SipResponse(int status, String reason, List<HeaderField> headers, Bytes body) throws SipParseException {
    this(status, reason, headers, body, null);
  }

  private SipResponse(int status, String reason, List<HeaderField> headers, Bytes body, SipMessage prior) throws SipParseException {
    super(headers, body, prior);
    this.reason = Objects.requireNonNull(reason, "reason");
    if (status < 100 || status > 699) {
      throw new SipParseException("Status-Line", "status " + status + " (expected: 100..699)");
    }
    for (int i = 0; i < reason.length(); i++) {
      char c = reason.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7F) {
        throw new SipParseException("Status-Line", "control character " + SipLexer.describe(c) + " in the reason phrase");
      }
    }
    this.status = status;
  }

  /** A response; throws {@link IllegalArgumentException} if it is not valid. */
  public static SipResponse create(int status, String reason, List<HeaderField> headers, Bytes body) {
    try {
      return new SipResponse(status, reason, headers, body);
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * The response a UAS or proxy builds for {@code request} (RFC 3261 §8.2.6.2): Via (all values,
   * in order), From, Call-ID, CSeq copied, To copied with {@code toTag} added if it has no tag
   * yet and {@code toTag} is not null; Timestamp copied into a 100 (§8.2.6.1).
   */
  public static SipResponse to(SipRequest request, int status, String reason, String toTag) {
    List<HeaderField> l = new ArrayList<>(8);
    for (HeaderField f : request.headerFields()) {
      if (f.is(HeaderNames.VIA)) {
        l.add(f);
      }
    }
    NameAddress to = request.to();
    if (toTag != null && to.tag().isEmpty() && status > 100) {
      to = to.withTag(toTag);
    }
    l.add(new HeaderField(HeaderNames.FROM, request.from().toString()));
    l.add(new HeaderField(HeaderNames.TO, to.toString()));
    l.add(new HeaderField(HeaderNames.CALL_ID, request.callId()));
    l.add(new HeaderField(HeaderNames.CSEQ, request.cseq().toString()));
    if (status == 100) {
      request.header(HeaderNames.TIMESTAMP).ifPresent(t -> l.add(new HeaderField(HeaderNames.TIMESTAMP, t)));
    }
    try {
      // the Via fields are the request's own instances: their parsed values are reused
      return new SipResponse(status, reason == null ? SipStatus.reasonPhrase(status) : reason, l, Bytes.EMPTY, request);
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** {@link #to(SipRequest, int, String, String)} with the standard reason phrase and no To tag. */
  public static SipResponse to(SipRequest request, int status) {
    return to(request, status, null, null);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  /** 1xx. */
  public boolean isProvisional() {
    return status < 200;
  }

  /** 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  @Override
  public String startLine() {
    return "SIP/2.0 " + status + " " + reason;
  }

  @Override
  SipResponse copy(List<HeaderField> headers, Bytes body) throws SipParseException {
    return new SipResponse(status, reason, headers, body, this);
  }

  @Override
  public SipResponse withHeader(String name, String value) {
    return (SipResponse) super.withHeader(name, value);
  }

  @Override
  public SipResponse withoutHeader(String name) {
    return (SipResponse) super.withoutHeader(name);
  }

  @Override
  public SipResponse withoutFirst(String name) {
    return (SipResponse) super.withoutFirst(name);
  }

  @Override
  public SipResponse withFirstReplaced(String name, String value) {
    return (SipResponse) super.withFirstReplaced(name, value);
  }

  @Override
  public SipResponse withHeaderFirst(String name, String value) {
    return (SipResponse) super.withHeaderFirst(name, value);
  }

  @Override
  public SipResponse withHeaderAdded(String name, String value) {
    return (SipResponse) super.withHeaderAdded(name, value);
  }

  @Override
  public SipResponse withBody(MediaType contentType, Bytes body) {
    return (SipResponse) super.withBody(contentType, body);
  }
}
