package org.ddsec.mikey.payload;

import java.util.List;
import org.ddsec.core.Bytes;
import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.PayloadType;
import org.ddsec.mikey.wire.WireReader;
import org.ddsec.mikey.wire.WireWriter;

/**
 * RAND payload with role indicator (RANDR), RFC 6043 §6.8: "Next Payload ! RAND Role ! RAND length
 * ! RAND ~". {@code randRole} is an assigned {@link RandRole} code or private use (240–254).
 */
public record RandRolePayload(int randRole, Bytes rand) implements Payload {

  public RandRolePayload {
    Registry.checkRole(randRole, "RAND Role", RandRole::lookup);
    if (rand.length() < 1 || rand.length() > 255) {
      throw new IllegalArgumentException("RAND length: " + rand.length() + " (expected: 1-255)");
    }
  }

  public RandRolePayload(RandRole role, Bytes rand) {
    this(role.code(), rand);
  }

  public RandRole role() {
    return RandRole.lookup(randRole);
  }

  @Override
  public PayloadType type() {
    return PayloadType.RANDR;
  }

  public static RandRolePayload read(WireReader r) throws MikeyException {
    int role = Registry.role(r, "RAND Role", RandRole::lookup);
    int at = r.offset();
    int len = r.u8("RAND length");
    if (len == 0) {
      throw new MikeyException(Reason.MALFORMED, "RAND length", at, "0 (expected: ≥ 1)");
    }
    return new RandRolePayload(role, r.bytes(len, "RAND"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(randRole).u8(rand.length()).bytes(rand);
  }

  @Override
  public List<Field> fields() {
    return List.of(
        Registry.roleField("RAND Role", randRole, RandRole.lookup(randRole)),
        Field.num("RAND length", rand.length()),
        Field.bytes("RAND", rand));
  }
}
