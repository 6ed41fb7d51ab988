package org.ddsec.cli.gba;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ddsec.server.bsf.BsfConfig;
import org.ddsec.server.bsf.BsfService;
import org.ddsec.server.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./ddsec bsf serve --config FILE}: the BSF with its HTTPS listeners until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the BSF: Ub (HTTP Digest AKA, TS 24.109) and Zn (mutual TLS) over HTTPS; keys in docs/gba.md.",
      "Prints ub=, zn= and tls= lines, then serves until interrupted (Ctrl-C)."
    })
public final class BsfServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "BSF configuration (Java properties, see docs/gba.md).")
  Path config;

  @Option(names = "--run-for", hidden = true, paramLabel = "DURATION", converter = GbaCli.DurationConverter.class,
      description = "Stop after this long (tests, demos).")
  Duration runFor;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BsfConfig c;
    try {
      c = GbaCli.config(config);
    } catch (GbaCli.UsageException e) {
      err.println("ddsec bsf serve: " + e.getMessage());
      return 2;
    }
    BsfService service;
    try {
      service = BsfService.start(c);
    } catch (StoreException e) {
      err.println("ddsec bsf serve: database: " + e.getMessage());
      return 1;
    } catch (java.io.IOException e) {
      err.println("ddsec bsf serve: " + (e instanceof BindException || e.getCause() instanceof BindException ? "cannot listen: " : "") + e.getMessage());
      return 1;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        service.close();
      } catch (Exception e) {
        // exiting anyway
      }
    }, "bsf-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("ub=" + service.server().ubUri());
    out.println("zn=" + service.server().znUri());
    if (c.tlsOutDir() != null) {
      out.println("tls=" + c.tlsOutDir());
    }
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
