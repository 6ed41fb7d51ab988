package org.ddsec.protocol.sip.sdp;

import java.util.Objects;

/** An {@code a=} line (RFC 4566 §5.13): a property {@code a=name} or a value {@code a=name:value}. */
public record Attribute(String name, String value) {

  public Attribute {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("SDP attribute name: empty");
    }
  }

  public static Attribute flag(String name) {
    return new Attribute(name, null);
  }

  @Override
  public String toString() {
    return value == null ? name : name + ":" + value;
  }
}
