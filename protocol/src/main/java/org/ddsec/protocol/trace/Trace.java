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

  /**
   * A trace that numbers bare steps ({@code "4"}) as steps of {@code figure} ({@code "27.4"}) and
   * passes the others ({@code "K.1"}, {@code "!"}) on to {@code sink} unchanged: the MIKEY-IBAKE
   * roles report the bare numbers of seed Fig. 27.
   */
  static Trace numbered(String figure, Trace sink) {
    return e -> sink.record(!e.step().isEmpty() && e.step().chars().allMatch(Character::isDigit)
        ? new TraceEvent(figure + "." + e.step(), e.from(), e.to(), e.message(), e.summary()) : e);
  }
}
