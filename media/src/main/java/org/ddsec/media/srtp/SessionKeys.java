package org.ddsec.media.srtp;

import java.util.function.Function;
import org.ddsec.core.SecretBytes;
import org.ddsec.crypto.srtp.KeyDerivationRate;
import org.ddsec.crypto.srtp.SrtpKdf;
import org.ddsec.crypto.srtp.SrtpSessionKeys;
import org.ddsec.media.srtp.internal.AesCmHmacSha1Transform;
import org.ddsec.media.srtp.internal.AesGcmTransform;
import org.ddsec.media.srtp.internal.PacketTransform;

/**
 * The session keys of one direction of one session (SRTP or SRTCP), derived from the master key
 * with the SRTP KDF (RFC 3711 §4.3) and kept as a ready {@link PacketTransform}. With a non-zero
 * key derivation rate the keys depend on {@code index DIV kdr}; the transform for the latest r
 * is cached and a new one derived when r changes (RFC 3711 §4.3.1).
 */
final class SessionKeys implements AutoCloseable {

  private final SrtpSuite suite;
  private final SrtpKdf kdf;
  private final KeyDerivationRate kdr;
  private final boolean srtcp;
  private long cachedR = -1;
  private PacketTransform cached;

  SessionKeys(SrtpMasterKey master, KeyDerivationRate kdr, boolean srtcp) {
    this.suite = master.suite();
    this.kdr = kdr;
    this.srtcp = srtcp;
    // A 96-bit AEAD salt is zero-appended by SrtpKdf itself, as libsrtp does (docs/media.md).
    this.kdf = new SrtpKdf(master.key(), master.salt(), kdr);
  }

  /** The transform for the packet with this index (SRTP index, or SRTCP index for SRTCP). */
  PacketTransform forIndex(long index) {
    long r = kdr.divide(index);
    if (cached == null || r != cachedR) {
      PacketTransform next = derive(index);
      if (cached != null) {
        cached.close();
      }
      cached = next;
      cachedR = r;
    }
    return cached;
  }

  private PacketTransform derive(long index) {
    Function<SrtpSessionKeys, PacketTransform> make = keys -> suite.isAead()
        ? new AesGcmTransform(keys)
        : new AesCmHmacSha1Transform(keys, srtcp ? suite.srtcpTagBytes() : suite.srtpTagBytes());
    try (SrtpSessionKeys keys = srtcp
        ? kdf.srtcpSessionKeys(index, suite.sessionKeyLengths())
        : kdf.srtpSessionKeys(index, suite.sessionKeyLengths())) {
      return make.apply(keys);
    }
  }

  @Override
  public void close() {
    kdf.close();
    if (cached != null) {
      cached.close();
    }
  }
}
