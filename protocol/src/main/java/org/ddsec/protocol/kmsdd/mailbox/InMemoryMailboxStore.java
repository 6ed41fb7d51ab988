package org.ddsec.protocol.kmsdd.mailbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ddsec.core.Bytes;

/** A {@link MailboxStore} in memory. */
public final class InMemoryMailboxStore implements MailboxStore {

  private final Map<Bytes, DepositRecord> byId = new LinkedHashMap<>();

  @Override
  public synchronized void store(DepositRecord record) {
    Bytes id = record.parameters().msgId();
    if (byId.containsKey(id)) {
      throw new IllegalStateException("deposit " + id.hex() + " exists");
    }
    byId.put(id, record);
  }

  @Override
  public synchronized List<DepositRecord> forRecipient(String idB) {
    List<DepositRecord> out = new ArrayList<>();
    for (DepositRecord r : byId.values()) {
      if (r.parameters().idB().equals(idB)) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<DepositRecord> get(Bytes msgId) {
    return Optional.ofNullable(byId.get(msgId));
  }

  public synchronized List<DepositRecord> all() {
    return List.copyOf(byId.values());
  }
}
