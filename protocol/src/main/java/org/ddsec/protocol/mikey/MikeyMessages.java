package org.ddsec.protocol.mikey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.DataType;
import org.ddsec.mikey.ErrorCode;
import org.ddsec.mikey.MikeyCodec;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.MikeyMessage;
import org.ddsec.mikey.payload.CommonHeader;
import org.ddsec.mikey.payload.CsIdMap;
import org.ddsec.mikey.payload.ErrorPayload;
import org.ddsec.mikey.payload.IdRole;
import org.ddsec.mikey.payload.IdRolePayload;
import org.ddsec.mikey.payload.IdType;
import org.ddsec.mikey.payload.Ntp;
import org.ddsec.mikey.payload.Payload;
import org.ddsec.mikey.payload.PrfFunction;
import org.ddsec.mikey.payload.RandRole;
import org.ddsec.mikey.payload.RandRolePayload;
import org.ddsec.mikey.payload.TicketPayload;
import org.ddsec.mikey.payload.TimestampPayload;
import org.ddsec.mikey.payload.TimestampType;

/**
 * Strict access to the payloads of a decoded MIKEY message, as the role logic of every solution
 * needs it: exactly-one lookups, identities by role, the timestamp checks of RFC 3830 §5.4, Error
 * messages (RFC 3830 §5.1.2, §6.12) and one-line summaries for traces.
 */
public final class MikeyMessages {

  private MikeyMessages() {}

  /** The only payload of {@code type} in {@code payloads}. */
  public static <T extends Payload> T one(List<Payload> payloads, Class<T> type, String name) throws MikeyException {
    List<T> found = all(payloads, type);
    if (found.size() != 1) {
      throw new MikeyException(Reason.MALFORMED, name, found.size() + " payloads (expected: exactly 1)");
    }
    return found.get(0);
  }

