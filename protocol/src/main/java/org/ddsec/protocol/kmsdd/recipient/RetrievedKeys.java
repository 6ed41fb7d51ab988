package org.ddsec.protocol.kmsdd.recipient;

import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.TrafficKeys;
import org.ddsec.protocol.kmsdd.DepositParameters;

/**
 * What the recipient holds after Fig. 18: the deposit, its originator as the KMS authenticated it,
 * K and the SRTP master key and salt of the stored stream (with its SSRC). {@code toString()}
 * shows no key.
 */
public record RetrievedKeys(DepositParameters deposit, String originator, long ssrc, SecretBytes k, TrafficKeys srtp) {

  @Override
  public String toString() {
    return "RetrievedKeys[from " + originator + ", msg-id " + deposit.msgId().hex() + ", SSRC " + ssrc + "]";
  }
}
