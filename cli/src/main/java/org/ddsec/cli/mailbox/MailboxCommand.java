package org.ddsec.cli.mailbox;

import picocli.CommandLine.Command;

/** {@code ./ddsec mailbox …}: tools for the mailbox service. */
@Command(name = "mailbox", mixinStandardHelpOptions = true, description = "Mailbox service tools.",
    subcommands = {MailboxLoadCommand.class})
public final class MailboxCommand {}
