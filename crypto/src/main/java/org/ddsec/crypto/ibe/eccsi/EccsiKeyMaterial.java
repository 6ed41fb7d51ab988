package org.ddsec.crypto.ibe.eccsi;

import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.ibe.Identity;

/**
 * An (SSK, PVT) pair as the KMS issues it for one identity (RFC 6507 §5.1.1): the Secret Signing
 * Key (N octets, to be sent confidentially) and the Public Validation Token (0x04 || x || y). The
 * signer checks it with {@link EccsiSigningKey#validate} before use. {@link #close()} wipes the SSK.
 */
public final class EccsiKeyMaterial implements AutoCloseable {

  private final Identity identity;
  private final SecretBytes ssk;
  private final Bytes pvt;

  EccsiKeyMaterial(Identity identity, SecretBytes ssk, Bytes pvt) {
    this.identity = identity;
    this.ssk = ssk;
    this.pvt = pvt;
  }

  public Identity identity() {
    return identity;
  }

  /** The SSK (the caller may close it independently). */
  public SecretBytes ssk() {
    return ssk;
  }

  public Bytes pvt() {
    return pvt;
  }

  @Override
  public void close() {
    ssk.close();
  }

  @Override
  public String toString() {
    return "EccsiKeyMaterial[" + identity + ", PVT " + pvt.hex().substring(0, 18) + "…]";
  }
}
