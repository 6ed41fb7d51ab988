package org.ddsec.crypto.ibe.sakke;

import org.ddsec.core.SecretBytes;

/**
 * What a SAKKE sender gets (RFC 6508 §6.2.1 steps 5 and 6): the Encapsulated Data to transmit and
 * the SSV (n/8 octets) to derive keys from. {@link #close()} wipes the SSV.
 */
public final class Encapsulation implements AutoCloseable {

  private final SecretBytes ssv;
  private final EncapsulatedData data;

  Encapsulation(SecretBytes ssv, EncapsulatedData data) {
    this.ssv = ssv;
    this.data = data;
  }

  /** The shared secret value (the caller may close it independently of this object). */
  public SecretBytes ssv() {
    return ssv;
  }

  public EncapsulatedData data() {
    return data;
  }

  @Override
  public void close() {
    ssv.close();
  }

  @Override
  public String toString() {
    return "Encapsulation[" + data + ", ssv " + ssv + "]";
  }
}
