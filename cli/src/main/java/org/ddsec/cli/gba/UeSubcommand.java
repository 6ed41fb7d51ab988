package org.ddsec.cli.gba;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import org.ddsec.client.ue.UeProperties;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.client.ue.UserEquipment.UeException;
import org.ddsec.core.Bytes;
import org.ddsec.core.RandomSource;
import org.ddsec.protocol.gba.Bootstrapped;
import org.ddsec.protocol.trace.Trace;
import org.ddsec.server.config.Props.ConfigException;
import org.ddsec.server.sip.SipObserver;
import org.ddsec.server.sip.SipTraceEvent;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code ue register|call|inbox|fetch|play} share: the UE file ({@code --config}, {@link
 * UeProperties}), local checks before any network work, then a {@link UserEquipment} that
 * bootstraps GBA first — every invocation is a new process, so there is no Ks to reuse and each
 * command runs Ub itself (a fresh B-TID each time; the BSF keeps the older sessions until their
 * lifetime ends). Prints {@code name=value} lines on stdout; {@code --trace} prints the protocol
 * steps and SIP messages on stderr.
 *
 * <p>Exit codes: 0 done; 1 refused by the network (GBA, SIP, mailbox or KMS said no, or could not
 * be reached; one line naming the step); 2 usage (bad arguments or UE file; nothing was sent).
 */
abstract class UeSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "UE file (docs/ue.md): IMPU, IMPI, K, OPc, BSF, IMS core (TLS), KMS, mailbox, CA; e.g. demo-out/ue-alice.properties.")
  Path config;

  @Option(names = "--trace", description = "Print every protocol step and SIP message on stderr (no key material).")
  boolean trace;

  /** The sub-command's name, for messages. */
  abstract String name();

  /** The figure step of the GBA bootstrap in the trace (17.1a for a caller, 18.1b for a recipient). */
  abstract String bootstrapStep(UserEquipment.Config c);

  /** Local checks and input files, before anything is sent. */
  void check() throws GbaCli.UsageException, IOException {}

  /** The work after the bootstrap. */
  abstract void run(UserEquipment ue, UserEquipment.Config c, PrintWriter out) throws UeException, IOException;

  @Override
  public final Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    UserEquipment.Config c;
    try {
      check();
      c = UeProperties.load(config);
    } catch (GbaCli.UsageException | ConfigException e) {
      err.println("ddsec ue " + name() + ": " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("ddsec ue " + name() + ": " + e.getMessage());
      return 2;
    }
    GbaCli.logLevel(trace ? "INFO" : "WARN");
    try (UserEquipment ue = new UserEquipment(c, Clock.systemUTC(), RandomSource.secure(), trace ? steps(err) : Trace.NONE,
        trace ? sip(err) : SipObserver.NONE)) {
      Bootstrapped b = ue.bootstrap(bootstrapStep(c));
      out.println("btid=" + b.bTid());
      run(ue, c, out);
    } catch (UeException e) {
      out.flush();
      err.println("ddsec ue " + name() + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      out.flush();
      err.println("ddsec ue " + name() + ": " + e.getMessage());
      return 1;
    } finally {
      c.k().close();
      c.opc().close();
    }
    out.flush();
    return 0;
  }

  /** The figure step of a recipient's bootstrap: seed Fig. 27 step 10 for IBAKE-DD, Fig. 18 step 1 for KMS-DD. */
  static String recipientBootstrapStep(UserEquipment.Config c) {
    return c.ibake() ? "27.10b" : "18.1b";
  }

  /** An output file whose directory exists. */
  static void requireOutputDirectory(String option, Path out) throws GbaCli.UsageException {
    Path dir = out.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new GbaCli.UsageException(option + ": " + out + ": no such directory");
    }
  }

  /** A msg-id as {@code ue inbox} prints it (hex). */
  static Bytes msgId(String option, String hex) throws GbaCli.UsageException {
    if (hex.isEmpty() || hex.length() % 2 != 0 || hex.length() > 128 || !hex.matches("[0-9a-fA-F]+")) {
      throw new GbaCli.UsageException(option + ": '" + hex + "' (expected: a msg-id as `ddsec ue inbox` lists it, hex digits)");
    }
    return Bytes.of(HexFormat.of().parseHex(hex));
  }

  private static Trace steps(PrintWriter err) {
    return e -> {
      synchronized (err) {
        err.println(e.step() + " " + e.from() + (e.isLocal() ? "" : " -> " + e.to()) + ": " + e.message());
        for (String l : e.summary().split("\n")) {
          err.println("    " + l);
        }
        err.flush();
      }
    };
  }

  private static SipObserver sip(PrintWriter err) {
    return new SipObserver() {
      @Override
      public void onMessage(SipTraceEvent e) {
        synchronized (err) {
          err.println("SIP " + e + (e.bodySummary().isEmpty() ? "" : "  [" + e.bodySummary() + "]"));
          err.flush();
        }
      }
    };
  }
}
