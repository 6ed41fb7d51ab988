package org.ddsec.mikey.payload;

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
 * Timestamp payload (T), RFC 3830 §6.6 (RFC 6043 §6.3 adds NTP-UTC-32): "Next Payload ! TS type !
 * TS value ~", the value length implied by the type.
 */
public record TimestampPayload(TimestampType tsType, Bytes tsValue) implements Payload {

  public TimestampPayload {
    Objects.requireNonNull(tsType, "tsType");
    if (tsValue.length() != tsType.valueLength()) {
      throw new IllegalArgumentException("TS value: " + tsValue.length() + " bytes (expected: " + tsType.valueLength() + ")");
    }
  }

  /** A 64-bit NTP-UTC timestamp. */
  public static TimestampPayload ntpUtc(long ntp64) {
    return new TimestampPayload(TimestampType.NTP_UTC, Ntp.toBytes(ntp64));
  }

  /**
   * The value as the 64-bit quantity the PRF and the AES-CM IV use: COUNTER padded with leading
   * zeros (RFC 3830 §6.6), NTP-UTC-32 padded with a zero fraction (RFC 6043 §6.3).
   */
  public long asUint64() {
    long v = 0;
    for (int i = 0; i < tsValue.length(); i++) {
      v = v << 8 | tsValue.get(i);
    }
    return tsType == TimestampType.NTP_UTC_32 ? v << 32 : v;
  }

  @Override
  public PayloadType type() {
    return PayloadType.T;
  }

  public static TimestampPayload read(WireReader r) throws MikeyException {
    TimestampType t = r.code8(TimestampType::lookup, "TS type", Reason.INVALID_TIMESTAMP);
    return new TimestampPayload(t, r.bytes(t.valueLength(), "TS value"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(tsType.code()).bytes(tsValue);
  }

  @Override
  public List<Field> fields() {
    return TimestampRolePayload.valueFields(tsType, tsValue);
  }
}
