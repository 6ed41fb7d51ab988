package org.ddsec.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ddsec.cli.CliRun;
import org.junit.jupiter.api.Test;

/** {@code ./ddsec demo load}, tiny: every call set up and measured, nothing stored without media, usage errors. */
class DemoLoadCommandTest {

  private static final Pattern LEVEL = Pattern.compile(
      "rate=(\\S+) calls=(\\d+) ok=(\\d+) failed=(\\d+) achieved_per_s=(\\S+) setup_ms p50=(\\S+) p99=(\\S+) max=(\\S+) mean=\\S+ max_start_lag_ms=\\S+ mailbox_handling_mean_ms=(\\S+) kms_processing_mean_ms=(\\S+)");

  @Test
  void load_noMedia_everyCallMeasured_mailboxStoresNothing() {
    CliRun r = CliRun.of("demo", "load", "--rates", "20,40", "--calls", "6", "--callers", "3", "--callees", "2", "--warmup", "2", "--no-progress");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    Matcher m = LEVEL.matcher(r.out());
    int levels = 0;
    while (m.find()) {
      levels++;
      assertThat(m.group(2)).isEqualTo("6");
      assertThat(m.group(3)).as("ok").isEqualTo("6");
      assertThat(m.group(4)).as("failed").isEqualTo("0");
      double p50 = Double.parseDouble(m.group(6));
      double p99 = Double.parseDouble(m.group(7));
      double max = Double.parseDouble(m.group(8));
      assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
      assertThat(p99).isLessThanOrEqualTo(max);
      // the mailbox's share (KMS round trip included) is part of what the caller waits for
      double mailbox = Double.parseDouble(m.group(9));
      assertThat(mailbox).isPositive().isLessThan(max);
      assertThat(Double.parseDouble(m.group(10))).isPositive().isLessThan(mailbox);
    }
    assertThat(levels).isEqualTo(2);
    assertThat(r.out()).contains("warmup calls=2 ok=2 failed=0");
    assertThat(r.out()).contains("mailbox_stored_messages=0 (expected: 0)");
  }

  @Test
  void load_withPackets_everyDepositStored() {
    CliRun r = CliRun.of("demo", "load", "--rates", "10", "--calls", "3", "--callers", "3", "--callees", "1", "--warmup", "1", "--packets", "2",
        "--no-progress");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("2 SRTP packets then BYE", "warmup calls=1 ok=1 failed=0", "rate=10 calls=3 ok=3 failed=0",
        "mailbox_stored_messages=4 (expected: 4)");
  }

  /** IBAKE-DD call set-up (INVITE/183/PRACK/200) measured the same way; with media every deposit lands in ibake_message. */
  @Test
  void load_ibakeDd_everyCallMeasuredAndStored() {
    CliRun r = CliRun.of("demo", "load", "--solution", "ibake-dd", "--rates", "5", "--calls", "3", "--callers", "2", "--callees", "2", "--warmup",
        "1", "--packets", "2", "--no-progress");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("solution=ibake-dd", "warmup calls=1 ok=1 failed=0", "mailbox_stored_messages=4 (expected: 4)");
    Matcher m = LEVEL.matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    assertThat(m.group(3)).as("ok").isEqualTo("3");
    assertThat(Double.parseDouble(m.group(6))).isPositive().isLessThanOrEqualTo(Double.parseDouble(m.group(8)));
  }

  @Test
  void load_unknownSolution_usageError() {
    CliRun r = CliRun.of("demo", "load", "--solution", "sdes-dd");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("ddsec demo load: --solution: 'sdes-dd' (expected: kms-dd or ibake-dd)");
  }

  @Test
  void load_badRate_usageError() {
    CliRun r = CliRun.of("demo", "load", "--rates", "5,0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("ddsec demo load: --rates 0<R≤1000");
  }
}
