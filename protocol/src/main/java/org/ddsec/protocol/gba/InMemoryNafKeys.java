package org.ddsec.protocol.gba;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.ddsec.core.Bytes;
import org.ddsec.core.SecretBytes;

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

  /** A digest of every entry, keys included: equal digests mean unchanged contents. */
  public Bytes fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (NafKey k : new TreeMap<>(keys).values()) {
        md.update(k.toString().getBytes(StandardCharsets.UTF_8));
        byte[] b = k.ksNaf().unsafeBytes();
        md.update(b);
        SecretBytes.wipe(b);
      }
      return Bytes.of(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
