package org.ddsec.mikey.payload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * Timestamp payload with role indicator (TR), RFC 6043 §6.4: "Next Payload ! TS Role ! TS Type !
 * TS Value ~". {@code tsRole} is an assigned {@link TimestampRole} code or private use (240–254).
 */
public record TimestampRolePayload(int tsRole, TimestampType tsType, Bytes tsValue) implements Payload {

  public TimestampRolePayload {
    Registry.checkRole(tsRole, "TS Role", TimestampRole::lookup);
    Objects.requireNonNull(tsType, "tsType");
    if (tsValue.length() != tsType.valueLength()) {
      throw new IllegalArgumentException("TS Value: " + tsValue.length() + " bytes (expected: " + tsType.valueLength() + ")");
    }
  }

  public TimestampRolePayload(TimestampRole role, TimestampType tsType, Bytes tsValue) {
    this(role.code(), tsType, tsValue);
  }

  /** The value as a 64-bit NTP quantity (NTP-UTC-32 gets a zero fraction). */
  public long asUint64() {
    return new TimestampPayload(tsType, tsValue).asUint64();
  }

  @Override
  public PayloadType type() {
    return PayloadType.TR;
  }

  public static TimestampRolePayload read(WireReader r) throws MikeyException {
    int role = Registry.role(r, "TS Role", TimestampRole::lookup);
    TimestampType t = r.code8(TimestampType::lookup, "TS Type", Reason.INVALID_TIMESTAMP);
    return new TimestampRolePayload(role, t, r.bytes(t.valueLength(), "TS Value"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(tsRole).u8(tsType.code()).bytes(tsValue);
  }

  @Override
  public List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(Registry.roleField("TS Role", tsRole, TimestampRole.lookup(tsRole)));
    f.addAll(valueFields(tsType, tsValue));
    return f;
  }

  static List<Field> valueFields(TimestampType type, Bytes value) {
    List<Field> f = new ArrayList<>();
    f.add(Field.code("TS type", type));
    f.add(Field.bytes("TS value", value));
    long v = new TimestampPayload(type, value).asUint64();
    if (type != TimestampType.COUNTER) {
      Instant t = Ntp.toInstant(v);
      f.add(Field.text("TS time", t.toString()));
    }
    return f;
  }
}
