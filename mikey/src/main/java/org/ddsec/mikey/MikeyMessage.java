package org.ddsec.mikey;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.KemacPayload;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.SignPayload;
import org.ddsec.mikey.payload.TicketPayload;
import org.ddsec.mikey.payload.VerificationPayload;

/**
 * A MIKEY message as received or built: the decoded header and payloads together with the exact
 * bytes they came from and where each payload lies in them. MACs and signatures are computed and
 * verified over these bytes ({@link #authenticatedBytes()}), never over a re-encoding.
 *
 * <p>Instances come from {@link MikeyCodec#decode} or {@link MikeyCodec#encode}; both guarantee
 * that {@link #encoded()} decodes to exactly this header and these payloads.
 */
public final class MikeyMessage {

  private final CommonHeader header;
  private final List<Payload> payloads;
  private final Bytes encoded;
  private final Span headerSpan;
  private final List<Span> spans;

  MikeyMessage(CommonHeader header, List<Payload> payloads, Bytes encoded, Span headerSpan, List<Span> spans) {
    this.header = Objects.requireNonNull(header);
    this.payloads = List.copyOf(payloads);
    this.encoded = Objects.requireNonNull(encoded);
    this.headerSpan = headerSpan;
    this.spans = List.copyOf(spans);
  }

  public CommonHeader header() {
    return header;
  }

  public DataType dataType() {
    return header.dataType();
  }

  /** The payloads after the HDR, in wire order. */
  public List<Payload> payloads() {
    return payloads;
  }

  /** The exact bytes of the message. */
  public Bytes encoded() {
    return encoded;
  }

  public Span headerSpan() {
    return headerSpan;
  }

  /** Where payload {@code i} lies in {@link #encoded()}. */
  public Span span(int i) {
    return spans.get(i);
  }

  /** The exact bytes of payload {@code i}, including its next-payload field. */
  public Bytes payloadBytes(int i) {
    Span s = spans.get(i);
    return encoded.slice(s.offset(), s.length());
  }

  /** The first payload of the given class. */
  public <T extends Payload> Optional<T> first(Class<T> type) {
    return payloads.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** All payloads of the given class, in wire order. */
  public <T extends Payload> List<T> all(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Payload p : payloads) {
      if (type.isInstance(p)) {
        out.add(type.cast(p));
      }
    }
    return out;
  }

  /** Index of the first payload of {@code type}, or -1. */
  public int indexOf(PayloadType type) {
    for (int i = 0; i < payloads.size(); i++) {
      if (payloads.get(i).type() == type) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Offset of the message's final authenticator field: the Ver data of a last V payload, the
   * Signature of a SIGN, or the MAC of a last KEMAC (RFC 3830 §5.2: the MAC/signature is the last
   * field of the message). Empty when the message ends otherwise.
   */
  public Optional<Span> authenticatorField() {
    if (payloads.isEmpty()) {
      return Optional.empty();
    }
    int last = payloads.size() - 1;
    Payload p = payloads.get(last);
    Span s = spans.get(last);
    if (p instanceof VerificationPayload v) {
      return Optional.of(new Span(s.end() - v.verData().length(), v.verData().length()));
    }
    if (p instanceof SignPayload sg) {
      return Optional.of(new Span(s.end() - sg.signature().length(), sg.signature().length()));
    }
    if (p instanceof KemacPayload k) {
      return Optional.of(new Span(s.end() - k.mac().length(), k.mac().length()));
    }
    return Optional.empty();
  }

  /**
   * The bytes the final MAC/signature covers: "the entire MIKEY message except the MAC/Signature
   * field itself" (RFC 3830 §5.2), less what the extensions leave out:
   *
   * <ul>
   *   <li>in a TRANSFER_INIT, the "Initiator Data length" and "Initiator Data" fields of the TICKET
   *       payload (RFC 6043 §5.5);
   *   <li>in a MIKEY-IBAKE message (data types 19–25), every ESK payload (RFC 6267 §5.4: "if
   *       there is an ESK payload in the message it SHALL be omitted").
   * </ul>
   *
   * This is the one place that decides coverage; the identities, timestamp or initial message
   * that a V payload's MAC also covers follow these bytes and are appended by the caller ({@code
   * org.ddsec.crypto.mikey.VerificationMacInput}).
   *
   * @throws IllegalStateException if the message does not end in V, SIGN or KEMAC
   */
  public Bytes authenticatedBytes() {
    Span auth = authenticatorField().orElseThrow(() -> new IllegalStateException("message has no final MAC/signature field"));
    byte[] all = encoded.toByteArray();
    List<Span> holes = uncoveredSpans();
    int len = auth.offset();
    for (Span h : holes) {
      len -= h.length();
    }
    byte[] out = new byte[len];
    int from = 0;
    int at = 0;
    for (Span h : holes) {
      System.arraycopy(all, from, out, at, h.offset() - from);
      at += h.offset() - from;
      from = h.end();
    }
    System.arraycopy(all, from, out, at, auth.offset() - from);
    return Bytes.of(out);
  }

  /** The spans {@link #authenticatedBytes()} leaves out, in order (RFC 6043 §5.5, RFC 6267 §5.4). */
  public List<Span> uncoveredSpans() {
    List<Span> holes = new ArrayList<>();
    int type = dataType().code();
    boolean ibake = type >= DataType.REQUEST_KEY_PSK.code() && type <= DataType.R_MESSAGE_2.code();
    for (int i = 0; i < payloads.size(); i++) {
      Payload p = payloads.get(i);
      Span s = spans.get(i);
      if (dataType() == DataType.TRANSFER_INIT && p instanceof TicketPayload t) {
        int n = t.initiatorDataFieldsLength();
        holes.add(new Span(s.end() - n, n));
      } else if (ibake && p.type() == PayloadType.ESK) {
        holes.add(s);
      }
    }
    return holes;
  }

  /**
   * The same message with its final MAC/signature field replaced by {@code authenticator} (same
   * length): how a sender fills in the MAC it computed over {@link #authenticatedBytes()} of the
   * placeholder message.
   */
  public MikeyMessage withAuthenticator(Bytes authenticator) {
    Span auth = authenticatorField().orElseThrow(() -> new IllegalStateException("message has no final MAC/signature field"));
    if (authenticator.length() != auth.length()) {
      throw new IllegalArgumentException("authenticator: " + authenticator.length() + " bytes (expected: " + auth.length() + ")");
    }
    byte[] all = encoded.toByteArray();
    authenticator.copyTo(all, auth.offset());
    try {
      return MikeyCodec.decode(all);
    } catch (MikeyException e) {
      throw new AssertionError("re-decoding a message after setting its MAC failed", e);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MikeyMessage[").append(dataType().rfcName());
    for (Payload p : payloads) {
      sb.append(", ").append(p.type().rfcName());
    }
    return sb.append(", ").append(encoded.length()).append(" bytes]").toString();
  }
}
