package org.ddsec.protocol.sip.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One media section (RFC 4566 §5.14): {@code m=<media> <port>[/<count>] <proto> <fmt> …}, then
 * {@code i=}, {@code c=}, {@code b=}, {@code k=} and {@code a=} lines in that order.
 *
 * @param portCount the {@code /<count>} of the m= line, or 0 when absent
 * @param otherLines the i=, b= and k= lines, in order
 */
public record MediaDescription(String media, int port, int portCount, String proto, List<String> formats, List<Connection> connections,
    List<SdpLine> otherLines, List<Attribute> attributes) {

  public MediaDescription {
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(proto, "proto");
    formats = List.copyOf(formats);
    connections = List.copyOf(connections);
    otherLines = List.copyOf(otherLines);
    attributes = List.copyOf(attributes);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("SDP m= port: " + port + " (expected: 0..65535)");
    }
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("SDP m= formats: none (expected: at least one)");
    }
  }

  /** {@code m=audio <port> RTP/SAVP <pts…>} with {@code a=rtpmap} lines for PCMU (0) and PCMA (8). */
  public static MediaDescription audio(int port, String proto, List<Integer> payloadTypes, List<Attribute> extra) {
    List<String> f = new ArrayList<>();
    List<Attribute> a = new ArrayList<>();
    for (int pt : payloadTypes) {
      f.add(Integer.toString(pt));
      if (pt == 0) {
        a.add(new Attribute("rtpmap", "0 PCMU/8000"));
      } else if (pt == 8) {
        a.add(new Attribute("rtpmap", "8 PCMA/8000"));
      }
    }
    a.addAll(extra);
    return new MediaDescription("audio", port, 0, proto, f, List.of(), List.of(), a);
  }

  public Optional<Attribute> attribute(String name) {
    for (Attribute x : attributes) {
      if (x.name().equals(name)) {
        return Optional.of(x);
      }
    }
    return Optional.empty();
  }

  public List<Attribute> attributes(String name) {
    return attributes.stream().filter(x -> x.name().equals(name)).toList();
  }

  /** The first format as an RTP payload type, if it is one (0..127). */
  public Optional<Integer> firstPayloadType() {
    try {
      int pt = Integer.parseInt(formats.get(0));
      return pt >= 0 && pt <= 127 ? Optional.of(pt) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public MediaDescription withAttributes(List<Attribute> a) {
    return new MediaDescription(media, port, portCount, proto, formats, connections, otherLines, a);
  }

  void appendTo(StringBuilder b) {
    b.append("m=").append(media).append(' ').append(port);
    if (portCount > 0) {
      b.append('/').append(portCount);
    }
    b.append(' ').append(proto);
    for (String f : formats) {
      b.append(' ').append(f);
    }
    b.append("\r\n");
    for (SdpLine l : otherLines) {
      if (l.type() == 'i') {
        b.append(l).append("\r\n");
      }
    }
    for (Connection c : connections) {
      b.append("c=").append(c).append("\r\n");
    }
    for (SdpLine l : otherLines) {
      if (l.type() != 'i') {
        b.append(l).append("\r\n");
      }
    }
    for (Attribute a : attributes) {
      b.append("a=").append(a).append("\r\n");
    }
  }
}
