package org.ddsec.cli.gba;

import picocli.CommandLine.Command;

/** {@code ./ddsec bsf ...}: the GBA bootstrapping server function. */
@Command(
    name = "bsf",
    mixinStandardHelpOptions = true,
    description = "GBA BSF: run it, or load-test it on loopback.",
    subcommands = {BsfServeCommand.class, BsfLoadCommand.class})
public final class BsfCommand {}
