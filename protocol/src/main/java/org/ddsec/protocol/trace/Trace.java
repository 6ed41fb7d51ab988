package org.ddsec.protocol.trace;

/** Where roles report {@link TraceEvent}s; injected like the clock. */
@FunctionalInterface
public interface Trace {

  /** A trace that drops everything. */
  Trace NONE = e -> {};

  void record(TraceEvent event);

  default void record(String step, String from, String to, String message, String summary) {
    record(new TraceEvent(step, from, to, message, summary));
  }
}
