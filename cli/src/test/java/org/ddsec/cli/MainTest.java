package org.ddsec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  private static void leaves(CommandLine cl, String path, List<String> out) {
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      String p = path + " " + e.getKey();
      if (e.getValue().getSubcommands().isEmpty()) {
        out.add(p);
      } else {
        leaves(e.getValue(), p, out);
      }
    }
  }

  @Test
  void help_listsEveryCommand() {
    List<String> all = new ArrayList<>();
    leaves(Main.newCommandLine(), "ddsec", all);
    assertThat(all).contains("ddsec mikey decode");
    CliRun r = CliRun.of("--help");
    assertThat(r.exitCode()).isZero();
    for (String c : all) {
      assertThat(r.out()).contains(c);
    }
  }

  @Test
  void unknownCommand_isAUsageError() {
    CliRun r = CliRun.of("no-such-command");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Unmatched argument");
  }
}
