package org.ddsec.mikey.payload;

import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * Key validity data (RFC 3830 §6.14), part of the Key data, DH, ECCPT and SK payloads; its kind
 * is given by the 4-bit KV field of the enclosing payload.
 */
public sealed interface KeyValidity {

  KeyValidityType kvType();

  void write(WireWriter w);

  List<Field> fields();

  /** KV = Null: no KV data. */
  record None() implements KeyValidity {
    public static final None INSTANCE = new None();

    @Override
    public KeyValidityType kvType() {
      return KeyValidityType.NULL;
    }

    @Override
    public void write(WireWriter w) {}

    @Override
    public List<Field> fields() {
      return List.of();
    }
  }

  /** KV = SPI: "SPI Length (8) | SPI". */
  record Spi(Bytes spi) implements KeyValidity {
    public Spi {
      if (spi.length() > 255) {
        throw new IllegalArgumentException("SPI Length: " + spi.length() + " (expected: ≤ 255)");
      }
    }

    @Override
    public KeyValidityType kvType() {
      return KeyValidityType.SPI;
    }

    @Override
    public void write(WireWriter w) {
      w.u8(spi.length()).bytes(spi);
    }

    @Override
    public List<Field> fields() {
      return List.of(Field.bytes("SPI", spi));
    }
  }

  /** KV = Interval: "VF Length | Valid From | VT Length | Valid To". */
  record Interval(Bytes validFrom, Bytes validTo) implements KeyValidity {
    public Interval {
      if (validFrom.length() > 255 || validTo.length() > 255) {
        throw new IllegalArgumentException("VF/VT Length: (expected: ≤ 255)");
      }
    }

    @Override
    public KeyValidityType kvType() {
      return KeyValidityType.INTERVAL;
    }

    @Override
    public void write(WireWriter w) {
      w.u8(validFrom.length()).bytes(validFrom).u8(validTo.length()).bytes(validTo);
    }

    @Override
    public List<Field> fields() {
      return List.of(Field.bytes("Valid From", validFrom), Field.bytes("Valid To", validTo));
    }
  }

  /** Reads the KV data for {@code type}. */
  static KeyValidity read(KeyValidityType type, WireReader r) throws MikeyException {
    switch (type) {
      case NULL:
        return None.INSTANCE;
      case SPI:
        return new Spi(r.bytes(r.u8("SPI Length"), "SPI"));
      case INTERVAL:
        Bytes from = r.bytes(r.u8("VF Length"), "Valid From");
        Bytes to = r.bytes(r.u8("VT Length"), "Valid To");
        return new Interval(from, to);
      default:
        throw new AssertionError(type);
    }
  }
}
