package org.ddsec.cli.gba;

import java.io.PrintWriter;
import java.time.Duration;
import org.ddsec.client.sip.SipUserAgent;
import org.ddsec.client.ue.UserEquipment;
import org.ddsec.client.ue.UserEquipment.UeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./ddsec ue register}: GBA bootstrap, then SIP REGISTER with the IMS core over TLS. The
 * binding outlives the process until it expires, its TLS flow does not: a call then finds the
 * flow closed and the core forwards it to the mailbox (cause 408), as for a UE out of coverage.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
    description = {"Bootstrap GBA and REGISTER with the IMS core over TLS; prints btid=, registered=, expires_s=, bindings=.",
        "Each ue command is a new process, so each bootstraps GBA itself. The binding stays until it expires (or --unregister);",
        "its TLS flow closes with the process, so calls then go to the mailbox."})
final class UeRegisterCommand extends UeSubcommand {

  @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "PT1H", converter = GbaCli.DurationConverter.class,
      description = "Registration lifetime asked for, ISO-8601 (default: ${DEFAULT-VALUE}; the registrar may shorten it).")
  Duration expires;

  @Option(names = "--unregister", description = "Remove the binding again before exiting (REGISTER with Expires: 0).")
  boolean unregister;

  @Override
  String name() {
    return "register";
  }

  @Override
  String bootstrapStep(UserEquipment.Config c) {
    return "18.1b";
  }

  @Override
  void check() throws GbaCli.UsageException {
    if (expires.isNegative() || expires.isZero() || expires.compareTo(Duration.ofDays(1)) > 0) {
      throw new GbaCli.UsageException("--expires: " + expires + " (expected: PT1S..P1D)");
    }
  }

  @Override
  void run(UserEquipment ue, UserEquipment.Config c, PrintWriter out) throws UeException {
    SipUserAgent.Registration r = ue.register(expires);
    out.println("registered=" + c.impu());
    out.println("expires_s=" + r.expires().toSeconds());
    out.println("bindings=" + String.join(",", r.bindings()));
    if (unregister) {
      ue.unregister();
      out.println("unregistered=" + c.impu());
    }
  }
}
