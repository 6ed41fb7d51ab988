package org.ddsec.protocol.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A name-addr or addr-spec with header parameters: the value of To, From, Contact, Route,
 * Record-Route, P-Asserted-Identity (RFC 3325 §9.1) and History-Info (RFC 7044 §5) entries.
 * {@link #toString()} always writes the name-addr form {@code "display" <uri>;params}, which is
 * equivalent and never ambiguous (RFC 3261 §20.10).
 *
 * @param displayName the display name, unquoted (null if absent)
 */
public record NameAddress(String displayName, Uri uri, Parameters params) {

  public NameAddress {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(params, "params");
  }

  public NameAddress(Uri uri) {
    this(null, uri, Parameters.NONE);
  }

  /** The {@code tag} parameter (RFC 3261 §19.3). */
  public Optional<String> tag() {
    return params.get("tag");
  }

  public NameAddress withParam(String name, String value) {
    return new NameAddress(displayName, uri, params.with(name, value));
  }

  public NameAddress withoutParam(String name) {
    return new NameAddress(displayName, uri, params.without(name));
  }

  public NameAddress withTag(String tag) {
    return withParam("tag", tag);
  }

  /** The URI if it is a SIP/SIPS URI. */
  public Optional<SipUri> sipUri() {
    return uri instanceof SipUri s ? Optional.of(s) : Optional.empty();
  }

  /** Parses one value that must be the whole of {@code value} (To, From). */
  static NameAddress parseSingle(String value, String field, boolean requireBrackets) throws SipParseException {
    SipLexer lx = new SipLexer(value, field);
    NameAddress n = parse(lx, requireBrackets);
    lx.expectEnd(field);
    return n;
  }

  /** Parses a comma-separated list of values (Contact, Route, Record-Route, PAI, History-Info). */
  static List<NameAddress> parseList(String value, String field, boolean requireBrackets) throws SipParseException {
    SipLexer lx = new SipLexer(value, field);
    List<NameAddress> l = new ArrayList<>();
    do {
      l.add(parse(lx, requireBrackets));
    } while (lx.trySeparator(','));
    lx.expectEnd(field);
    return l;
  }

  /**
   * {@code (name-addr / addr-spec) *(SEMI generic-param)}. The display name is a quoted string or
   * tokens separated by LWS; a missing LWS before {@code <} is accepted (RFC 4475 §3.1.1.6). In
   * addr-spec form the URI ends at whitespace, {@code ;} or {@code ,} and may carry no {@code ?}
   * headers (RFC 3261 §20.10; RFC 4475 §3.1.2.13).
   */
  static NameAddress parse(SipLexer lx, boolean requireBrackets) throws SipParseException {
    lx.skipWs();
    String display = null;
    boolean bracketed;
    if (lx.peek() == '"') {
      display = SipLexer.unquote(lx.quotedString(lx.field() + " display name"));
      lx.skipWs();
      if (lx.peek() != '<') {
        throw lx.error("display name followed by " + lx.describeNext() + " (expected: '<')");
      }
      bracketed = true;
    } else if (lx.peek() == '<') {
      bracketed = true;
    } else {
      int save = lx.pos();
      StringBuilder tokens = new StringBuilder();
      while (SipLexer.isTokenChar(lx.peek())) {
        if (tokens.length() > 0) {
          tokens.append(' ');
        }
        tokens.append(lx.token("display name"));
        lx.skipWs();
      }
      if (lx.peek() == '<' && tokens.length() > 0) {
        display = tokens.toString();
        bracketed = true;
      } else {
        lx.reset(save);
        bracketed = false;
      }
    }
    Uri uri;
    if (bracketed) {
      lx.advance(); // '<'
      String inner = lx.spanOpt(c -> c != '>' && c != ' ' && c != '\t' && c != '<');
      if (lx.peek() != '>') {
        throw lx.error("URI in <>: " + lx.describeNext() + " (expected: '>' right after the URI, no spaces)");
      }
      lx.advance();
      if (inner.isEmpty()) {
        throw lx.error("empty URI in <>");
      }
      uri = Uri.parse(inner, lx.field());
    } else {
      if (requireBrackets) {
        throw lx.error(lx.describeNext() + " (expected: name-addr, a URI in <>)");
      }
      String text = lx.spanOpt(c -> c != ';' && c != ',' && c != ' ' && c != '\t' && c != '<' && c != '>' && c != '"');
      if (text.isEmpty()) {
        throw lx.error(lx.describeNext() + " (expected: a URI)");
      }
      uri = Uri.parse(text, lx.field());
      if (uri instanceof SipUri s && !s.headers().isEmpty()) {
        throw lx.error("URI with '?' headers outside <> (expected: name-addr form, RFC 3261 §20.10)");
      }
    }
    Parameters params = Parameters.parseHeaderParams(lx);
    return new NameAddress(display, uri, params);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (displayName != null) {
      b.append(SipLexer.quote(displayName)).append(' ');
    }
    return b.append('<').append(uri).append('>').append(params).toString();
  }
}
