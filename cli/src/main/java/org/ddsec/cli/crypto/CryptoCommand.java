package org.ddsec.cli.crypto;

import picocli.CommandLine.Command;

/**
 * {@code ./ddsec crypto ...}: the primitives of the {@code crypto} module on the command line,
 * for cross-checks against other implementations. Inputs and outputs are lowercase hex; each
 * result is printed as {@code name=value}, one per line.
 */
@Command(
    name = "crypto",
    mixinStandardHelpOptions = true,
    description = "Run a crypto primitive for cross-checks (hex in, name=value lines out).",
    subcommands = {
      // one line per sub-command class, each in this package
      MikeyPrfCommand.class,
      SrtpKdfCommand.class,
      MilenageCommand.class,
      GbaNafKeyCommand.class,
      EccsiVerifyCommand.class,
    })
public final class CryptoCommand {}
