package org.ddsec.crypto.gba;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * NAF_Id = FQDN of the NAF || Ua security protocol identifier (3GPP TS 33.220 §4.5.2, Annex H).
 * The FQDN is UTF-8 (Annex B.2.1); the protocol identifier is five octets, the first naming the
 * organisation (0x01 = 3GPP).
 */
public record NafId(String fqdn, byte[] uaProtocolId) {

  /**
   * (0x01, 0x00, 0x00, 0x00, 0x06): "IMS UE to KMS HTTP based message exchanges" (3GPP TS 33.328),
   * the identifier of ddsec's KMS.
   */
  public static final byte[] UA_TS33328_KMS = {0x01, 0x00, 0x00, 0x00, 0x06};

  public NafId {
    Objects.requireNonNull(fqdn, "fqdn");
    if (fqdn.isEmpty()) {
      throw new IllegalArgumentException("NAF FQDN: empty");
    }
    if (uaProtocolId.length != 5) {
      throw new IllegalArgumentException("Ua security protocol identifier: " + uaProtocolId.length + " octets (expected: 5)");
    }
    uaProtocolId = uaProtocolId.clone();
  }

  /** The KMS of TS 33.328 at {@code fqdn}. */
  public static NafId kms(String fqdn) {
    return new NafId(fqdn, UA_TS33328_KMS);
  }

  @Override
  public byte[] uaProtocolId() {
    return uaProtocolId.clone();
  }

  /** FQDN (UTF-8) || Ua security protocol identifier. */
  public byte[] bytes() {
    byte[] f = fqdn.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(f, f.length + 5);
    System.arraycopy(uaProtocolId, 0, out, f.length, 5);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NafId n && n.fqdn.equals(fqdn) && Arrays.equals(n.uaProtocolId, uaProtocolId);
  }

  @Override
  public int hashCode() {
    return fqdn.hashCode() * 31 + Arrays.hashCode(uaProtocolId);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(fqdn).append(" + ");
    for (byte b : uaProtocolId) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }
}
