package org.ddsec.server.naf;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.ddsec.crypto.gba.NafId;
import org.ddsec.protocol.gba.GbaDigestVerifier;
import org.ddsec.protocol.gba.NafKey;
import org.ddsec.protocol.gba.NafKeyLookupException;
import org.ddsec.server.bsf.BsfNafKeyLookup;

/**
 * Zn look-ups for any NAF_Id of one NAF (its FQDN with several Ua security protocol ids, e.g.
 * one per TLS cipher suite for GBA-based Digest): one {@link BsfNafKeyLookup} per NAF_Id, each
 * behind a {@link CachingNafKeyLookup}. Thread-safe.
 */
public final class ZnKeySource implements GbaDigestVerifier.KeySource {

  private final URI zn;
  private final SSLContext tls;
  private final Duration timeout;
  private final Duration cacheTtl;
  private final Clock clock;
  private final Map<NafId, CachingNafKeyLookup> byNafId = new ConcurrentHashMap<>();

  public ZnKeySource(URI zn, SSLContext tls, Duration timeout, Duration cacheTtl, Clock clock) {
    this.zn = Objects.requireNonNull(zn, "zn");
    this.tls = Objects.requireNonNull(tls, "tls");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public NafKey lookup(String bTid, NafId nafId) throws NafKeyLookupException {
    return byNafId.computeIfAbsent(nafId, id -> new CachingNafKeyLookup(new BsfNafKeyLookup(zn, tls, id, timeout), cacheTtl, 10_000, clock))
        .lookup(bTid);
  }

  @Override
  public String toString() {
    return "ZnKeySource[" + zn + "]";
  }
}
