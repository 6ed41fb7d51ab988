package org.ddsec.protocol.sip.sdp;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.sip.SipParseException;

/**
 * The RFC 4567 key-management attribute: {@code a=key-mgmt:<prtcl-id> <keymgmt-data>}, the data
 * base64 (RFC 4567 §3.1). ddsec carries MIKEY in it ({@code prtcl-id = mikey}).
 */
public record KeyMgmt(String protocolId, Bytes data) {

  /** The attribute name. */
  public static final String ATTRIBUTE = "key-mgmt";
  /** The MIKEY protocol identifier (RFC 4567 §9.3.1). */
  public static final String MIKEY = "mikey";

  public KeyMgmt {
    Objects.requireNonNull(protocolId, "protocolId");
    Objects.requireNonNull(data, "data");
  }

  public static KeyMgmt mikey(Bytes message) {
    return new KeyMgmt(MIKEY, message);
  }

  public Attribute toAttribute() {
    return new Attribute(ATTRIBUTE, protocolId + " " + Base64.getEncoder().encodeToString(data.toByteArray()));
  }

  /** Parses the value of an {@code a=key-mgmt} attribute ({@code 0*1SP prtcl-id SP keymgmt-data}). */
  public static KeyMgmt parse(Attribute a) throws SipParseException {
    String v = a.value();
    if (v == null) {
      throw new SipParseException("SDP a=key-mgmt", "no value (expected: prtcl-id SP keymgmt-data, RFC 4567 §3.1)");
    }
    if (v.startsWith(" ")) {
      v = v.substring(1);
    }
    int sp = v.indexOf(' ');
    if (sp <= 0) {
      throw new SipParseException("SDP a=key-mgmt", "no SP between prtcl-id and data (expected: prtcl-id SP keymgmt-data)");
    }
    String id = v.substring(0, sp);
    String b64 = v.substring(sp + 1);
    if (b64.isEmpty() || b64.length() % 4 != 0 || !b64.matches("[A-Za-z0-9+/]+={0,2}")) {
      throw new SipParseException("SDP a=key-mgmt", "keymgmt-data: not base64 (expected: RFC 4566 base64 without whitespace)");
    }
    try {
      return new KeyMgmt(id, Bytes.of(Base64.getDecoder().decode(b64)));
    } catch (IllegalArgumentException e) {
      throw new SipParseException("SDP a=key-mgmt", "keymgmt-data: not base64 (" + e.getMessage() + ")");
    }
  }

  /**
   * The MIKEY message for {@code media}: its own {@code a=key-mgmt:mikey} if it has one, else the
   * session-level one (RFC 4567 §3.1: media level overrides session level).
   */
  public static Optional<Bytes> mikeyFor(SessionDescription sdp, MediaDescription media) throws SipParseException {
    Optional<Bytes> m = find(media.attributes(ATTRIBUTE));
    return m.isPresent() ? m : find(sdp.attributes(ATTRIBUTE));
  }

  private static Optional<Bytes> find(java.util.List<Attribute> attrs) throws SipParseException {
    for (Attribute a : attrs) {
      KeyMgmt k = parse(a);
      if (k.protocolId().equals(MIKEY)) {
        return Optional.of(k.data());
      }
    }
    return Optional.empty();
  }
}
