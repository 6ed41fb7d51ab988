package org.ddsec.cli.serve;

import picocli.CommandLine.Command;

/** {@code ./ddsec serve …}: the network services of issue 6, each with a configuration file. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run a ddsec network service on loopback (or as configured) until interrupted.",
    subcommands = {ServeImsCommand.class, ServeKmsCommand.class, ServeMailboxCommand.class})
public final class ServeCommand {}
