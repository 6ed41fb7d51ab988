package org.ddsec.protocol.sip.sdp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.sip.SipParseException;

/**
 * An SDP session description (RFC 4566): the session-level lines and the media sections, in the
 * fixed order of RFC 4566 §5. The parser is strict: lines in that order, {@code v=0}, no spaces
 * around {@code =}, no type letter other than those of §5 (a description with one "MUST be
 * ignored", so it is refused as a whole), UTF-8, CRLF or LF line ends (§5 allows a lone LF).
 * Errors are {@link SipParseException}s naming the line ({@code "SDP m="} …).
 *
 * @param sessionInfo the i=, u=, e= and p= lines
 * @param bandwidths the session-level b= lines (values)
 * @param timing the t= and r= lines, in order (at least one t=)
 * @param zoneAndKey the z= and k= lines
 */
public record SessionDescription(Origin origin, String sessionName, List<SdpLine> sessionInfo, Connection connection,
    List<String> bandwidths, List<SdpLine> timing, List<SdpLine> zoneAndKey, List<Attribute> attributes, List<MediaDescription> media) {

  /** Largest description accepted (well above any ddsec offer; SIP caps the message anyway). */
  public static final int MAX_BYTES = 32 * 1024;

  private static final String ORDER = "vosiuepcbtrzkam";

  public SessionDescription {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(sessionName, "sessionName");
    sessionInfo = List.copyOf(sessionInfo);
    bandwidths = List.copyOf(bandwidths);
    timing = List.copyOf(timing);
    zoneAndKey = List.copyOf(zoneAndKey);
    attributes = List.copyOf(attributes);
    media = List.copyOf(media);
    if (timing.isEmpty() || timing.get(0).type() != 't') {
      throw new IllegalArgumentException("SDP: no t= line (expected: at least one time description)");
    }
  }

  /**
   * A one-stream audio description: {@code o=- <id> <id> IN IP4|IP6 <address>}, {@code s=-},
   * {@code c=}, {@code t=0 0}, the session-level attributes (e.g. {@code a=key-mgmt:mikey …}),
   * then {@code m=audio <port> <proto> <payloadTypes…>} with rtpmap lines and {@code mediaAttributes}.
   */
  public static SessionDescription audio(long sessionId, String address, List<Attribute> sessionAttributes, int port, String proto,
      List<Integer> payloadTypes, List<Attribute> mediaAttributes) {
    Connection c = Connection.of(address);
    return new SessionDescription(new Origin("-", Long.toString(sessionId), Long.toString(sessionId), "IN", c.addrType(), address), "-",
        List.of(), c, List.of(), List.of(new SdpLine('t', "0 0")), List.of(), sessionAttributes,
        List.of(MediaDescription.audio(port, proto, payloadTypes, mediaAttributes)));
  }

  public Optional<Connection> sessionConnection() {
    return Optional.ofNullable(connection);
  }

  public List<Attribute> attributes(String name) {
    return attributes.stream().filter(x -> x.name().equals(name)).toList();
  }

  /** The first media section of type {@code type} ({@code "audio"}). */
  public Optional<MediaDescription> firstMedia(String type) {
    return media.stream().filter(m -> m.media().equals(type)).findFirst();
  }

  /** Where {@code m} is received: its own c= if any, else the session's (RFC 4566 §5.7). */
  public Optional<Connection> connectionFor(MediaDescription m) {
    if (!m.connections().isEmpty()) {
      return Optional.of(m.connections().get(0));
    }
    return sessionConnection();
  }

  /** The description as bytes (CRLF line ends). */
  public Bytes encode() {
    StringBuilder b = new StringBuilder(512);
    b.append("v=0\r\n").append("o=").append(origin).append("\r\n").append("s=").append(sessionName).append("\r\n");
    for (SdpLine l : sessionInfo) {
      b.append(l).append("\r\n");
    }
    if (connection != null) {
      b.append("c=").append(connection).append("\r\n");
    }
    for (String bw : bandwidths) {
      b.append("b=").append(bw).append("\r\n");
    }
    for (SdpLine l : timing) {
      b.append(l).append("\r\n");
    }
    for (SdpLine l : zoneAndKey) {
      b.append(l).append("\r\n");
    }
    for (Attribute a : attributes) {
      b.append("a=").append(a).append("\r\n");
    }
    for (MediaDescription m : media) {
      m.appendTo(b);
    }
    return Bytes.utf8(b.toString());
  }

  @Override
  public String toString() {
    return encode().utf8();
  }

  /** Parses a description (a SIP body of type application/sdp). */
  public static SessionDescription parse(Bytes body) throws SipParseException {
    if (body.length() > MAX_BYTES) {
      throw new SipParseException(SipParseException.Reason.TOO_LARGE, "SDP", body.length() + " bytes (expected: at most " + MAX_BYTES + ")");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new SipParseException("SDP", "not UTF-8 (expected: UTF-8 text, RFC 4566 §5)");
    }
    if (text.isEmpty()) {
      throw new SipParseException("SDP", "empty (expected: v=0 …)");
    }
    String[] raw = text.split("\n", -1);
    int n = raw.length;
    if (raw[n - 1].isEmpty()) {
      n--; // the final line end
    } else {
      throw new SipParseException("SDP", "last line not terminated (expected: CRLF or LF)");
    }
    Origin origin = null;
    String name = null;
    Connection conn = null;
    List<SdpLine> info = new ArrayList<>();
    List<String> bw = new ArrayList<>();
    List<SdpLine> timing = new ArrayList<>();
    List<SdpLine> zk = new ArrayList<>();
    List<Attribute> attrs = new ArrayList<>();
    List<MediaDescription> media = new ArrayList<>();
    // the media section being read
    String[] mline = null;
    List<Connection> mConn = null;
    List<SdpLine> mOther = null;
    List<Attribute> mAttrs = null;
    int lastSession = -1; // index in ORDER of the last session-level line
    int lastMedia = -1; // order within a media section: m=0 i=1 c=2 b=3 k=4 a=5
    for (int i = 0; i < n; i++) {
      String line = raw[i];
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw new SipParseException("SDP", "line " + (i + 1) + " '" + abbreviate(line) + "' (expected: <type>=<value> without spaces around '=')");
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      checkText(value, type);
      if (i == 0 && (type != 'v' || !value.equals("0"))) {
        throw new SipParseException("SDP v=", "'" + abbreviate(line) + "' (expected: v=0 as the first line)");
      }
      if (ORDER.indexOf(type) < 0) {
        throw new SipParseException("SDP", "unknown type letter '" + type + "' on line " + (i + 1) + " (expected: one of " + ORDER + ", RFC 4566 §5)");
      }
      if (type == 'm') {
        if (mline != null) {
          media.add(media(mline, mConn, mOther, mAttrs));
        } else if (timing.isEmpty()) {
          throw new SipParseException("SDP t=", "missing before the first m= (expected: at least one t= line)");
        }
        mline = value.split(" ", -1);
        mConn = new ArrayList<>();
        mOther = new ArrayList<>();
        mAttrs = new ArrayList<>();
        lastMedia = 0;
        continue;
      }
      if (mline != null) {
        int rank = "micbka".indexOf(type);
        if (rank < 0) {
          throw new SipParseException("SDP " + type + "=", "in a media section (expected: i=, c=, b=, k= or a=)");
        }
        if (rank < lastMedia || rank == lastMedia && (type == 'i' || type == 'k')) {
          throw new SipParseException("SDP " + type + "=", "out of order on line " + (i + 1) + " (expected: m= i= c= b= k= a=, RFC 4566 §5)");
        }
        lastMedia = rank;
        switch (type) {
          case 'c' -> mConn.add(connection(value));
          case 'a' -> mAttrs.add(attribute(value));
          case 'b' -> {
            bandwidth(value);
            mOther.add(new SdpLine(type, value));
          }
          default -> mOther.add(new SdpLine(type, value));
        }
        continue;
      }
      int rank = ORDER.indexOf(type);
      boolean repeatable = type == 'e' || type == 'p' || type == 'b' || type == 't' || type == 'r' || type == 'a';
      if (rank < lastSession || rank == lastSession && !repeatable) {
        if (!(type == 't' && lastSession == ORDER.indexOf('r'))) {
          throw new SipParseException("SDP " + type + "=", "out of order on line " + (i + 1) + " (expected: the order v o s i u e p c b t r z k a m, RFC 4566 §5)");
        }
      }
      if (type == 'r' && timing.isEmpty()) {
        throw new SipParseException("SDP r=", "before any t= line");
      }
      lastSession = rank;
      switch (type) {
        case 'v' -> {
          if (i != 0) {
            throw new SipParseException("SDP v=", "not the first line");
          }
        }
        case 'o' -> origin = origin(value);
        case 's' -> {
          if (value.isEmpty()) {
            throw new SipParseException("SDP s=", "empty (expected: a session name, '-' if none, RFC 4566 §5.3)");
          }
          name = value;
        }
        case 'i', 'u', 'e', 'p' -> info.add(new SdpLine(type, value));
        case 'c' -> conn = connection(value);
        case 'b' -> bw.add(bandwidth(value));
        case 't' -> {
          time(value);
          timing.add(new SdpLine(type, value));
        }
        case 'r' -> timing.add(new SdpLine(type, value));
        case 'z', 'k' -> zk.add(new SdpLine(type, value));
        case 'a' -> attrs.add(attribute(value));
        default -> throw new AssertionError(type);
      }
    }
    if (origin == null) {
      throw new SipParseException("SDP o=", "missing (expected: o= as the second line)");
    }
    if (name == null) {
      throw new SipParseException("SDP s=", "missing");
    }
    if (timing.isEmpty()) {
      throw new SipParseException("SDP t=", "missing (expected: at least one t= line)");
    }
    if (mline != null) {
      media.add(media(mline, mConn, mOther, mAttrs));
    }
    for (MediaDescription m : media) {
      if (m.connections().isEmpty() && conn == null) {
        throw new SipParseException("SDP c=", "missing for m=" + m.media() + " (expected: at session level or in every media section, RFC 4566 §5.7)");
      }
    }
    return new SessionDescription(origin, name, info, conn, bw, timing, zk, attrs, media);
  }

  private static Origin origin(String v) throws SipParseException {
    String[] f = v.split(" ", -1);
    if (f.length != 6) {
      throw new SipParseException("SDP o=", f.length + " fields (expected: 6: username sess-id sess-version nettype addrtype address)");
    }
    for (String x : f) {
      if (x.isEmpty()) {
        throw new SipParseException("SDP o=", "empty field (expected: fields separated by single spaces)");
      }
    }
    if (!f[1].matches("[0-9]{1,20}") || !f[2].matches("[0-9]{1,20}")) {
      throw new SipParseException("SDP o=", "sess-id/sess-version '" + abbreviate(f[1]) + " " + abbreviate(f[2]) + "' (expected: digits)");
    }
    return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
  }

  private static Connection connection(String v) throws SipParseException {
    String[] f = v.split(" ", -1);
    if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty() || f[2].isEmpty()) {
      throw new SipParseException("SDP c=", "'" + abbreviate(v) + "' (expected: nettype addrtype connection-address)");
    }
    if (f[0].equals("IN")) {
      String host = f[2].indexOf('/') >= 0 ? f[2].substring(0, f[2].indexOf('/')) : f[2];
      boolean ok = switch (f[1]) {
        case "IP4" -> host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.matches("[A-Za-z0-9.-]+");
        case "IP6" -> host.matches("[0-9A-Fa-f:.]+") && host.indexOf(':') >= 0 || host.matches("[A-Za-z0-9.-]+");
        default -> false;
      };
      if (!ok) {
        throw new SipParseException("SDP c=", "'" + abbreviate(v) + "' (expected: IN IP4 <address> or IN IP6 <address>)");
      }
      if (f[1].equals("IP4") && host.matches("[0-9.]+")) {
        for (String o : host.split("\\.")) {
          if (Integer.parseInt(o) > 255) {
            throw new SipParseException("SDP c=", "IPv4 octet " + o + " (expected: 0..255)");
          }
        }
      }
    }
    return new Connection(f[0], f[1], f[2]);
  }

  private static String bandwidth(String v) throws SipParseException {
    if (!v.matches("[A-Za-z0-9!#$%&'*+.^_`{|}~-]+:[0-9]{1,10}")) {
      throw new SipParseException("SDP b=", "'" + abbreviate(v) + "' (expected: bwtype:bandwidth)");
    }
    return v;
  }

  private static void time(String v) throws SipParseException {
    if (!v.matches("[0-9]{1,20} [0-9]{1,20}")) {
      throw new SipParseException("SDP t=", "'" + abbreviate(v) + "' (expected: start-time SP stop-time)");
    }
  }

  private static Attribute attribute(String v) throws SipParseException {
    int colon = v.indexOf(':');
    String name = colon < 0 ? v : v.substring(0, colon);
    if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`{|}~-]+")) {
      throw new SipParseException("SDP a=", "attribute name '" + abbreviate(name) + "' (expected: a token)");
    }
    return new Attribute(name, colon < 0 ? null : v.substring(colon + 1));
  }

  private static MediaDescription media(String[] f, List<Connection> c, List<SdpLine> other, List<Attribute> a) throws SipParseException {
    if (f.length < 4) {
      throw new SipParseException("SDP m=", f.length + " fields (expected: media port proto fmt …)");
    }
    for (String x : f) {
      if (x.isEmpty()) {
        throw new SipParseException("SDP m=", "empty field (expected: fields separated by single spaces)");
      }
    }
    if (!f[0].matches("[A-Za-z0-9!#$%&'*+.^_`{|}~-]+")) {
      throw new SipParseException("SDP m=", "media '" + abbreviate(f[0]) + "' (expected: a token)");
    }
    String[] p = f[1].split("/", -1);
    if (p.length > 2 || !p[0].matches("[0-9]{1,5}") || p.length == 2 && !p[1].matches("[1-9][0-9]{0,4}")) {
      throw new SipParseException("SDP m=", "port '" + abbreviate(f[1]) + "' (expected: port[/count])");
    }
    int port = Integer.parseInt(p[0]);
    if (port > 65535) {
      throw new SipParseException("SDP m=", "port " + port + " (expected: 0..65535)");
    }
    int count = p.length == 2 ? Integer.parseInt(p[1]) : 0;
    if (!f[2].matches("[A-Za-z0-9!#$%&'*+.^_`{|}~/-]+")) {
      throw new SipParseException("SDP m=", "proto '" + abbreviate(f[2]) + "' (expected: tokens separated by '/')");
    }
    List<String> formats = List.of(f).subList(3, f.length);
    if (f[2].startsWith("RTP/")) {
      for (String fmt : formats) {
        if (!fmt.matches("[0-9]{1,3}") || Integer.parseInt(fmt) > 127) {
          throw new SipParseException("SDP m=", "RTP payload type '" + abbreviate(fmt) + "' (expected: 0..127)");
        }
      }
    }
    return new MediaDescription(f[0], port, count, f[2], formats, c, other, a);
  }

  private static void checkText(String v, char type) throws SipParseException {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == 0 || c == '\r' || c == '\n') {
        throw new SipParseException("SDP " + type + "=", "NUL, CR or LF in the value (expected: text, RFC 4566 §9 text)");
      }
    }
  }

  private static String abbreviate(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    return s.length() > 40 ? b + "…" : b.toString();
  }
}
