package org.ddsec.protocol.kmsdd.caller;

import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.mikey.TrafficKeys;

/**
 * What the caller holds once the deposit exchange completed: the media key K, the SRTP master
 * key and salt derived from it, the stream's SSRC, who answered (the mailbox, authenticated by
 * the KMS), the msg-id, and Ke2m with e2m. {@code toString()} shows no key.
 */
public record CallKeys(String idB, String answeredBy, Bytes msgId, long ssrc, SecretBytes k, TrafficKeys srtp,
    Optional<SecretBytes> ke2m) {

  @Override
  public String toString() {
    return "CallKeys[" + idB + " answered by " + answeredBy + ", msg-id " + msgId.hex() + ", SSRC " + ssrc + "]";
  }
}
