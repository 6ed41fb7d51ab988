package org.ddsec.cli.mikey;

import picocli.CommandLine.Command;

/** {@code ./ddsec mikey ...}: MIKEY message tools. */
@Command(
    name = "mikey",
    mixinStandardHelpOptions = true,
    description = "MIKEY message tools (RFC 3830, 6043, 6267, 6509).",
    subcommands = {DecodeCommand.class})
public final class MikeyCommand {}
