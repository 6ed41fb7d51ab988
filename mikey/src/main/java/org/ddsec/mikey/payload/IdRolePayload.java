package org.ddsec.mikey.payload;

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
 * ID payload with role indicator (IDR), RFC 6043 §6.6 (roles 6–7 RFC 6509 §4.4, 8–9 TS 33.180):
 * "Next Payload ! ID Role ! ID Type ! ID len (16) ! ID Data ~". {@code idRole} is an assigned
 * {@link IdRole} code or private use (240–254).
 */
public record IdRolePayload(int idRole, IdType idType, Bytes idData) implements Payload {

  public IdRolePayload {
    Registry.checkRole(idRole, "ID Role", IdRole::lookup);
    Objects.requireNonNull(idType, "idType");
    if (idData.length() > 0xFFFF) {
      throw new IllegalArgumentException("ID len: " + idData.length() + " (expected: ≤ 65535)");
    }
  }

  public IdRolePayload(IdRole role, IdType idType, Bytes idData) {
    this(role.code(), idType, idData);
  }

  public static IdRolePayload uri(IdRole role, String uri) {
    return new IdRolePayload(role, IdType.URI, Bytes.utf8(uri));
  }

  /** The assigned role, or null for a private-use value. */
  public IdRole role() {
    return IdRole.lookup(idRole);
  }

  @Override
  public PayloadType type() {
    return PayloadType.IDR;
  }

  public static IdRolePayload read(WireReader r) throws MikeyException {
    int role = Registry.role(r, "ID Role", IdRole::lookup);
    IdType t = r.code8(IdType::lookup, "ID Type", Reason.UNSUPPORTED_ID);
    return new IdRolePayload(role, t, r.bytes(r.u16("ID len"), "ID Data"));
  }

  @Override
  public void write(WireWriter w) {
    w.u8(idRole).u8(idType.code()).u16(idData.length()).bytes(idData);
  }

  @Override
  public List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(Registry.roleField("ID Role", idRole, IdRole.lookup(idRole)));
    f.addAll(IdPayload.idFields(idType, idData, "ID Data"));
    return f;
  }
}
