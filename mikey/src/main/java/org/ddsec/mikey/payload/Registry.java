package org.ddsec.mikey.payload;

import org.ddsec.mikey.Field;
import org.ddsec.mikey.MikeyException;
import org.ddsec.mikey.MikeyException.Reason;
import org.ddsec.mikey.wire.WireReader;

/**
 * Helpers for the registries whose values may also be private use (roles, ticket types,
 * general extension types): such values are kept as {@code int} and checked against the
 * assigned values plus the private-use range the RFC reserves.
 */
final class Registry {
  private Registry() {}

  /** RFC 6043 §14: 240–254 are "Reserved for Private Use" in the TS/ID/RAND Role registries. */
  static boolean isPrivateRole(int v) {
    return v >= 240 && v <= 254;
  }

  /** RFC 3830 §10: 241–255 are reserved for private use (General Extension Type). */
  static boolean isPrivateExtension(int v) {
    return v >= 241 && v <= 255;
  }

  /** RFC 6043 §14: 61440–65534 are "Reserved for Private Use" (Ticket Type). */
  static boolean isPrivateTicketType(int v) {
    return v >= 61440 && v <= 65534;
  }

  static String roleName(org.ddsec.mikey.CodePoint known, int v) {
    return known != null ? known.rfcName() : "private use";
  }

  static int role(WireReader r, String field, java.util.function.IntFunction<?> lookup) throws MikeyException {
    int at = r.offset();
    int v = r.u8(field);
    if (lookup.apply(v) == null && !isPrivateRole(v)) {
      throw new MikeyException(Reason.MALFORMED, field, at, "unknown value " + v + " (expected: assigned or 240-254)");
    }
    return v;
  }

  static void checkRole(int v, String field, java.util.function.IntFunction<?> lookup) {
    if (lookup.apply(v) == null && !isPrivateRole(v)) {
      throw new IllegalArgumentException(field + ": " + v + " (expected: assigned or 240-254)");
    }
  }

  static Field roleField(String label, int v, org.ddsec.mikey.CodePoint known) {
    return Field.code(label, v, roleName(known, v));
  }
}
