package org.ddsec.protocol.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.ddsec.core.Bytes;

/**
 * An immutable SIP message (RFC 3261 §7): a start line, header fields in order and a body. Every
 * instance is valid: the constructor parses and checks the headers ddsec relies on (Via, From,
 * To, Call-ID, CSeq, Max-Forwards, Content-Type, Contact, Route, Record-Route, Expires, Date,
 * Warning, Retry-After, P-Asserted-Identity, History-Info) and refuses duplicates of single-valued
 * headers, so the typed accessors never fail. List headers (Via, Contact, Route, Record-Route,
 * P-Asserted-Identity, History-Info) are held as one field per value (RFC 3261 §7.3.1 makes both
 * forms equivalent). Content-Length is not a field of the model: {@link #encode()} writes it from
 * the body.
 *
 * <p>Messages built by the application ({@code create}, {@code with…}) throw {@link
 * IllegalArgumentException} if invalid; messages parsed from the wire throw {@link
 * SipParseException} (see {@link SipParser}).
 */
public abstract sealed class SipMessage permits SipRequest, SipResponse {

  private static final Pattern RFC1123 = Pattern.compile(
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (0[1-9]|[12][0-9]|3[01]) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} "
          + "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9] GMT");
  private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
  private static final Pattern HI_INDEX = Pattern.compile("(0|[1-9][0-9]{0,8})(\\.(0|[1-9][0-9]{0,8}))*");

  private final List<HeaderField> headers;
  private final Bytes body;
  private final List<Via> vias;
  private final NameAddress from;
  private final NameAddress to;
  private final String callId;
  private final CSeq cseq;
  private final int maxForwards;
  private final MediaType contentType;
  private final List<NameAddress> contacts;
  private final boolean wildcardContact;
  private final List<NameAddress> routes;
  private final List<NameAddress> recordRoutes;
  private final List<NameAddress> assertedIdentities;
  private final List<NameAddress> historyInfo;
  private final long expires;

  /** Marks a wildcard Contact and headers that are validated but have no typed value. */
  private static final Object WILDCARD = new Object();
  private static final Object VALID = new Object();

  /** The typed value of each field of this message, by identity (copies reuse it for unchanged fields). */
  private final IdentityHashMap<HeaderField, Object> parsed;

  SipMessage(List<HeaderField> fields, Bytes body) throws SipParseException {
    this(fields, body, null);
  }

  /** {@code prior}: a valid message whose field instances (by identity) need not be parsed again. */
  SipMessage(List<HeaderField> fields, Bytes body, SipMessage prior) throws SipParseException {
    Objects.requireNonNull(fields, "headers");
    this.body = Objects.requireNonNull(body, "body");
    Map<String, Integer> counts = new HashMap<>();
    List<HeaderField> norm = new ArrayList<>(fields.size() + 4);
    IdentityHashMap<HeaderField, Object> typed = new IdentityHashMap<>(fields.size() * 2);
    List<Via> vias = new ArrayList<>(4);
    List<NameAddress> contacts = new ArrayList<>(1);
    List<NameAddress> routes = new ArrayList<>(2);
    List<NameAddress> rrs = new ArrayList<>(2);
    List<NameAddress> pai = new ArrayList<>(1);
    List<NameAddress> hi = new ArrayList<>(2);
    boolean wildcard = false;
    NameAddress from = null;
    NameAddress to = null;
    String callId = null;
    CSeq cseq = null;
    int maxForwards = -1;
    MediaType contentType = null;
    long expires = -1;
    List<HeaderField> nf = new ArrayList<>(2);
    List<Object> nv = new ArrayList<>(2);
    for (HeaderField f : fields) {
      String n = f.name();
      if (HeaderNames.SINGLE.contains(n) && counts.merge(n, 1, Integer::sum) > 1) {
        throw new SipParseException(SipParseException.Reason.DUPLICATE_HEADER, n, "appears more than once (expected: one value)");
      }
      nf.clear();
      nv.clear();
      Object cached = prior == null ? null : prior.parsed.get(f);
      if (cached != null) {
        nf.add(f);
        nv.add(cached);
      } else {
        parseField(f, nf, nv);
      }
      for (int i = 0; i < nf.size(); i++) {
        HeaderField field = nf.get(i);
        Object v = nv.get(i);
        norm.add(field);
        typed.put(field, v);
        switch (n) {
          case HeaderNames.VIA -> vias.add((Via) v);
          case HeaderNames.CONTACT -> {
            if (v == WILDCARD) {
              wildcard = true;
            } else {
              contacts.add((NameAddress) v);
            }
          }
          case HeaderNames.ROUTE -> routes.add((NameAddress) v);
          case HeaderNames.RECORD_ROUTE -> rrs.add((NameAddress) v);
          case HeaderNames.P_ASSERTED_IDENTITY -> pai.add((NameAddress) v);
          case HeaderNames.HISTORY_INFO -> hi.add((NameAddress) v);
          case HeaderNames.FROM -> from = (NameAddress) v;
          case HeaderNames.TO -> to = (NameAddress) v;
          case HeaderNames.CALL_ID -> callId = (String) v;
          case HeaderNames.CSEQ -> cseq = (CSeq) v;
          case HeaderNames.MAX_FORWARDS -> maxForwards = (Integer) v;
          case HeaderNames.EXPIRES -> expires = (Long) v;
          case HeaderNames.CONTENT_TYPE -> contentType = (MediaType) v;
          default -> {
            // validated, no typed value kept
          }
        }
      }
    }
    if (vias.isEmpty()) {
      throw new SipParseException(SipParseException.Reason.MISSING_HEADER, HeaderNames.VIA, "missing (expected: at least one)");
    }
    if (from == null) {
      throw missing(HeaderNames.FROM);
    }
    if (to == null) {
      throw missing(HeaderNames.TO);
    }
    if (callId == null) {
      throw missing(HeaderNames.CALL_ID);
    }
    if (cseq == null) {
      throw missing(HeaderNames.CSEQ);
    }
    if (wildcard && !contacts.isEmpty()) {
      throw new SipParseException(HeaderNames.CONTACT, "'*' together with other values (expected: '*' alone, RFC 3261 §10.2.2)");
    }
    if (!body.isEmpty() && contentType == null) {
      throw new SipParseException(SipParseException.Reason.MISSING_HEADER, HeaderNames.CONTENT_TYPE,
          "missing for a " + body.length() + "-byte body (expected: present when the body is not empty, RFC 3261 §20.15)");
    }
    if (pai.size() > 2) {
      throw new SipParseException(HeaderNames.P_ASSERTED_IDENTITY, pai.size() + " values (expected: at most 2, RFC 3325 §9.1)");
    }
    this.headers = Collections.unmodifiableList(norm);
    this.parsed = typed;
    this.vias = List.copyOf(vias);
    this.from = from;
    this.to = to;
    this.callId = callId;
    this.cseq = cseq;
    this.maxForwards = maxForwards;
    this.contentType = contentType;
    this.contacts = List.copyOf(contacts);
    this.wildcardContact = wildcard;
    this.routes = List.copyOf(routes);
    this.recordRoutes = List.copyOf(rrs);
    this.assertedIdentities = List.copyOf(pai);
    this.historyInfo = List.copyOf(hi);
    this.expires = expires;
  }

  /** Parses one field into its normalised field(s) and typed value(s) (list headers: one per value). */
  private static void parseField(HeaderField f, List<HeaderField> outFields, List<Object> outValues) throws SipParseException {
    String n = f.name();
    String v = f.value();
    switch (n) {
      case HeaderNames.VIA -> {
        for (Via x : Via.parseList(v)) {
          outFields.add(new HeaderField(n, x.toString()));
          outValues.add(x);
        }
        return;
      }
      case HeaderNames.CONTACT -> {
        if (v.strip().equals("*")) {
          outFields.add(new HeaderField(n, "*"));
          outValues.add(WILDCARD);
          return;
        }
        for (NameAddress c : NameAddress.parseList(v, n, false)) {
          checkContactParams(c);
          outFields.add(new HeaderField(n, c.toString()));
          outValues.add(c);
        }
        return;
      }
      case HeaderNames.ROUTE, HeaderNames.RECORD_ROUTE, HeaderNames.P_ASSERTED_IDENTITY, HeaderNames.HISTORY_INFO -> {
        boolean brackets = !n.equals(HeaderNames.P_ASSERTED_IDENTITY);
        for (NameAddress a : NameAddress.parseList(v, n, brackets)) {
          if (n.equals(HeaderNames.HISTORY_INFO)) {
            String idx = a.params().get("index").orElseThrow(() -> new SipParseException(n, "entry without index (expected: index=1.1…, RFC 7044 §5)"));
            if (!HI_INDEX.matcher(idx).matches()) {
              throw new SipParseException(n, "index: " + SipLexer.abbreviate(idx) + " (expected: number *(\".\" number))");
            }
          }
          outFields.add(new HeaderField(n, a.toString()));
          outValues.add(a);
        }
        return;
      }
      default -> {
        // single-valued or opaque below
      }
    }
    Object value = switch (n) {
      case HeaderNames.FROM, HeaderNames.TO -> NameAddress.parseSingle(v, n, false);
      case HeaderNames.CALL_ID -> parseCallId(v);
      case HeaderNames.CSEQ -> CSeq.parse(v);
      case HeaderNames.MAX_FORWARDS -> (int) single(v, n, 255);
      case HeaderNames.EXPIRES -> single(v, n, CSeq.MAX);
      case HeaderNames.MIN_EXPIRES -> {
        single(v, n, CSeq.MAX);
        yield VALID;
      }
      case HeaderNames.CONTENT_TYPE -> MediaType.parse(v);
      case HeaderNames.DATE -> {
        if (!RFC1123.matcher(v.strip()).matches()) {
          throw new SipParseException(n, "'" + SipLexer.abbreviate(SipLexer.printable(v)) + "' (expected: RFC 1123 date in GMT, RFC 3261 §20.17)");
        }
        yield VALID;
      }
      case HeaderNames.WARNING -> {
        checkWarning(v);
        yield VALID;
      }
      case HeaderNames.RETRY_AFTER -> {
        checkRetryAfter(v);
        yield VALID;
      }
      case HeaderNames.RSEQ -> {
        if (single(v, n, CSeq.MAX) < 1) {
          throw new SipParseException(n, "0 (expected: 1..2^32-1, RFC 3262 §7.1)");
        }
        yield VALID;
      }
      case HeaderNames.RACK -> RAck.parse(v);
      case HeaderNames.CONTENT_LENGTH -> throw new SipParseException(n, "set by the message from its body (not a header field of the model)");
      default -> {
        checkText(v, n);
        yield VALID;
      }
    };
    String stripped = v.strip();
    outFields.add(stripped.equals(v) ? f : new HeaderField(n, stripped));
    outValues.add(value);
  }

  private static SipParseException missing(String n) {
    return new SipParseException(SipParseException.Reason.MISSING_HEADER, n, "missing (expected: present in every request and response, RFC 3261 §8.1.1)");
  }

  private static String parseCallId(String v) throws SipParseException {
    SipLexer lx = new SipLexer(v.strip(), HeaderNames.CALL_ID);
    lx.word("Call-ID");
    if (lx.peek() == '@') {
      lx.advance();
      lx.word("Call-ID host part");
    }
    lx.expectEnd("Call-ID");
    return v.strip();
  }

  private static long single(String v, String n, long max) throws SipParseException {
    SipLexer lx = new SipLexer(v.strip(), n);
    long x = lx.number(n, max);
    lx.expectEnd(n);
    return x;
  }

  private static void checkContactParams(NameAddress c) throws SipParseException {
    Optional<String> e = c.params().get("expires");
    if (e.isPresent()) {
      single(e.get(), "Contact expires", CSeq.MAX);
    }
    Optional<String> q = c.params().get("q");
    if (q.isPresent() && !QVALUE.matcher(q.get()).matches()) {
      throw new SipParseException(HeaderNames.CONTACT, "q: " + SipLexer.abbreviate(q.get()) + " (expected: a qvalue 0..1 with up to 3 decimals)");
    }
  }

  /** warning-value = warn-code SP warn-agent SP warn-text (RFC 3261 §20.43); RFC 4475 §3.1.2.5. */
  private static void checkWarning(String v) throws SipParseException {
    SipLexer lx = new SipLexer(v.strip(), HeaderNames.WARNING);
    do {
      lx.skipWs();
      String code = lx.span("warn-code", SipLexer::isDigit);
      if (code.length() != 3) {
        throw lx.error("warn-code: " + SipLexer.abbreviate(code) + " (expected: 3 digits)");
      }
      if (lx.peek() != ' ') {
        throw lx.error("after warn-code: " + lx.describeNext() + " (expected: SP)");
      }
      lx.advance();
      lx.span("warn-agent", c -> SipLexer.isTokenChar(c) || c == ':' || c == '[' || c == ']');
      if (lx.peek() != ' ') {
        throw lx.error("after warn-agent: " + lx.describeNext() + " (expected: SP)");
      }
      lx.advance();
      lx.quotedString("warn-text");
    } while (lx.trySeparator(','));
    lx.expectEnd(HeaderNames.WARNING);
  }

  /** Retry-After = delta-seconds [ comment ] *( SEMI retry-param ) (RFC 3261 §20.33). */
  private static void checkRetryAfter(String v) throws SipParseException {
    SipLexer lx = new SipLexer(v.strip(), HeaderNames.RETRY_AFTER);
    lx.number("Retry-After", CSeq.MAX);
    lx.skipWs();
    if (lx.peek() == '(') {
      lx.spanOpt(c -> c != ')');
      if (lx.peek() != ')') {
        throw lx.error("unterminated comment (expected: ')')");
      }
      lx.advance();
    }
    Parameters.parseHeaderParams(lx);
    lx.expectEnd(HeaderNames.RETRY_AFTER);
  }

  /** A header value the model does not parse: UTF-8 text without control characters except HTAB. */
  private static void checkText(String v, String n) throws SipParseException {
    boolean quoted = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (quoted && c == '\\' && i + 1 < v.length()) {
        i++;
        continue;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (c < 0x20 && c != '\t' || c == 0x7F) {
        throw new SipParseException(n, "control character " + SipLexer.describe(c) + " in the value");
      }
    }
  }

  // ---- accessors ----

  /** All header fields in order (Content-Length excluded). */
  public List<HeaderField> headerFields() {
    return headers;
  }

  /** The first value of header {@code name} (any spelling or compact form). */
  public Optional<String> header(String name) {
    String c = HeaderNames.canonical(name);
    for (HeaderField f : headers) {
      if (f.name().equalsIgnoreCase(c)) {
        return Optional.of(f.value());
      }
    }
    return Optional.empty();
  }

  /** Every value of header {@code name}, in order. */
  public List<String> headers(String name) {
    String c = HeaderNames.canonical(name);
    List<String> l = new ArrayList<>(2);
    for (HeaderField f : headers) {
      if (f.name().equalsIgnoreCase(c)) {
        l.add(f.value());
      }
    }
    return l;
  }

  public Bytes body() {
    return body;
  }

  public List<Via> vias() {
    return vias;
  }

  public Via topVia() {
    return vias.get(0);
  }

  public NameAddress from() {
    return from;
  }

  public NameAddress to() {
    return to;
  }

  public String callId() {
    return callId;
  }

  public CSeq cseq() {
    return cseq;
  }

  /** Max-Forwards, or {@code -1} when absent. */
  public int maxForwards() {
    return maxForwards;
  }

  public Optional<MediaType> contentType() {
    return Optional.ofNullable(contentType);
  }

  public List<NameAddress> contacts() {
    return contacts;
  }

  /** Whether Contact is {@code *} (REGISTER removing all bindings, RFC 3261 §10.2.2). */
  public boolean wildcardContact() {
    return wildcardContact;
  }

  public List<NameAddress> routes() {
    return routes;
  }

  public List<NameAddress> recordRoutes() {
    return recordRoutes;
  }

  /** P-Asserted-Identity values (RFC 3325 §9.1). */
  public List<NameAddress> assertedIdentities() {
    return assertedIdentities;
  }

  /** History-Info entries in order (RFC 7044 §5). */
  public List<NameAddress> historyInfo() {
    return historyInfo;
  }

  /** Expires in seconds, or {@code -1} when absent. */
  public long expires() {
    return expires;
  }

  /** The RSeq of a reliable provisional response (RFC 3262 §7.1), if present. */
  public OptionalLong rseq() {
    Optional<String> v = header(HeaderNames.RSEQ);
    return v.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(v.get())); // validated at construction
  }

  /** The RAck of a PRACK (RFC 3262 §7.2), if present. */
  public Optional<RAck> rack() {
    for (HeaderField f : headers) {
      if (f.name().equals(HeaderNames.RACK)) {
        return Optional.of((RAck) parsed.get(f));
      }
    }
    return Optional.empty();
  }

  /**
   * The option tags listed in every {@code name} header (Require, Supported, Proxy-Require,
   * Unsupported; RFC 3261 §20.32, §20.37), in order, without duplicates.
   */
  public Set<String> optionTags(String name) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : headers(name)) {
      for (String t : v.split(",")) {
        String s = t.strip();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** Whether a {@code name} header (Require, Supported, …) lists option tag {@code tag} (tokens compare case-insensitively, RFC 3261 §7.3.1). */
  public boolean hasOptionTag(String name, String tag) {
    return optionTags(name).stream().anyMatch(tag::equalsIgnoreCase);
  }

  /** The first line, e.g. {@code INVITE sip:bob@example.org SIP/2.0}. */
  public abstract String startLine();

  // ---- copies ----

  abstract SipMessage copy(List<HeaderField> headers, Bytes body) throws SipParseException;

  final SipMessage copyUnchecked(List<HeaderField> h, Bytes b) {
    try {
      return copy(h, b);
    } catch (SipParseException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A copy with header {@code name} set to the single value {@code value} (in place of the first, others removed). */
  public SipMessage withHeader(String name, String value) {
    String c = HeaderNames.canonical(name);
    List<HeaderField> l = new ArrayList<>(headers.size() + 1);
    boolean done = false;
    for (HeaderField f : headers) {
      if (f.name().equalsIgnoreCase(c)) {
        if (!done) {
          l.add(new HeaderField(c, value));
          done = true;
        }
      } else {
        l.add(f);
      }
    }
    if (!done) {
      l.add(new HeaderField(c, value));
    }
    return copyUnchecked(l, body);
  }

  /** A copy without any field named {@code name}. */
  public SipMessage withoutHeader(String name) {
    String c = HeaderNames.canonical(name);
    List<HeaderField> l = new ArrayList<>(headers.size());
    for (HeaderField f : headers) {
      if (!f.name().equalsIgnoreCase(c)) {
        l.add(f);
      }
    }
    return copyUnchecked(l, body);
  }

  /** A copy without the first field named {@code name} (pops the top Via or Route). */
  public SipMessage withoutFirst(String name) {
    String c = HeaderNames.canonical(name);
    List<HeaderField> l = new ArrayList<>(headers);
    for (int i = 0; i < l.size(); i++) {
      if (l.get(i).name().equalsIgnoreCase(c)) {
        l.remove(i);
        break;
      }
    }
    return copyUnchecked(l, body);
  }

  /** A copy with the first field named {@code name} replaced by {@code value} (e.g. the top Via). */
  public SipMessage withFirstReplaced(String name, String value) {
    String c = HeaderNames.canonical(name);
    List<HeaderField> l = new ArrayList<>(headers);
    for (int i = 0; i < l.size(); i++) {
      if (l.get(i).name().equalsIgnoreCase(c)) {
        l.set(i, new HeaderField(c, value));
        return copyUnchecked(l, body);
      }
    }
    throw new IllegalArgumentException("no " + c + " field to replace");
  }

  /** A copy with {@code value} inserted before the first field named {@code name} (or first of all if none). */
  public SipMessage withHeaderFirst(String name, String value) {
    String c = HeaderNames.canonical(name);
    List<HeaderField> l = new ArrayList<>(headers);
    int at = 0;
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).name().equalsIgnoreCase(c)) {
        at = i;
        break;
      }
    }
    l.add(at, new HeaderField(c, value));
    return copyUnchecked(l, body);
  }

  /** A copy with {@code value} added after the last field named {@code name} (or at the end). */
  public SipMessage withHeaderAdded(String name, String value) {
    String c = HeaderNames.canonical(name);
    List<HeaderField> l = new ArrayList<>(headers);
    int at = l.size();
    for (int i = l.size() - 1; i >= 0; i--) {
      if (l.get(i).name().equalsIgnoreCase(c)) {
        at = i + 1;
        break;
      }
    }
    l.add(at, new HeaderField(c, value));
    return copyUnchecked(l, body);
  }

  /** A copy with body {@code body} of type {@code contentType} (or no body if {@code body} is empty). */
  public SipMessage withBody(MediaType contentType, Bytes body) {
    List<HeaderField> l = new ArrayList<>(headers.size() + 1);
    for (HeaderField f : headers) {
      if (!f.is(HeaderNames.CONTENT_TYPE)) {
        l.add(f);
      }
    }
    if (!body.isEmpty()) {
      l.add(new HeaderField(HeaderNames.CONTENT_TYPE, contentType.toString()));
    }
    return copyUnchecked(l, body);
  }

  // ---- wire form ----

  /** The message as bytes: start line, header fields, Content-Length of the body, CRLF, body (RFC 3261 §7). */
  public byte[] encode() {
    StringBuilder b = new StringBuilder(256 + headers.size() * 48);
    b.append(startLine()).append("\r\n");
    for (HeaderField f : headers) {
      b.append(f.name()).append(": ").append(f.value()).append("\r\n");
    }
    b.append(HeaderNames.CONTENT_LENGTH).append(": ").append(body.length()).append("\r\n\r\n");
    byte[] head = b.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + body.length()];
    System.arraycopy(head, 0, out, 0, head.length);
    body.copyTo(out, head.length);
    return out;
  }

  /** Equal when start line, header fields (in order) and body are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SipMessage m && m.getClass() == getClass() && m.startLine().equals(startLine()) && m.headers.equals(headers)
        && m.body.equals(body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(startLine(), headers, body);
  }

  /** The wire form as text (the body shown as UTF-8), for logs and tests. */
  @Override
  public String toString() {
    return new String(encode(), StandardCharsets.UTF_8);
  }
}
