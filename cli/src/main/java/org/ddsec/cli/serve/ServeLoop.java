package org.ddsec.cli.serve;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Prints the endpoints, then serves until interrupted (or for {@code runFor}), closing the service at the end. */
final class ServeLoop {

  private ServeLoop() {}

  static int run(AutoCloseable service, String name, PrintWriter out, Duration runFor, Runnable printEndpoints) throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        service.close();
      } catch (Exception e) {
        // exiting anyway
      }
    }, name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    printEndpoints.run();
    out.flush();
    if (runFor != null) {
      stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
      Runtime.getRuntime().removeShutdownHook(hook);
      service.close();
    } else {
      stop.await();
    }
    return 0;
  }
}
