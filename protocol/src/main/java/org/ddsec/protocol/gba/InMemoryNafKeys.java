package org.ddsec.protocol.gba;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NafKeyLookup} over a map, for tests and in-memory flows (no BSF). */
public final class InMemoryNafKeys implements NafKeyLookup {

  private final Map<String, NafKey> keys = new ConcurrentHashMap<>();

  /** Makes {@code key} resolvable by its B-TID (what a bootstrapping run does at the BSF). */
  public void put(NafKey key) {
    keys.put(key.bTid(), key);
  }

  @Override
  public NafKey lookup(String bTid) throws NafKeyLookupException {
    NafKey key = keys.get(bTid);
    if (key == null) {
      throw new NafKeyLookupException(NafKeyLookupException.Reason.UNKNOWN_BTID, "B-TID: " + bTid + " (expected: a bootstrapped session)");
    }
    return key;
  }
}