  public static <T extends Payload> List<T> all(List<Payload> payloads, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Payload p : payloads) {
      if (type.isInstance(p)) {
        out.add(type.cast(p));
      }
    }
    return out;
  }

  /** The IDR payloads with {@code role}, in order. */
  public static List<IdRolePayload> idrs(List<Payload> payloads, IdRole role) {
    List<IdRolePayload> out = new ArrayList<>();
    for (IdRolePayload p : all(payloads, IdRolePayload.class)) {
      if (p.idRole() == role.code()) {
        out.add(p);
      }
    }
    return out;
  }

  /** The identity of the only IDR with {@code role}, as a string (URI, NAI or byte string as UTF-8). */
  public static String identity(List<Payload> payloads, IdRole role) throws MikeyException {
    List<IdRolePayload> found = idrs(payloads, role);
    if (found.size() != 1) {
      throw new MikeyException(Reason.MALFORMED, role.rfcName(), found.size() + " payloads (expected: exactly 1)");
    }
    return found.get(0).idData().utf8();
  }

  /**
   * The identity of the only IDR with {@code role}, which must have ID Type URI (a profile whose
   * identities are all URIs refuses any other type: the type is part of what was signed for).
   */
  public static String uriIdentity(List<Payload> payloads, IdRole role) throws MikeyException {
    List<IdRolePayload> found = idrs(payloads, role);
    if (found.size() != 1) {
      throw new MikeyException(Reason.MALFORMED, role.rfcName(), found.size() + " payloads (expected: exactly 1)");
    }
    return uriOf(found.get(0));
  }

  /** The ID Data of {@code p} as a string, if its ID Type is URI. */
  public static String uriOf(IdRolePayload p) throws MikeyException {
    if (p.idType() != IdType.URI) {
      throw new MikeyException(Reason.UNSUPPORTED_ID, "ID Type", p.idType().rfcName() + " (expected: URI)");
    }
    return p.idData().utf8();
  }

  /** The identity of the IDR with {@code role}, if there is exactly one; empty if none. */
  public static Optional<String> optionalIdentity(List<Payload> payloads, IdRole role) throws MikeyException {
    List<IdRolePayload> found = idrs(payloads, role);
    if (found.size() > 1) {
      throw new MikeyException(Reason.MALFORMED, role.rfcName(), found.size() + " payloads (expected: at most 1)");
    }
    return found.isEmpty() ? Optional.empty() : Optional.of(uriOf(found.get(0)));
  }

  public static IdRolePayload uri(IdRole role, String uri) {
    return new IdRolePayload(role, IdType.URI, Bytes.utf8(uri));
  }

  /** The RAND of the only RANDR with {@code role}. */
  public static Bytes randr(List<Payload> payloads, RandRole role) throws MikeyException {
    List<Bytes> found = new ArrayList<>();
    for (RandRolePayload p : all(payloads, RandRolePayload.class)) {
      if (p.randRole() == role.code()) {
        found.add(p.rand());
      }
    }
    if (found.size() != 1) {
      throw new MikeyException(Reason.MALFORMED, role.rfcName(), found.size() + " payloads (expected: exactly 1)");
    }
    return found.get(0);
  }

  /** An NTP-UTC timestamp payload for {@code now} (RFC 3830 §6.6). */
  public static TimestampPayload timestamp(Instant now) {
    return TimestampPayload.ntpUtc(Ntp.fromInstant(now));
  }

  /** The instant of an NTP-UTC or NTP timestamp. */
  public static Instant instant(TimestampPayload t) throws MikeyException {
    if (t.tsType() != TimestampType.NTP_UTC && t.tsType() != TimestampType.NTP) {
      throw new MikeyException(Reason.INVALID_TIMESTAMP, "TS type", t.tsType().rfcName() + " (expected: NTP-UTC)");
    }
    return Ntp.toInstant(t.asUint64());
  }

  /**
   * RFC 3830 §5.4: a live message's timestamp must lie within the allowable clock skew of the
   * receiver's clock.
   *
   * @throws MikeyException INVALID_TIMESTAMP, naming how far off the timestamp is
   */
  public static void checkSkew(TimestampPayload t, Instant now, Duration maxSkew, String field) throws MikeyException {
    Instant at = instant(t);
    Duration off = Duration.between(now, at).abs();
    if (off.compareTo(maxSkew) > 0) {
      throw new MikeyException(Reason.INVALID_TIMESTAMP, field,
          (at.isBefore(now) ? off.toMillis() + " ms in the past" : off.toMillis() + " ms in the future")
              + " (expected: within " + maxSkew.toMillis() + " ms)");
    }
  }

  /**
   * A MIKEY Error message (RFC 3830 §5.1.2): HDR (data type Error, V = 0), T, ERR. It carries no
   * MAC, so a receiver may only end the exchange on it, never change other state.
   */
  public static MikeyMessage error(long csbId, ErrorCode code, Instant now) {
    CommonHeader h = new CommonHeader(DataType.ERROR, false, PrfFunction.PRF_HMAC_SHA_256, csbId, new CsIdMap.EmptyMap(0));
    return MikeyCodec.encode(h, List.of(timestamp(now), new ErrorPayload(code)));
  }

  /**
   * Decodes a peer's answer: an Error message becomes {@link Reason#PEER_ERROR}, any other data
   * type than {@code expected} {@link Reason#UNSUPPORTED_DATA_TYPE}.
   */
  public static MikeyMessage decodeAnswer(Bytes bytes, DataType expected) throws MikeyException {
    MikeyMessage m = MikeyCodec.decode(bytes);
    throwIfError(m, expected.rfcName());
    if (m.dataType() != expected) {
      throw new MikeyException(Reason.UNSUPPORTED_DATA_TYPE, "data type", m.dataType().rfcName() + " (expected: " + expected.rfcName() + ")");
    }
    return m;
  }

  /** If {@code m} is an Error message, the exception that reports it. */
  public static void throwIfError(MikeyMessage m, String field) throws MikeyException {
    if (m.dataType() == DataType.ERROR) {
      ErrorPayload e = m.first(ErrorPayload.class)
          .orElseThrow(() -> new MikeyException(Reason.MALFORMED, "ERR", "missing (expected: in an Error message)"));
      throw MikeyException.peerError(e.errorNo(), field);
    }
  }

  /**
   * The ERR code of an encoded Error message.
   *
   * @throws MikeyException if {@code bytes} is not an Error message
   */
  public static ErrorCode errorCodeOf(Bytes bytes) throws MikeyException {
    MikeyMessage m = MikeyCodec.decode(bytes);
    try {
      throwIfError(m, "response");
    } catch (MikeyException e) {
      if (e.reason() == Reason.PEER_ERROR) {
        return e.errorCode();
      }
      throw e;
    }
    throw new MikeyException(Reason.UNSUPPORTED_DATA_TYPE, "data type", m.dataType().rfcName() + " (expected: Error)");
  }

  /** The CSB ID of a message that may not even decode, or 0 (for Error messages). */
  public static long csbIdOf(byte[] message) {
    if (message.length < 8) {
      return 0;
    }
    return (message[4] & 0xFFL) << 24 | (message[5] & 0xFFL) << 16 | (message[6] & 0xFFL) << 8 | (message[7] & 0xFFL);
  }

  /**
   * A one-line summary: the payloads in order, identities with their values, tickets with their
   * type, the ERR code. No key material (KEMAC contents are not decrypted here).
   */
  public static String summary(MikeyMessage m) {
    StringJoiner j = new StringJoiner(", ");
    j.add("HDR");
    for (Payload p : m.payloads()) {
      j.add(describe(p));
    }
    return j.toString();
  }

  private static String describe(Payload p) {
    if (p instanceof IdRolePayload id) {
      IdRole r = id.role();
      String role = r == null ? "IDR(" + id.idRole() + ")" : r.rfcName().replaceAll(".*\\((.*)\\)", "$1");
      return role + "(" + id.idData().utf8() + ")";
    }
    if (p instanceof RandRolePayload r) {
      RandRole role = r.role();
      return (role == null ? "RANDR" : role.rfcName().replaceAll(".*\\((.*)\\)", "$1"));
    }
    if (p instanceof TicketPayload t) {
      return "TICKET(" + String.format("0x%04X", t.policy().ticketType()) + ")";
    }
    if (p instanceof ErrorPayload e) {
      return "ERR(" + e.errorNo().rfcName() + ")";
    }
    return p.type().rfcName();
  }
}
