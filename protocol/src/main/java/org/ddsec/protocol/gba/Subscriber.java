package org.ddsec.protocol.gba;

import java.util.Objects;
import java.util.Set;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.milenage.Milenage;

/**
 * An HSS subscription (TS 33.220 §4.2.1, TS 33.102 §6.3): the private identity (IMPI), the
 * public identities (IMPUs, the GBA user security settings a NAF learns over Zn), the Milenage
 * credentials K and OPc, the AMF of the authentication vectors and the HSS's current SQN_HE.
 *
 * <p>{@link #toString()} never shows K or OPc.
 */
public record Subscriber(String impi, Set<String> impus, SecretBytes k, SecretBytes opc, Bytes amf, Sqn sqn) {

  /** The AMF of a subscription unless configured otherwise: 0x0000 (no operator use, TS 33.102 Annex F; the E-UTRAN separation bit is not set, GBA uses UMTS AKA). */
  public static final Bytes DEFAULT_AMF = Bytes.of((byte) 0, (byte) 0);

  public Subscriber {
    Objects.requireNonNull(impi, "impi");
    if (impi.isBlank() || impi.length() > 255) {
      throw new IllegalArgumentException("IMPI: " + impi.length() + " characters (expected: 1..255, not blank)");
    }
    for (int i = 0; i < impi.length(); i++) {
      char c = impi.charAt(i);
      if (c <= 0x20 || c >= 0x7F || c == '"' || c == '\\') {
        throw new IllegalArgumentException("IMPI: character at position " + i + " (expected: printable ASCII without space, quote or backslash)");
      }
    }
    impus = Set.copyOf(impus);
    for (String u : impus) {
      if (u.isBlank() || u.length() > 255) {
        throw new IllegalArgumentException("IMPU: " + u.length() + " characters (expected: 1..255, not blank)");
      }
    }
    Objects.requireNonNull(k, "k");
    Objects.requireNonNull(opc, "opc");
    if (k.length() != 16 || opc.length() != 16) {
      throw new IllegalArgumentException("K and OPc: " + k.length() + "/" + opc.length() + " bytes (expected: 16)");
    }
    if (amf.length() != 2) {
      throw new IllegalArgumentException("AMF: " + amf.length() + " bytes (expected: 2)");
    }
    Objects.requireNonNull(sqn, "sqn");
  }

  /** Milenage with this subscriber's K and OPc; close it when done. */
  public Milenage milenage() {
    return Milenage.withOpc(k, opc);
  }

  /** The same subscription with {@code newSqn}. */
  public Subscriber withSqn(Sqn newSqn) {
    return new Subscriber(impi, impus, k, opc, amf, newSqn);
  }

  /** A copy whose K and OPc are fresh {@link SecretBytes} (stores hand out copies). */
  public Subscriber copy() {
    return new Subscriber(impi, impus, k.slice(0, k.length()), opc.slice(0, opc.length()), amf, sqn);
  }

  @Override
  public String toString() {
    return "Subscriber[impi=" + impi + ", impus=" + impus + ", k=" + k + ", opc=" + opc + ", amf=" + amf + ", " + sqn + "]";
  }
}
