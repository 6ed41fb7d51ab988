package org.ddsec.cli.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.ddsec.cli.CliRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FlowCommandTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"kms-dd, 17", "kms-dd-e2m, 19"})
  void flow_printsLadderNumberedLikeTheSeed_endsOk(String solution, String fig) {
    CliRun r = CliRun.of("flow", solution);
    assertThat(r.exitCode()).as(r.err()).isZero();
    String out = r.out();
    for (String step : new String[] {fig + ".1a", fig + ".1m", fig + ".2a", fig + ".2b", fig + ".3", fig + ".4", fig + ".5", fig + ".6",
        fig + ".7", fig + ".8", "18.1b", "18.2", "18.3", "18.4", "18.5", "18.6"}) {
      assertThat(out).as("step %s", step).contains(step + " ");
    }
    assertThat(out).contains("TRANSFER_INIT", "RESOLVE_INIT_PSK", "RESOLVE_RESP", "TRANSFER_RESP", "Ekms(Ka)", "Eb(K");
    assertThat(out.indexOf(fig + ".2b")).isLessThan(out.indexOf(fig + ".4")).isLessThan(out.indexOf("18.4"));
    assertThat(out).contains("---->").contains("<----");
    assertThat(out.strip()).endsWith("OK");
    if (fig.equals("19")) {
      assertThat(out).contains("V under Ke2m");
    }
  }

  @Test
  void unknownSolution_isUsageError() {
    CliRun r = CliRun.of("flow", "sdes-dd");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("SOLUTION: 'sdes-dd' (expected: kms-dd, kms-dd-e2m, ibake-dd or ibake-dd-strict)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"ibake-dd, true", "ibake-dd-strict, false"})
  void ibakeDd_printsFigure27Ladder_endsOk(String solution, boolean signed) {
    CliRun r = CliRun.of("flow", solution);
    assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
    String out = r.out();
    for (String step : new String[] {"K.1", "K.2", "K.3", "K.4", "27.1", "27.2", "27.3", "27.4", "27.5", "27.6", "27.7", "27.8", "27.9",
        "27.10", "27.11", "27.12"}) {
      assertThat(out).as("step %s", step).contains(step + " ");
    }
    assertThat(out).contains("REQUEST_KEY_PSK", "REQUEST_KEY_RESP", "I_MESSAGE_1", "R_MESSAGE_1", "I_MESSAGE_2", "R_MESSAGE_2",
        "ESK = E_B(ID-A, SK)", "no ECCPTi");
    assertThat(out.indexOf("27.1 ")).isLessThan(out.indexOf("27.4 ")).isLessThan(out.indexOf("27.8 ")).isLessThan(out.indexOf("27.12 "));
    assertThat(out).contains("---->").contains("<----");
    assertThat(out).contains(signed ? "is refused by the mailbox, nothing stored ... yes" : "is accepted — Bob would play the attacker's media");
    assertThat(out.strip()).endsWith("OK");
  }
}
