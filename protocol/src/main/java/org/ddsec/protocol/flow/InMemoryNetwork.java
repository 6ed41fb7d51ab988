package org.ddsec.protocol.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.ddsec.core.RandomSource;

/**
 * The wire of an in-memory flow (Bouncy Castle's {@code UnreliableDatagramTransport} idea): a
 * queue of messages delivered one at a time. An {@link Interceptor} sees each message before
 * delivery and may drop, alter or duplicate it; with {@link #setReorder reorder} the next message
 * is drawn at random from the queue. Single-threaded, deterministic for a seeded random source.
 *
 * @param <E> the message type (an {@link Envelope}, or a world's own)
 */
public final class InMemoryNetwork<E> {

  /** Sees each message before it is delivered; returns what to deliver instead (none, it, altered, several). */
  @FunctionalInterface
  public interface Interceptor<E> {
    List<E> intercept(E e);
  }

  private final RandomSource random;
  private final Consumer<E> deliver;
  private final Deque<E> queue = new ArrayDeque<>();
  private final List<E> delivered = new ArrayList<>();
  private Interceptor<E> interceptor = List::of;
  private boolean reorder;
  private int maxDeliveries = 10_000;

  /**
   * @param random draws the next message when reordering
   * @param deliver hands a message to its addressee (which may {@link #send} more)
   */
  public InMemoryNetwork(RandomSource random, Consumer<E> deliver) {
    this.random = Objects.requireNonNull(random, "random");
    this.deliver = Objects.requireNonNull(deliver, "deliver");
  }

  public void setInterceptor(Interceptor<E> i) {
    this.interceptor = Objects.requireNonNull(i, "interceptor");
  }

  public void setReorder(boolean reorder) {
    this.reorder = reorder;
  }

  /** Bounds one {@link #run()} (a flow that keeps producing messages is a bug). */
  public void setMaxDeliveries(int max) {
    this.maxDeliveries = max;
  }

  /** Puts a message on the wire. */
  public void send(E e) {
    queue.add(Objects.requireNonNull(e, "message"));
  }

  /** Every message delivered so far, in order (after interception). */
  public List<E> delivered() {
    return List.copyOf(delivered);
  }

  /**
   * Delivers messages until none is left.
   *
   * @throws IllegalStateException if more than the maximum number of deliveries were needed
   */
  public void run() {
    int n = 0;
    while (!queue.isEmpty()) {
      if (++n > maxDeliveries) {
        throw new IllegalStateException("flow did not settle after " + maxDeliveries + " deliveries");
      }
      E next;
      if (reorder && queue.size() > 1) {
        List<E> all = new ArrayList<>(queue);
        int i = (int) (random.nextU32() % all.size());
        next = all.remove(i);
        queue.clear();
        queue.addAll(all);
      } else {
        next = queue.poll();
      }
      for (E e : interceptor.intercept(next)) {
        delivered.add(e);
        deliver.accept(e);
      }
    }
  }
}
