package org.ddsec.protocol.sip;

import java.util.Locale;
import java.util.Objects;

/** A Content-Type value (RFC 3261 §20.15): {@code type/subtype;params}, type and subtype lower case. */
public record MediaType(String type, String subtype, Parameters params) {

  /** {@code application/sdp} (RFC 4566 §8.1). */
  public static final MediaType SDP = new MediaType("application", "sdp", Parameters.NONE);

  public MediaType {
    Objects.requireNonNull(params, "params");
    type = type.toLowerCase(Locale.ROOT);
    subtype = subtype.toLowerCase(Locale.ROOT);
  }

  /** Whether type and subtype equal {@code other}'s (parameters ignored). */
  public boolean is(MediaType other) {
    return type.equals(other.type) && subtype.equals(other.subtype);
  }

  static MediaType parse(String value) throws SipParseException {
    SipLexer lx = new SipLexer(value, "Content-Type");
    String t = lx.token("media type");
    lx.expectSeparator('/', "media type");
    String s = lx.token("media subtype");
    Parameters p = Parameters.parseHeaderParams(lx);
    lx.expectEnd("Content-Type");
    return new MediaType(t, s, p);
  }

  @Override
  public String toString() {
    return type + "/" + subtype + params;
  }
}
