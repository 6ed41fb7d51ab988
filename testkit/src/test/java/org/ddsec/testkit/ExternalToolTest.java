package org.ddsec.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ExternalToolTest {

  private static final String ABSENT = "ddsec-no-such-tool-7f3a";

  @Test
  void find_shellOnPath_isFoundAndRuns() throws Exception {
    ExternalTool sh = ExternalTool.require("sh");
    ExternalTool.Result r = sh.run(10, "-c", "echo out; echo err >&2; exit 3");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("out\n");
    assertThat(r.stderr()).isEqualTo("err\n");
  }

  @Test
  void require_absentTool_skipsByDefaultAndFailsWhenRequired() {
    String before = System.getProperty(ExternalTool.REQUIRE_PROPERTY);
    try {
      System.setProperty(ExternalTool.REQUIRE_PROPERTY, "false");
      TestAbortedException skip = assertThrows(TestAbortedException.class, () -> ExternalTool.require(ABSENT));
      assertThat(skip.getMessage()).contains(ABSENT + " is not installed").contains("skipped");
      System.setProperty(ExternalTool.REQUIRE_PROPERTY, "true");
      AssertionFailedError fail = assertThrows(AssertionFailedError.class, () -> ExternalTool.require(ABSENT));
      assertThat(fail.getMessage()).contains(ABSENT).contains("must not skip");
    } finally {
      if (before == null) {
        System.clearProperty(ExternalTool.REQUIRE_PROPERTY);
      } else {
        System.setProperty(ExternalTool.REQUIRE_PROPERTY, before);
      }
    }
    assertThat(ExternalTool.find(ABSENT)).isEmpty();
  }

  @Test
  void run_overTheTimeLimit_failsAndKills() {
    ExternalTool sh = ExternalTool.require("sh");
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> sh.run(1, "-c", "sleep 30"));
    assertThat(e.getMessage()).contains("still running after 1 s");
  }
}
