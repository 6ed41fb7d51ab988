package org.ddsec.protocol.ibakedd.mailbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ddsec.core.Bytes;
import org.ddsec.protocol.ibakedd.StoredMessage;

/** A {@link MessageStore} in memory. */
public final class InMemoryMessageStore implements MessageStore {

  private final Map<Bytes, Deposit> byId = new LinkedHashMap<>();

  @Override
  public synchronized void store(StoredMessage message, Instant depositedAt) {
    if (byId.containsKey(message.msgId())) {
      throw new IllegalStateException("message " + message.msgId().hex() + " exists");
    }
    byId.put(message.msgId(), new Deposit(message, depositedAt));
  }

  @Override
  public synchronized List<Deposit> forRecipient(String idB) {
    List<Deposit> out = new ArrayList<>();
    for (Deposit d : byId.values()) {
      if (d.message().idB().equals(idB)) {
        out.add(d);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<Deposit> get(Bytes msgId) {
    return Optional.ofNullable(byId.get(msgId));
  }

  public synchronized List<Deposit> all() {
    return List.copyOf(byId.values());
  }
}
