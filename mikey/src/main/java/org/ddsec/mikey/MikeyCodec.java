package org.ddsec.mikey;

import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.PayloadChain;
import org.ddsec.mikey.payload.PayloadChain.Scope;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * Encodes and decodes MIKEY messages (RFC 3830 §5.2–5.3, §6) and the sub-payload chains carried
 * inside encrypted payloads. Decoding is strict: every length is checked against what remains,
 * unknown code points and trailing bytes are refused, and every failure is a {@link
 * MikeyException} naming the field and offset — no other exception escapes {@link #decode}.
 */
public final class MikeyCodec {

  /** Largest message accepted: the size limits of the payload fields make larger ones suspect. */
  public static final int MAX_MESSAGE_LENGTH = 1 << 20;

  private MikeyCodec() {}

  /** Decodes a complete message; {@code bytes} is copied, not kept. */
  public static MikeyMessage decode(byte[] bytes) throws MikeyException {
    if (bytes.length > MAX_MESSAGE_LENGTH) {
      throw new MikeyException(MikeyException.Reason.MALFORMED, "message", 0,
          bytes.length + " bytes (expected: ≤ " + MAX_MESSAGE_LENGTH + ")");
    }
    byte[] copy = bytes.clone();
    WireReader r = WireReader.of(copy);
    CommonHeader.Read h = CommonHeader.read(r);
    Span headerSpan = new Span(0, r.offset());
    PayloadChain.Chain chain = PayloadChain.read(r, h.nextPayload(), h.nextPayloadOffset(), Scope.MESSAGE, "message");
    return new MikeyMessage(h.header(), chain.payloads(), Bytes.of(copy), headerSpan, chain.spans());
  }

  public static MikeyMessage decode(Bytes bytes) throws MikeyException {
    return decode(bytes.toByteArray());
  }

  /**
   * Encodes {@code header} followed by {@code payloads}, chaining the next-payload fields.
   *
   * @throws IllegalArgumentException if a payload is not allowed at message level or SIGN is
   *     not last (a bug in the caller)
   */
  public static MikeyMessage encode(CommonHeader header, List<Payload> payloads) {
    WireWriter w = new WireWriter();
    header.write(w, PayloadChain.firstCode(payloads));
    PayloadChain.write(w, payloads, Scope.MESSAGE);
    try {
      return decode(w.toByteArray());
    } catch (MikeyException e) {
      throw new IllegalArgumentException("encoded message does not decode: " + e.getMessage(), e);
    }
  }

  /**
   * Decodes the plaintext of a KEMAC, IBAKE or ESK payload: a chain of sub-payloads whose first
   * type is implied by the context (RFC 3830 §6.2: Key data, or ID first in the public-key
   * method). Key material is copied into {@link org.ddsec.core.SecretBytes}; the caller still
   * owns (and should wipe) {@code plaintext}.
   */
  public static List<Payload> decodeSubPayloads(byte[] plaintext, PayloadType first, Scope scope) throws MikeyException {
    WireReader r = WireReader.of(plaintext);
    if (!r.hasRemaining()) {
      return List.of();
    }
    return PayloadChain.read(r, first.code(), -1, scope, scope.name() + " data").payloads();
  }

  /** Encodes a sub-payload chain (the plaintext of a KEMAC, IBAKE or ESK); the caller wipes the result. */
  public static byte[] encodeSubPayloads(List<Payload> payloads, Scope scope) {
    WireWriter w = new WireWriter();
    PayloadChain.write(w, payloads, scope);
    byte[] out = w.toByteArray();
    w.wipe();
    return out;
  }
}
