package org.ddsec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./ddsec} command. Each sub-command is a thin adapter: it parses arguments, reads
 * input, calls into {@code protocol}, {@code mikey} or {@code crypto}, and prints the result.
 *
 * <p>Exit codes: 0 success, 1 the input was refused (a typed, explained error), 2 usage error.
 */
@Command(
    name = "ddsec",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Secure deferred delivery for IMS media: MIKEY, SRTP and GBA tools.",
    subcommands = {
      CommandLine.HelpCommand.class,
      org.ddsec.cli.mikey.MikeyCommand.class,
      org.ddsec.cli.crypto.CryptoCommand.class,
      org.ddsec.cli.flow.FlowCommand.class,
      org.ddsec.cli.demo.DemoCommand.class,
      org.ddsec.cli.gba.BsfCommand.class,
      org.ddsec.cli.gba.SubscriberCommand.class,
      org.ddsec.cli.gba.UeCommand.class,
      org.ddsec.cli.media.MediaCommand.class,
      org.ddsec.cli.mailbox.MailboxCommand.class,
      org.ddsec.cli.serve.ServeCommand.class,
    })
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (used by tests, which must not call exit). */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  /** A fresh command line (tests set its out/err writers). */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? 2 : 1);
    // "@file" is an input form of our own (mikey decode), not a picocli argument file.
    cl.setExpandAtFiles(false);
    addCommandTree(cl);
    return cl;
  }

  /** Adds an "All commands" section to the top-level help: every leaf command with its description. */
  private static void addCommandTree(CommandLine cl) {
    String key = "allCommands";
    cl.getHelpSectionMap().put(key, help -> {
      StringBuilder sb = new StringBuilder("%nAll commands:%n");
      appendLeaves(sb, cl, "ddsec");
      return String.format(sb.toString());
    });
    java.util.List<String> keys = new java.util.ArrayList<>(cl.getHelpSectionKeys());
    keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), key);
    cl.setHelpSectionKeys(keys);
  }

  private static void appendLeaves(StringBuilder sb, CommandLine cl, String path) {
    for (java.util.Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      CommandLine sub = e.getValue();
      if (sub.getCommandSpec().name().equals("help") || !sub.getCommandName().equals(e.getKey())) {
        continue;
      }
      String p = path + " " + e.getKey();
      // a group that runs by itself too (demo, and demo load) is listed as well as its sub-commands
      if (sub.getSubcommands().isEmpty() || sub.getCommand() instanceof java.util.concurrent.Callable) {
        String[] d = sub.getCommandSpec().usageMessage().description();
        sb.append(String.format("  %-32s %s", p, d.length > 0 ? d[0] : "").replace("%", "%%")).append("%n");
      }
      if (!sub.getSubcommands().isEmpty()) {
        appendLeaves(sb, sub, p);
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ddsec " + (v == null ? "(development build)" : v)};
    }
  }
}
