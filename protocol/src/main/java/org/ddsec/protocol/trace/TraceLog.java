package org.ddsec.protocol.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link Trace} that keeps every event in order (thread-safe). */
public final class TraceLog implements Trace {

  private final List<TraceEvent> events = Collections.synchronizedList(new ArrayList<>());

  @Override
  public void record(TraceEvent event) {
    events.add(event);
  }

  /** A snapshot of the events so far. */
  public List<TraceEvent> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  public void clear() {
    events.clear();
  }
}
